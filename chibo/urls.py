from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("home.urls")),
    path("accounts/", include("accounts.urls")),
    path("orgs/", include("orgs.urls")),
    path("members/", include("members.urls")),
    path("members/excel/", include("member_excel.urls")),
    path("committees/", include("committees.urls")),
    path("guidance/", include("guidance.urls")),
    path("meetings/", include("preparation.urls")),
    path("meetings/record/", include("recording.urls")),
    path("records/", include("records.urls")),
    path("overview/", include("overview.urls")),
    path("rules/", include("rules.urls")),
    path("quality/", include("quality.urls")),
    path("thematic/", include("thematic.urls")),
    path("documents/", include("documents.urls")),
    path("print/", include("printpack.urls")),
    path("calendar/", include("feeds.urls")),
    path("search/", include("search.urls")),
    path("audit/", include("audit.urls")),
    path("admin/", admin.site.urls),
]
