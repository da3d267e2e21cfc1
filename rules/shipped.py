"""The packs shipped with chibo, read from rules/packs/*.json."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

PACKS_DIR = Path(__file__).parent / "packs"

# code → what the pack is, where it applies and from when. A shipped draft is a starting point to copy.
SHIPPED: dict[str, dict[str, Any]] = {
    "hd12-binh-thuan": {
        "name": "HD 12-HD/BTCTW – phiếu 100 điểm (mẫu Bình Thuận)",
        "description": (
            "Mặc định toàn quốc: khung tiêu chí của Hướng dẫn 12-HD/BTCTW (2018), phiếu chấm 100 điểm theo mẫu "
            "Bình Thuận; Tốt từ 90 điểm và đạt điểm tối đa về số lượng dự họp, thời gian, phát biểu, biên bản."
        ),
        "effective_from": dt.date(2018, 7, 31),
        "status": "published",
    },
    "nghe-an": {
        "name": "Phiếu riêng sinh hoạt thường kỳ và chuyên đề (mẫu Nghệ An)",
        "description": (
            "Hai phiếu chấm riêng cho sinh hoạt thường kỳ và sinh hoạt chuyên đề; thông báo trước 2 ngày. "
            "Bản nháp để đảng ủy sao chép, điều chỉnh và áp dụng cho đơn vị mình."
        ),
        "effective_from": dt.date(2026, 1, 1),
        "status": "draft",
    },
}


def pack_data(code: str) -> dict[str, Any]:
    return json.loads((PACKS_DIR / f"{code}.json").read_text(encoding="utf-8"))


def install(rule_pack_model: Any, using: str = "default") -> None:
    """Create the shipped packs that are missing (by code and version 1); `rule_pack_model` may be historical."""
    for code, meta in SHIPPED.items():
        rule_pack_model.objects.using(using).get_or_create(
            code=code,
            version=1,
            defaults={
                "name": meta["name"],
                "description": meta["description"],
                "effective_from": meta["effective_from"],
                "status": meta["status"],
                "data": pack_data(code),
            },
        )


def reinstall_after_flush(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: a database emptied by `flush` (as transactional tests do) gets the shipped packs back.

    Only an empty table is filled, so a pack an installation removed on purpose is never brought back.
    """
    from rules.models import RulePack

    if not RulePack.objects.using(using).exists():
        install(RulePack, using)
