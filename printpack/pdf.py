"""HTML to an A4 PDF with WeasyPrint, and the pack's PDF built from one laid-out page.

WeasyPrint takes about a fifth of a second of CPU to lay out and draw one
invitation page, so thirty members would take six seconds. But the pages
differ only in the member's name: the document holds the page once with the
name left blank, then one small page per member with only the name line, in
the place the style sheet gives it on the full page. Each member's page then
draws the shared page and their name page as two PDF form XObjects, so the
shared page is also stored once in the file, not thirty times.
"""

import io
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

STYLE_SHEET = "css/printpack.css"


def render_pdf(request: HttpRequest, template: str, context: dict[str, Any]) -> bytes:
    import weasyprint
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, context, request=request)
    # Everything is inline (the QR code is SVG, fonts are the system's): refuse every fetch.
    no_fetching = URLFetcher(allowed_protocols=())
    css_path = finders.find(STYLE_SHEET)
    assert isinstance(css_path, str), f"static/{STYLE_SHEET} is missing"
    with open(css_path, encoding="utf-8") as css_file:
        css = weasyprint.CSS(string=css_file.read(), url_fetcher=no_fetching)
    return weasyprint.HTML(string=html, url_fetcher=no_fetching).write_pdf(stylesheets=[css])


def _as_form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """The page's drawing as a form XObject in `writer`, with the page's own resources."""
    contents = page.get_contents()
    form = StreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form = form.flate_encode()
    resources = page.get(NameObject("/Resources"))
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(page.mediabox),
            NameObject("/Resources"): resources.clone(writer) if resources is not None else DictionaryObject(),
        }
    )
    return writer._add_object(form)


def _page_of(writer: PdfWriter, like: PageObject, forms: list[IndirectObject]) -> None:
    page = writer.add_blank_page(like.mediabox.width, like.mediabox.height)
    names = {NameObject(f"/F{i}"): form for i, form in enumerate(forms)}
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(names)})
    drawing = StreamObject()
    drawing.set_data(b" ".join(f"q {name} Do Q".encode() for name in names))
    page[NameObject("/Contents")] = writer._add_object(drawing)


def overlay(pdf: bytes, stamps: int) -> bytes:
    """The last `stamps` pages of `pdf` each drawn over a copy of the pages before them (the shared pages)."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = list(reader.pages)
    shared_pages, stamp_pages = pages[: len(pages) - stamps], pages[len(pages) - stamps :]
    assert shared_pages and stamp_pages, "a shared page and at least one stamp are needed"
    writer = PdfWriter()
    shared = [_as_form(writer, page) for page in shared_pages]
    for stamp_page in stamp_pages:
        stamp = _as_form(writer, stamp_page)
        for index, (form, page) in enumerate(zip(shared, shared_pages, strict=True)):
            _page_of(writer, page, [form, stamp] if index == 0 else [form])
    if reader.metadata:
        writer.add_metadata(dict(reader.metadata))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
