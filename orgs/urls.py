from django.urls import path

from orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:org_id>/", views.detail, name="detail"),
    path("<int:org_id>/new/", views.create_child, name="create_child"),
    path("<int:org_id>/rename/", views.rename, name="rename"),
    path("<int:org_id>/move/", views.move, name="move"),
    path("<int:org_id>/dissolve/", views.dissolve, name="dissolve"),
    path("<int:org_id>/merge/", views.merge, name="merge"),
    path("<int:org_id>/merge/confirm/", views.merge_confirm, name="merge_confirm"),
]
