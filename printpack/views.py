"""The print pack: one invitation page per member, as a printable page or one PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.timezone import localtime

from meetings.models import Meeting
from preparation.queries import access_meeting
from printpack.forms import PackForm
from printpack.pack import Pack, build_pack
from printpack.pdf import overlay, pdf_response, render_pdf


def _pack(request: HttpRequest, meeting: Meeting) -> tuple[Pack, PackForm]:
    form = PackForm(request.GET or None)
    notice_url = request.build_absolute_uri(reverse("preparation:notice", args=[meeting.pk]))
    return build_pack(meeting, notice_url, form.chosen()), form


@login_required
def pack(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    built, form = _pack(request, meeting)
    query = request.GET.urlencode()
    context = {
        "pack": built,
        "meeting": meeting,
        "form": form,
        "pdf_url": reverse("printpack:pack_pdf", args=[meeting.pk]) + (f"?{query}" if query else ""),
    }
    return render(request, "printpack/pack.html", context)


@login_required
def pack_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    built, _form = _pack(request, meeting)
    if not built.pages:
        # Nobody to print for: the page says why.
        return redirect(reverse("printpack:pack", args=[meeting.pk]) + f"?{request.GET.urlencode()}")
    # The page is laid out once and each member's name over it (see printpack/pdf.py).
    laid_out = render_pdf(request, "printpack/pack_pdf.html", {"pack": built, "meeting": meeting})
    pdf = overlay(laid_out, stamps=len(built.pages))
    day = localtime(meeting.scheduled_at).strftime("%Y%m%d")
    return pdf_response(pdf, f"giay-moi-{slugify(meeting.organization.code) or meeting.organization_id}-{day}.pdf")
