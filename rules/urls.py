from django.urls import path

from rules import views

app_name = "rules"
urlpatterns = [
    path("", views.pack_list, name="list"),
    path("<int:pack_id>/", views.pack_detail, name="detail"),
    path("<int:pack_id>/copy/", views.pack_copy, name="copy"),
    path("<int:pack_id>/edit/", views.pack_edit, name="edit"),
    path("<int:pack_id>/sheets/new/", views.sheet_add, name="sheet_add"),
    path("<int:pack_id>/sheets/<int:number>/", views.sheet_edit, name="sheet_edit"),
    path("<int:pack_id>/sheets/<int:number>/remove/", views.sheet_remove, name="sheet_remove"),
    path("<int:pack_id>/json/", views.pack_export, name="export"),
    path("<int:pack_id>/import/", views.pack_import, name="import"),
    path("<int:pack_id>/publish/", views.pack_publish, name="publish"),
    path("<int:pack_id>/withdraw/", views.pack_withdraw, name="withdraw"),
    path("<int:pack_id>/discard/", views.pack_discard, name="discard"),
]
