app_name = "printpack"
urlpatterns: list = []
