from django.urls import path  # noqa: F401

app_name = "member_excel"
urlpatterns: list = []
