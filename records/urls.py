from django.urls import path

from records import task_views, views

app_name = "records"
urlpatterns = [
    path("meeting/<int:meeting_id>/", views.meeting_records, name="meeting"),
    path("meeting/<int:meeting_id>/minutes/draft/", views.minutes_draft, name="minutes_draft"),
    path("minutes/<int:minutes_id>/edit/", views.minutes_edit, name="minutes_edit"),
    path("minutes/<int:minutes_id>/adopt/", views.minutes_adopt, name="minutes_adopt"),
    path("minutes/<int:minutes_id>/amend/", views.minutes_amend, name="minutes_amend"),
    path("meeting/<int:meeting_id>/resolution/draft/", views.resolution_draft, name="resolution_draft"),
    path("resolution/<int:resolution_id>/edit/", views.resolution_edit, name="resolution_edit"),
    path("resolution/<int:resolution_id>/adopt/", views.resolution_adopt, name="resolution_adopt"),
    path("resolution/<int:resolution_id>/amend/", views.resolution_amend, name="resolution_amend"),
    path("tasks/", task_views.my_tasks, name="my_tasks"),
    path("task/<int:task_id>/", task_views.task_detail, name="task"),
    path("cell/<int:org_id>/tasks/", task_views.cell_task_list, name="cell_tasks"),
    path("org/<int:org_id>/overdue/", task_views.overdue_list, name="overdue"),
]
