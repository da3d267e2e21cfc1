app_name = "thematic"
urlpatterns: list = []
