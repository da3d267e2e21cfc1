from django.urls import path

from overview import views

app_name = "overview"
urlpatterns = [
    path("<int:org_id>/", views.grid, name="grid"),
]
