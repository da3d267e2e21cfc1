"""Printable activation slips: one page per cell, a QR code on each slip, as HTML or PDF."""

import itertools
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import segno
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from accounts.activation import Slip
from orgs.models import Organization


@dataclass
class PrintedSlip:
    slip: Slip
    url: str
    qr_svg: SafeString | None


@dataclass
class SlipPage:
    cell: Organization
    slips: list[PrintedSlip]


def activation_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:activate"))


def qr_svg(text: str) -> SafeString:
    """An inline SVG QR code, sized by CSS; nothing is fetched from elsewhere."""
    svg = segno.make_qr(text, error="m").svg_inline(omitsize=True, border=2, dark="#000", light="#fff")
    return mark_safe(svg)  # built by segno from our own URL, no user markup  # noqa: S308


def slip_pages(request: HttpRequest, slips: list[Slip]) -> list[SlipPage]:
    base = activation_url(request)
    pages = []
    for _, group in itertools.groupby(slips, key=lambda s: s.member.organization_id):
        printed = []
        for slip in group:
            url = f"{base}?{urlencode({'u': slip.username, 'c': slip.code})}" if slip.code else ""
            printed.append(PrintedSlip(slip=slip, url=url, qr_svg=qr_svg(url) if slip.code else None))
        pages.append(SlipPage(cell=printed[0].slip.member.organization, slips=printed))
    return pages


def pdf_response(request: HttpRequest, context: dict[str, Any], filename: str) -> HttpResponse:
    """The slips as an A4 PDF, rendered from the same slip template with the same style sheet."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    html = render_to_string("accounts/slips_pdf.html", context, request=request)
    # Everything is inline (QR codes are SVG): refuse every fetch rather than call out from the server.
    no_fetching = URLFetcher(allowed_protocols=())
    css_path = finders.find("css/accounts.css")
    assert isinstance(css_path, str), "static/css/accounts.css is missing"
    with open(css_path, encoding="utf-8") as css_file:
        css = weasyprint.CSS(string=css_file.read(), url_fetcher=no_fetching)
    pdf = weasyprint.HTML(string=html, url_fetcher=no_fetching).write_pdf(stylesheets=[css])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
