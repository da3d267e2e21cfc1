from django.urls import path, register_converter

from documents import template_views, views


class FormatConverter:
    regex = "docx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "docfmt")

app_name = "documents"
urlpatterns = [
    path("meeting/<int:meeting_id>/notice.<docfmt:fmt>", views.meeting_document, {"kind": "notice"}, name="notice"),
    path("meeting/<int:meeting_id>/agenda.<docfmt:fmt>", views.meeting_document, {"kind": "agenda"}, name="agenda"),
    path("meeting/<int:meeting_id>/minutes.<docfmt:fmt>", views.meeting_document, {"kind": "minutes"}, name="minutes"),
    path(
        "meeting/<int:meeting_id>/resolution.<docfmt:fmt>",
        views.meeting_document,
        {"kind": "resolution"},
        name="resolution",
    ),
    path("meeting/<int:meeting_id>/report.<docfmt:fmt>", views.meeting_document, {"kind": "report"}, name="report"),
    path("guidance/<int:guidance_id>.<docfmt:fmt>", views.guidance_document, name="guidance"),
    path(
        "guidance/<int:guidance_id>/cell/<int:cell_id>.<docfmt:fmt>",
        views.cell_guidance_document,
        name="guidance_cell",
    ),
    path("org/<int:org_id>/templates/", template_views.templates_page, name="templates"),
    path("org/<int:org_id>/templates/<str:kind>/default.docx", template_views.default, name="template_default"),
    path("org/<int:org_id>/templates/<str:kind>/current.docx", template_views.current, name="template_current"),
    path("org/<int:org_id>/templates/<str:kind>/upload/", template_views.upload, name="template_upload"),
    path("org/<int:org_id>/templates/<str:kind>/reset/", template_views.reset, name="template_reset"),
    path("templates/<int:version_id>.docx", template_views.version_file, name="template_version"),
    path("templates/<int:version_id>/restore/", template_views.restore, name="template_restore"),
]
