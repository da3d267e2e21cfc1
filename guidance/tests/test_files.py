"""Documents passed on with the guidance: only real PDF, Word and image files, within the size limit."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.testing import World
from guidance.files import MAX_FILE_BYTES
from guidance.models import GuidanceItem
from guidance.testing import PDF_BYTES, make_guidance, pdf_upload
from guidance.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _docx(with_document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _post(world: World, guidance, upload) -> str:  # type: ignore[no-untyped-def]
    guidance.refresh_from_db()
    response = client_for(world, "olga").post(
        reverse("guidance:item_add", args=[guidance.pk]),
        {"version": guidance.version, "kind": "document", "title": "Văn bản", "file": upload},
    )
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.parametrize(
    "name, content",
    [
        ("nghi-quyet.pdf", PDF_BYTES),
        ("huong-dan.docx", _docx()),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100),
        ("so-do.PNG", b"\x89PNG\r\n\x1a\n" + b"0" * 100),
    ],
)
def test_it_accepts_pdf_word_and_images(world: World, name: str, content: bytes) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga, publish=False)
    assert _post(world, guidance, SimpleUploadedFile(name, content)) == ""
    item = guidance.items.get(title="Văn bản")
    assert item.file.name.startswith("guidance/") and item.file.size == len(content)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.exe", b"MZ\x90\x00", "chỉ nhận tệp PDF, Word (.docx), JPG và PNG"),
        ("bang-tinh.xlsx", _docx(), "chỉ nhận tệp PDF, Word (.docx), JPG và PNG"),
        ("doi-ten.pdf", b"MZ\x90\x00 not a pdf", "không phải tệp PDF hợp lệ"),
        ("gia.docx", _docx(with_document=False), "không phải tệp DOCX hợp lệ"),
        ("hong.docx", b"PK\x03\x04 broken zip", "không phải tệp DOCX hợp lệ"),
        ("rong.pdf", b"", "Tệp đã chọn không có nội dung."),
    ],
)
def test_it_refuses_bad_files_with_a_clear_message(world: World, name: str, content: bytes, message: str) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga, publish=False)
    html = _post(world, guidance, SimpleUploadedFile(name, content))
    assert message in html
    assert not guidance.items.filter(title="Văn bản").exists()


def test_it_refuses_a_file_over_the_limit(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga, publish=False)
    big = SimpleUploadedFile("lon.pdf", PDF_BYTES + b"0" * MAX_FILE_BYTES)
    html = _post(world, guidance, big)
    assert "mỗi tệp tối đa 20 MB" in html
    assert not guidance.items.filter(title="Văn bản").exists()


def test_it_replaces_and_removes_a_file_under_audit(world: World) -> None:
    from audit.models import AuditEntry

    guidance = make_guidance(world.commune_a, actor=world.olga, with_file=True)
    item = GuidanceItem.objects.exclude(file="").get()
    old_name = item.file.name
    client = client_for(world, "olga")
    url = reverse("guidance:item_edit", args=[item.pk])
    data = {"kind": "document", "title": item.title}
    client.post(url, data | {"version": guidance.version, "file": pdf_upload("ban-moi.pdf")})
    item.refresh_from_db()
    assert item.file.name != old_name and "ban-moi" in item.file.name
    guidance.refresh_from_db()
    client.post(url, data | {"version": guidance.version, "remove_file": "on"})
    item.refresh_from_db()
    assert not item.file
    entries = AuditEntry.objects.filter(action="guidance.correct_item_update").order_by("id")
    assert [e.before["file"] for e in entries] == [old_name, entries[0].after["file"]]


def test_it_serves_the_file_to_the_cells_it_is_for_and_to_no_one_else(world: World) -> None:
    make_guidance(world.commune_a, actor=world.olga, with_file=True)
    item = GuidanceItem.objects.exclude(file="").get()
    url = reverse("guidance:item_file", args=[item.pk])
    response = client_for(world, "alice").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    assert client_for(world, "oscar").get(url).status_code == 403
    # Narrowed to school cells: the residential cells' members no longer get it; the office still does.
    item.cell_types = ["school"]
    item.save()
    assert client_for(world, "alice").get(url).status_code == 403
    assert client_for(world, "olga").get(url).status_code == 200


def test_it_keeps_draft_files_from_the_cells(world: World) -> None:
    make_guidance(world.commune_a, actor=world.olga, with_file=True, publish=False)
    item = GuidanceItem.objects.exclude(file="").get()
    url = reverse("guidance:item_file", args=[item.pk])
    assert client_for(world, "sam").get(url).status_code == 403
    assert client_for(world, "rita").get(url).status_code == 200
