from django.urls import path

from committees import views

app_name = "committees"
urlpatterns = [
    path("<int:org_id>/", views.org_committee, name="org"),
    path("<int:org_id>/terms/new/", views.term_create, name="term_create"),
    path("terms/<int:term_id>/close/", views.term_close, name="term_close"),
    path("<int:org_id>/positions/new/", views.position_assign, name="position_assign"),
    path("positions/<int:position_id>/end/", views.position_end, name="position_end"),
]
