"""PDF rendering: an `OfficialDocument` laid out by an HTML template and printed by WeasyPrint.

The font is the system's Times-compatible serif with full Vietnamese glyphs
(Liberation Serif, from fonts-liberation2); nothing is bundled. The document
refers to nothing outside itself, so nothing is ever fetched.
"""

import threading
from functools import lru_cache

from django.template.loader import get_template, render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from documents.official import OfficialDocument, Paragraph, Table


class _NoFetching(URLFetcher):
    """Refuses every URL: a document holds user text and must not make the server fetch anything."""

    def fetch(self, url: str, headers: object = None) -> None:  # type: ignore[override]
        raise ValueError(f"Documents fetch nothing: {url}")


# Built once per thread: font lookup, the stylesheet and the fetcher cost more than a page's layout.
_local = threading.local()


@lru_cache(maxsize=1)
def _css_text() -> str:
    # Through the template loaders, so the stylesheet lives beside the HTML template; it has no tags.
    return get_template("documents/pdf/official.css").render()


def _tools() -> tuple[FontConfiguration, CSS, URLFetcher]:
    tools = getattr(_local, "tools", None)
    if tools is None:
        fonts = FontConfiguration()
        fetcher = _NoFetching()
        tools = (fonts, CSS(string=_css_text(), font_config=fonts, url_fetcher=fetcher), fetcher)
        _local.tools = tools
    return tools


def html(doc: OfficialDocument) -> str:
    blocks = [
        {"paragraph": block} if isinstance(block, Paragraph) else {"table": block, "widths": _widths(block)}
        for block in doc.blocks
    ]
    annex = None
    if doc.annex is not None:
        annex = {"annex": doc.annex, "widths": _widths(doc.annex.table)}
    return render_to_string("documents/pdf/official.html", {"doc": doc, "blocks": blocks, "annex": annex})


def _widths(table: Table) -> list[str]:
    """Column widths in per cent, written with a dot whatever the locale."""
    return [f"{share * 100:.2f}" for share in table.widths]


def render_pdf(doc: OfficialDocument) -> bytes:
    fonts, css, fetcher = _tools()
    return HTML(string=html(doc), url_fetcher=fetcher).write_pdf(stylesheets=[css], font_config=fonts)
