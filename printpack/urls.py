from django.urls import path

from printpack import checkin_views, views

app_name = "printpack"
urlpatterns = [
    path("meeting/<int:meeting_id>/", views.pack, name="pack"),
    path("meeting/<int:meeting_id>/pdf/", views.pack_pdf, name="pack_pdf"),
    path("meeting/<int:meeting_id>/checkin/", checkin_views.checkin_qr, name="checkin_qr"),
    path("meeting/<int:meeting_id>/checkin/open/", checkin_views.checkin_open, name="checkin_open"),
    path("meeting/<int:meeting_id>/checkin/rotate/", checkin_views.checkin_rotate, name="checkin_rotate"),
    path("meeting/<int:meeting_id>/checkin/list/", checkin_views.checkin_list, name="checkin_list"),
    path(
        "meeting/<int:meeting_id>/checkin/<int:check_in_id>/confirm/",
        checkin_views.checkin_confirm,
        name="checkin_confirm",
    ),
    path(
        "meeting/<int:meeting_id>/checkin/<int:check_in_id>/reject/",
        checkin_views.checkin_reject,
        name="checkin_reject",
    ),
    path(
        "meeting/<int:meeting_id>/checkin/confirm-all/", checkin_views.checkin_confirm_all, name="checkin_confirm_all"
    ),
    path("checkin/<str:token>/", checkin_views.checkin, name="checkin"),
]
