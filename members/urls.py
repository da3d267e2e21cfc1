from django.urls import path

from members import event_views, views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("new/", views.create, name="create"),
    path("transfer-in/", views.transfer_in, name="transfer_in"),
    path("<int:member_id>/", views.detail, name="detail"),
    path("<int:member_id>/edit/", views.edit, name="edit"),
    path("<int:member_id>/full-member/", event_views.make_full, name="make_full"),
    path("<int:member_id>/exemption/", event_views.add_exemption, name="add_exemption"),
    path("<int:member_id>/exemption/end/", event_views.end_exemption, name="end_exemption"),
    path("<int:member_id>/temporary-activity/", event_views.add_temporary_activity, name="add_temporary_activity"),
    path(
        "<int:member_id>/temporary-activity/end/",
        event_views.end_temporary_activity,
        name="end_temporary_activity",
    ),
    path("<int:member_id>/transfer/", event_views.transfer, name="transfer"),
    path("<int:member_id>/transfer-out/", event_views.transfer_out, name="transfer_out"),
    path("<int:member_id>/death/", event_views.record_death, name="record_death"),
    path("<int:member_id>/removal/", event_views.remove, name="remove"),
]
