""" "Lịch của tôi": the private calendar link, its QR code, and the feed itself."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.slips import qr_svg
from feeds.actions import StaleForm, do_make_feed, do_revoke_feed, live_token
from feeds.forms import MakeFeedForm, RevokeFeedForm
from feeds.ical import build_calendar
from feeds.models import FeedToken
from feeds.queries import feed_meetings, find_feed
from feeds.tokens import token_for
from meetings.models import Meeting, MeetingStatus


def _has_calendar(user: object) -> bool:
    """Calendars list a member's cell and the cells they run or follow up: accounts without a member have none."""
    return bool(getattr(user, "member_id", None))


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    feed = live_token(request.user) if _has_calendar(request.user) else None
    context: dict = {"feed": feed, "has_calendar": _has_calendar(request.user)}
    token = token_for(feed.nonce, feed.token_hash) if feed is not None else None
    if feed is not None and token is None:
        # Made under a server secret that has since been dropped: the link no longer works.
        context["lost"] = True
    if token is not None:
        url = request.build_absolute_uri(reverse("feeds:feed", args=[token]))
        context.update(
            url=url,
            webcal_url="webcal://" + url.split("://", 1)[1],
            qr=qr_svg(url),
            count=feed_meetings(request.user).count(),
        )
    response = render(request, "feeds/mine.html", context)
    # The page holds the secret link: keep it out of shared caches and the browser's history cache.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def make(request: HttpRequest) -> HttpResponse:
    if not _has_calendar(request.user):
        raise Http404
    form = MakeFeedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete. Try again."))
        return redirect("feeds:mine")
    replaces = form.cleaned_data["replaces"]
    try:
        do_make_feed(request.user, cast(User, request.user), replaces=replaces)
    except StaleForm:
        messages.info(request, _("Your calendar link had already changed: this is the current one."))
    else:
        if replaces:
            messages.success(request, _("New link made. The old link no longer works: subscribe again with this one."))
        else:
            messages.success(request, _("Your calendar link is ready."))
    return redirect("feeds:mine")


@login_required
@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    if not _has_calendar(request.user):
        raise Http404
    form = RevokeFeedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete. Try again."))
        return redirect("feeds:mine")
    try:
        done = do_revoke_feed(request.user, cast(User, request.user), feed_id=form.cleaned_data["feed"])
    except FeedToken.DoesNotExist:
        raise Http404 from None
    if done:
        messages.success(request, _("The link is switched off: calendars subscribed to it will stop updating."))
    else:
        messages.info(request, _("This link was already switched off."))
    return redirect("feeds:mine")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar itself. No log-in: the secret token in the link is the key."""
    row = find_feed(token)
    if row is None:
        raise Http404
    user = row.user
    if row.revoked_at is not None or not user.is_active:
        return HttpResponse(
            _("This calendar link was switched off."), status=410, content_type="text/plain; charset=utf-8"
        )

    def url_of(meeting: Meeting) -> str:
        name = "records:meeting" if meeting.status == MeetingStatus.HELD else "preparation:notice"
        return request.build_absolute_uri(reverse(name, args=[meeting.pk]))

    body = build_calendar(
        list(feed_meetings(user)),
        uid=f"calendar-{user.pk}@chibo",
        name=_("Party cell meetings · %(name)s") % {"name": user.display_name},
        url_of=url_of,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="chibo.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
