from django.urls import path

from preparation import agenda_views, member_views, views

app_name = "preparation"
urlpatterns = [
    path("cell/<int:org_id>/", views.cell_meetings_page, name="cell_meetings"),
    path("cell/<int:org_id>/new/", views.create, name="create"),
    path("<int:meeting_id>/", views.prepare, name="prepare"),
    path("<int:meeting_id>/edit/", views.edit, name="edit"),
    path("<int:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("<int:meeting_id>/assignments/", views.add_assignment, name="assignment_add"),
    path("assignments/<int:assignment_id>/done/", views.assignment_done, name="assignment_done"),
    path("assignments/<int:assignment_id>/remove/", views.remove_assignment, name="assignment_remove"),
    path("<int:meeting_id>/prep-meeting/", views.prep_meeting, name="prep_meeting"),
    path("<int:meeting_id>/documents/", views.add_document, name="document_add"),
    path("documents/<int:document_id>/", member_views.document, name="document"),
    path("documents/<int:document_id>/remove/", views.remove_document, name="document_remove"),
    path("<int:meeting_id>/agenda/build/", agenda_views.build, name="agenda_build"),
    path("<int:meeting_id>/agenda/add/", agenda_views.add_item, name="agenda_item_add"),
    path("agenda/<int:item_id>/", agenda_views.edit_item, name="agenda_item"),
    path("agenda/<int:item_id>/move/", agenda_views.move_item, name="agenda_item_move"),
    path("agenda/<int:item_id>/remove/", agenda_views.remove_item, name="agenda_item_remove"),
    path("templates/<int:org_id>/", agenda_views.template, name="template"),
    path("templates/<int:org_id>/own/", agenda_views.create_template, name="template_create"),
    path("templates/<int:org_id>/drop/", agenda_views.drop_template, name="template_drop"),
    path("templates/<int:org_id>/steps/", agenda_views.add_step, name="template_step_add"),
    path("template-steps/<int:step_id>/move/", agenda_views.move_step, name="template_step_move"),
    path("template-steps/<int:step_id>/remove/", agenda_views.remove_step, name="template_step_remove"),
    path("<int:meeting_id>/notice/send/", views.send_notice, name="notice_send"),
    path("<int:meeting_id>/notice/", member_views.notice, name="notice"),
    path("<int:meeting_id>/opinion/", member_views.opinion, name="opinion"),
    path("<int:meeting_id>/absence/", member_views.absence, name="absence"),
    path("<int:meeting_id>/absence/withdraw/", member_views.withdraw_absence, name="absence_withdraw"),
]
