"""Guidance for tests, built through the same actions the pages use."""

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from guidance.actions import do_add_item, do_create_guidance, do_publish_guidance
from guidance.models import Guidance, ItemKind
from orgs.models import Organization

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name: str = "nghi-quyet.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_guidance(
    org: Organization,
    *,
    actor: Any = None,
    month: dt.date = dt.date(2026, 12, 1),
    publish: bool = True,
    with_file: bool = False,
) -> Guidance:
    """A guidance with one key task for every cell, one for school cells only, and a document."""
    guidance = do_create_guidance(
        actor, org, month=month, title=f"Định hướng sinh hoạt tháng {month.month}/{month.year}"
    )
    do_add_item(
        actor,
        guidance,
        version=guidance.version,
        kind=ItemKind.KEY_TASK,
        title="Ra quân làm sạch đường làng",
        body="Mỗi chi bộ vận động hộ gia đình tham gia.",
    )
    do_add_item(
        actor,
        guidance,
        version=guidance.version,
        kind=ItemKind.KEY_TASK,
        title="Ôn tập cuối học kỳ",
        cell_types=["school"],
    )
    do_add_item(
        actor,
        guidance,
        version=guidance.version,
        kind=ItemKind.DOCUMENT,
        title="Nghị quyết 57-NQ/TW",
        file=pdf_upload() if with_file else None,
    )
    if publish:
        guidance = do_publish_guidance(actor, guidance, version=guidance.version)
    return guidance


def walk_kwargs(world: Any, what: str) -> dict[str, int]:
    """URL arguments for the permission walk: commune A's published guidance (with a document
    file for every cell), its point with the file, or one of its conferences; created once."""
    from guidance.models import Conference, GuidanceItem

    if what == "conference":
        conference, _ = Conference.objects.get_or_create(
            organization=world.commune_a,
            held_on=dt.date(2026, 11, 25),
            defaults={"attendees": "Ban Chấp hành Đảng bộ xã", "conclusions": "Thống nhất định hướng tháng 12."},
        )
        return {"conference_id": conference.pk}
    guidance = Guidance.objects.filter(organization=world.commune_a).first() or make_guidance(
        world.commune_a, with_file=True
    )
    item = GuidanceItem.objects.exclude(file="").get(guidance=guidance)
    kwargs = {"guidance": {"guidance_id": guidance.pk}, "item": {"item_id": item.pk}}
    if what == "guidance+item":
        return kwargs["guidance"] | kwargs["item"]
    return kwargs[what]
