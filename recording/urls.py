from django.urls import path

from recording import text_views, views

app_name = "recording"
urlpatterns = [
    path("<int:meeting_id>/", views.meeting, name="meeting"),
    path("<int:meeting_id>/start/", views.start, name="start"),
    path("<int:meeting_id>/end/", views.end, name="end"),
    path("<int:meeting_id>/guests/", views.add_guest, name="add_guest"),
    path("<int:meeting_id>/guests/<int:guest_id>/remove/", views.remove_guest, name="remove_guest"),
    path("<int:meeting_id>/roll/<int:attendance_id>/", views.mark, name="mark"),
    path("<int:meeting_id>/items/<int:item_id>/notes/", text_views.notes, name="notes"),
    path("<int:meeting_id>/items/<int:item_id>/speeches/", text_views.add_speech, name="add_speech"),
    path("<int:meeting_id>/speeches/<int:speech_id>/", text_views.edit_speech, name="edit_speech"),
    path("<int:meeting_id>/speeches/<int:speech_id>/remove/", text_views.remove_speech, name="remove_speech"),
    path("<int:meeting_id>/votes/", views.add_vote, name="add_vote"),
    path("<int:meeting_id>/votes/<int:vote_id>/remove/", views.remove_vote, name="remove_vote"),
]
