from django.urls import path

from guidance import views

app_name = "guidance"
urlpatterns = [
    path("org/<int:org_id>/", views.guidance_list, name="list"),
    path("org/<int:org_id>/new/", views.guidance_create, name="create"),
    path("org/<int:org_id>/conferences/new/", views.conference_create, name="conference_create"),
    path("conferences/<int:conference_id>/edit/", views.conference_edit, name="conference_edit"),
    path("<int:guidance_id>/", views.guidance_detail, name="detail"),
    path("<int:guidance_id>/edit/", views.guidance_edit, name="edit"),
    path("<int:guidance_id>/publish/", views.publish, name="publish"),
    path("<int:guidance_id>/uptake/", views.uptake, name="uptake"),
    path("<int:guidance_id>/items/new/", views.item_add, name="item_add"),
    path("<int:guidance_id>/items/<int:item_id>/delete/", views.item_delete, name="item_delete"),
    path("items/<int:item_id>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:item_id>/file/", views.item_file, name="item_file"),
    path("cell/<int:org_id>/", views.for_cell, name="for_cell"),
]
