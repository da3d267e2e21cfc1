from django.urls import path

from quality import views

app_name = "quality"
urlpatterns = [
    path("meeting/<int:meeting_id>/", views.meeting_sheet, name="meeting"),
    path("meeting/<int:meeting_id>/score/", views.score, name="score"),
    path("meeting/<int:meeting_id>/recompute/", views.recompute, name="recompute"),
    path("commune/<int:org_id>/", views.commune, name="commune"),
    path("commune/<int:org_id>/export/", views.commune_export, name="commune_export"),
    path("cell/<int:cell_id>/", views.cell, name="cell"),
]
