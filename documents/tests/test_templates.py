"""The office's Word templates: a good upload is used, a broken one refused with a clear message, history kept."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from audit.models import AuditEntry
from core.testing import World
from documents import builders
from documents.actions import do_reset_template, do_restore_template, do_upload_template
from documents.docx_default import default_template
from documents.models import TemplateVersion
from documents.render import render
from documents.testing import adopted_records, upload_template
from documents.tests.conftest import docx_text
from documents.validation import check_template

MARK = "MẪU RIÊNG CỦA ĐẢNG ỦY XÃ"


def edited(kind: str = "minutes", *, add: str = MARK, drop: str = "") -> bytes:
    """The built-in template with a paragraph added after the title (and one removed), as Word would save it."""
    document = Document(io.BytesIO(default_template(kind)))
    title = next(p for p in document.paragraphs if p.text == "{{ title }}")
    if add:
        title.insert_paragraph_before(add)
    if drop:
        target = next(p for p in document.paragraphs if p.text == drop)
        target._p.getparent().remove(target._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def minutes_word(world: World, minutes) -> str:  # type: ignore[no-untyped-def]
    doc = builders.minutes(minutes.meeting, minutes)
    return docx_text(render(doc, minutes.meeting.organization, "docx").content)


def refusal(kind: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        check_template(kind, data)
    return " ".join(caught.value.messages)


def test_every_built_in_template_passes_its_own_checks() -> None:
    for kind in ("notice", "agenda", "minutes", "resolution", "report", "guidance"):
        check_template(kind, default_template(kind))
    # Built by code, the same every time.
    assert default_template("minutes") == default_template("minutes")


def test_the_cells_below_use_the_communes_upload(world: World) -> None:
    minutes, _resolution = adopted_records(world)
    assert MARK not in minutes_word(world, minutes)
    version = upload_template(world, "minutes", edited())
    assert (version.number, version.is_upload, version.created_by) == (1, True, world.olga)
    text = minutes_word(world, minutes)
    assert MARK in text and "Số 01-BB/CB" in text and "Trần Văn Sâm" in text
    row = AuditEntry.objects.get(action="document_template.upload")
    assert row.organization == world.commune_a and row.after["number"] == 1 and "content" not in row.after


def test_the_nearest_organizations_template_wins_and_going_back_passes_the_turn_up(world: World) -> None:
    minutes, _resolution = adopted_records(world)
    do_upload_template(None, world.province, "minutes", data=edited(add="MẪU CỦA TỈNH"), filename="t.docx", seen=0)
    assert "MẪU CỦA TỈNH" in minutes_word(world, minutes)
    upload_template(world, "minutes", edited())
    text = minutes_word(world, minutes)
    assert MARK in text and "MẪU CỦA TỈNH" not in text
    do_reset_template(world.olga, world.commune_a, "minutes", seen=1)
    assert "MẪU CỦA TỈNH" in minutes_word(world, minutes)


def test_it_keeps_the_history_and_brings_back_an_earlier_version(world: World) -> None:
    minutes, _resolution = adopted_records(world)
    first = upload_template(world, "minutes", edited())
    upload_template(world, "minutes", edited(add="PHIÊN BẢN HAI"))
    assert "PHIÊN BẢN HAI" in minutes_word(world, minutes)
    reset = do_reset_template(world.olga, world.commune_a, "minutes", seen=2)
    assert reset is not None and reset.number == 3 and not reset.is_upload
    text = minutes_word(world, minutes)
    assert MARK not in text and "PHIÊN BẢN HAI" not in text  # the built-in template again
    restored = do_restore_template(world.olga, first, seen=3)
    assert (restored.number, restored.restored_from, restored.sha256) == (4, first, first.sha256)
    assert MARK in minutes_word(world, minutes)
    assert list(TemplateVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2, 3, 4]
    actions = list(AuditEntry.objects.filter(action__startswith="document_template.").values_list("action", flat=True))
    assert sorted(actions) == sorted(
        ["document_template.upload"] * 2 + ["document_template.reset", "document_template.restore"]
    )


def test_a_stale_form_and_a_double_submit_change_nothing(world: World) -> None:
    data = edited()
    first = upload_template(world, "minutes", data)
    # The same file again (a double submit): the same version, nothing added.
    again = do_upload_template(world.olga, world.commune_a, "minutes", data=data, filename="x.docx", seen=0)
    assert again == first and TemplateVersion.objects.count() == 1
    # A different file from a page opened before the first upload.
    with pytest.raises(ValidationError, match="Người khác đã thay đổi mẫu này"):
        do_upload_template(world.olga, world.commune_a, "minutes", data=edited(add="KHÁC"), filename="y.docx", seen=0)
    assert TemplateVersion.objects.count() == 1
    # Going back to the default twice adds one row only.
    do_reset_template(world.olga, world.commune_a, "minutes", seen=1)
    do_reset_template(world.olga, world.commune_a, "minutes", seen=1)
    assert TemplateVersion.objects.count() == 2


def test_it_refuses_what_is_not_a_word_document() -> None:
    assert "không phải văn bản Word" in refusal("minutes", b"Bien ban sinh hoat chi bo")
    assert "không phải văn bản Word" in refusal("minutes", b"%PDF-1.4\n%%EOF\n")
    bare = io.BytesIO()
    with zipfile.ZipFile(bare, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    assert "không phải văn bản Word" in refusal("minutes", bare.getvalue())
    assert "Tệp trống" in refusal("minutes", b"")


def test_it_refuses_a_document_with_macros() -> None:
    source = zipfile.ZipFile(io.BytesIO(default_template("minutes")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
            archive.writestr(item, data)
    assert "macro" in refusal("minutes", out.getvalue())


@pytest.mark.parametrize(
    ("add", "expected"),
    [
        ("{{ title ", "Mẫu có lỗi"),
        ("{{ chu_ky_bi_thu }}", "“chu_ky_bi_thu”"),
        ("{% lap_lai %}", "không có thẻ “lap_lai”"),
        ("{%p if is_draft %}", "chưa được đóng"),
        ("{{ title.__class__.__mro__ }}", "không được phép dùng “__class__”"),
    ],
)
def test_it_names_the_problem_of_a_broken_tag(add: str, expected: str) -> None:
    message = refusal("minutes", edited(add=add))
    assert expected in message, message


def test_it_refuses_a_template_without_the_text(world: World) -> None:
    message = refusal("resolution", edited("resolution", add="", drop="{{p body }}"))
    assert "{{p body }}" in message


def test_a_refused_upload_keeps_the_template_in_use(world: World) -> None:
    minutes, _resolution = adopted_records(world)
    upload_template(world, "minutes", edited())
    with pytest.raises(ValidationError):
        do_upload_template(
            world.olga, world.commune_a, "minutes", data=edited(add="{{ sai }}"), filename="b.docx", seen=1
        )
    assert TemplateVersion.objects.count() == 1 and MARK in minutes_word(world, minutes)
    assert not AuditEntry.objects.filter(action="document_template.upload").exclude(after__number=1).exists()


# The pages.


def test_the_office_uploads_through_the_page(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("olga")
    page = reverse("documents:templates", args=[world.commune_a.pk])
    assert "Mẫu mặc định" in client.get(page).content.decode()
    upload = reverse("documents:template_upload", args=[world.commune_a.pk, "minutes"])
    data = edited()
    response = client.post(upload, {"seen": 0, "file": SimpleUploadedFile("bien-ban.docx", data)})
    assert response.status_code == 302 and response["Location"].endswith("#minutes")
    body = client.get(page).content.decode()
    assert "Mẫu riêng, phiên bản 1" in body and "bien-ban.docx" in body
    # A broken file: refused with the reason, the page still shows version 1.
    response = client.post(
        upload, {"seen": 1, "file": SimpleUploadedFile("hong.docx", b"khong phai word")}, follow=True
    )
    body = response.content.decode()
    assert "Mẫu không được chấp nhận" in body and "không phải văn bản Word" in body
    assert TemplateVersion.objects.count() == 1
    # The files: the default, the one in use, and each uploaded version.
    default = client.get(reverse("documents:template_default", args=[world.commune_a.pk, "minutes"]))
    assert default.status_code == 200 and default.content == default_template("minutes")
    current = client.get(reverse("documents:template_current", args=[world.commune_a.pk, "minutes"]))
    assert current.content == data
    version = TemplateVersion.objects.get()
    assert client.get(reverse("documents:template_version", args=[version.pk])).content == data


def test_only_the_office_of_an_organization_above_the_cells_has_templates(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    page = reverse("documents:templates", args=[world.commune_a.pk])
    for who, code in (("sam", 403), ("rita", 403), ("oscar", 403), ("alice", 403)):
        assert client_for(who).get(page).status_code == code, who
    upload = reverse("documents:template_upload", args=[world.commune_a.pk, "minutes"])
    response = client_for("sam").post(upload, {"seen": 0, "file": SimpleUploadedFile("a.docx", edited())})
    assert response.status_code == 403 and not TemplateVersion.objects.exists()
    # A cell has no templates of its own; an unknown kind does not exist.
    assert client_for("olga").get(reverse("documents:templates", args=[world.cell_a1.pk])).status_code == 404
    assert client_for("olga").get(f"/documents/org/{world.commune_a.pk}/templates/memo/default.docx").status_code == 404
