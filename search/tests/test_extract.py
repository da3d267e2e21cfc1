"""Text out of PDF and Word files; a file that cannot be read gives no text and no error."""

import io

from search.extract import extract_text
from search.testing import docx_upload, pdf_upload


def test_it_reads_a_pdf() -> None:
    text = extract_text("nghi-quyet.pdf", io.BytesIO(pdf_upload("Nghị quyết về phòng chống lụt bão năm 2026").read()))

    assert "Nghị quyết về phòng chống lụt bão năm 2026" in text


def test_it_reads_a_word_file_with_its_tables() -> None:
    text = extract_text("ke-hoach.docx", io.BytesIO(docx_upload("Kế hoạch Đại hội chi bộ\nNhiệm kỳ 2025-2027").read()))

    assert text.split("\n") == ["Kế hoạch Đại hội chi bộ", "Nhiệm kỳ 2025-2027", "Phụ lục", "Bảng kê"]


def test_broken_files_and_pictures_give_no_text() -> None:
    assert extract_text("hong.pdf", io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\n")) == ""
    assert extract_text("hong.docx", io.BytesIO(b"PK\x03\x04 not a zip")) == ""
    assert extract_text("anh.png", io.BytesIO(b"\x89PNG\r\n\x1a\n")) == ""
