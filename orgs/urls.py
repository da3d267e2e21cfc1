from django.urls import path

from orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:org_id>/", views.detail, name="detail"),
]
