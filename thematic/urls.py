from django.urls import path

from thematic import report_views, views

app_name = "thematic"
urlpatterns = [
    path("commune/<int:org_id>/", views.commune, name="commune"),
    path("cell/<int:org_id>/", views.cell, name="cell"),
    path("cell/<int:org_id>/plan/", views.plan_create, name="plan_create"),
    path("plan/<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("plan/<int:plan_id>/approve/", views.plan_approve, name="plan_approve"),
    path("plan/<int:plan_id>/reopen/", views.plan_reopen, name="plan_reopen"),
    path("topic/<int:topic_id>/meeting/", views.topic_link, name="topic_link"),
    path("meeting/<int:meeting_id>/report/", report_views.report, name="report"),
    path("meeting/<int:meeting_id>/report/start/", report_views.start, name="report_start"),
    path("report/<int:report_id>/edit/", report_views.edit, name="report_edit"),
    path("report/<int:report_id>/share/", report_views.share, name="report_share"),
    path("report/<int:report_id>/comment/", report_views.comment, name="report_comment"),
    path("report/<int:report_id>/discussed/", report_views.discussed, name="report_discussed"),
    path("report/<int:report_id>/final/", report_views.finalize, name="report_finalize"),
]
