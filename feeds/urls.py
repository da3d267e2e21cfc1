from django.urls import path

from feeds import views

app_name = "feeds"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.make, name="make"),
    path("revoke/", views.revoke, name="revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
