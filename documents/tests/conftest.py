import io

import pytest
from django.test import Client
from docx import Document
from pypdf import PdfReader

from core.testing import PASSWORD, World


@pytest.fixture
def client_for(world: World):  # type: ignore[no-untyped-def]
    def make(who: str) -> Client:
        client = Client()
        user = world.users()[who]
        if user is not None:
            assert client.login(username=user.username, password=PASSWORD)
        return client

    return make


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def docx_text(content: bytes) -> str:
    """Every paragraph of a Word file, tables included, one per line."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def squeeze(text: str) -> str:
    """Whitespace collapsed, so that text wrapped over lines in a PDF compares as written."""
    return " ".join(text.split())
