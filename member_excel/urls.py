from django.urls import path

from member_excel import views

app_name = "member_excel"
urlpatterns = [
    path("template/", views.template, name="template"),
    path("export/", views.export, name="export"),
    path("import/", views.upload, name="upload"),
    path("import/<int:batch_id>/", views.batch_detail, name="batch"),
    path("import/<int:batch_id>/progress/", views.progress, name="progress"),
    path("import/<int:batch_id>/commit/", views.commit, name="commit"),
    path("import/<int:batch_id>/recheck/", views.recheck, name="recheck"),
]
