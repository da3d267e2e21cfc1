"""Clerks edit a draft through structured forms; mistakes are explained beside the field and change nothing."""

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World
from meetings.voting import Threshold
from rules.forms import criterion_row
from rules.models import RulePack
from rules.testing import draft_pack
from rules.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _general(pack: RulePack, **changes: Any) -> dict[str, Any]:
    """What the thresholds form posts for `pack` unchanged, with `changes`."""
    data = {
        "version": pack.edit_version,
        "name": pack.name,
        "description": "",
        "effective_from": pack.effective_from.isoformat(),
        "effective_to": "",
        "notice_lead_days": 1,
        "min_regular": 90,
        "min_regular_thematic": 120,
        "min_thematic": 90,
        "min_extraordinary": 0,
        "min_committee": 0,
        "majority_rule": "more",
        "majority_fraction": "1/2",
        "qualified_rule": "least",
        "qualified_fraction": "2/3",
        "thematic_per_quarter": 1,
    }
    return data | changes


def _sheet(pack: RulePack, number: int = 1) -> dict[str, Any]:
    """What the sheet editor posts for sheet `number` unchanged (plus its empty new rows)."""
    sheet = pack.data["quality"]["sheets"][number - 1]
    data: dict[str, Any] = {"version": pack.edit_version, "sheet-title": sheet["title"], "sheet-kinds": sheet["kinds"]}
    for prefix, rows in (("c", [criterion_row(c) for c in sheet["criteria"]]), ("l", sheet["levels"])):
        data |= {f"{prefix}-TOTAL_FORMS": len(rows) + 1, f"{prefix}-INITIAL_FORMS": len(rows)}
        data |= {f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
        for n, row in enumerate(rows):
            data |= {f"{prefix}-{n}-{key}": value for key, value in row.items()}
    data[f"c-{len(sheet['criteria'])}-source"] = "manual"  # a browser sends a select at its first choice
    return data


def _errors(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    form = response.context["form"]
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@pytest.fixture
def pack(world: World) -> RulePack:
    return draft_pack(world.commune_a, actor=world.olga)


def test_the_form_shows_the_pack_as_it_is(pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    form = olga.get(reverse("rules:edit", args=[pack.pk])).context["form"]
    expected = _general(pack)
    assert {name: form[name].value() for name in expected if name not in ("effective_from", "description")} == {
        k: v for k, v in expected.items() if k not in ("effective_from", "description", "effective_to")
    } | {"effective_to": None}


def test_it_saves_the_thresholds_and_dates(world: World, pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    changes = {
        "notice_lead_days": 3,
        "min_regular": 60,
        "min_thematic": "",
        "majority_rule": "least",
        "majority_fraction": " 2/3 ",
        "effective_from": "2027-01-01",
        "effective_to": "31/12/2027",
    }
    response = olga.post(reverse("rules:edit", args=[pack.pk]), _general(pack, **changes))
    assert response.status_code == 302
    pack.refresh_from_db()
    rules = pack.rules
    assert rules.notice_lead_days == 3 and rules.min_minutes_for("regular") == 60
    assert rules.min_minutes_for("thematic") == 60  # left empty: as a regular meeting
    assert rules.majority == Threshold(rules.qualified.fraction, strict=False)
    assert (pack.effective_from, pack.effective_to) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    entry = AuditEntry.objects.filter(action="rules.update", object_id=str(pack.pk)).order_by("-id").first()
    assert entry is not None
    assert entry.before["data"]["meeting"]["notice_lead_days"] == 1
    assert entry.after["data"]["meeting"]["notice_lead_days"] == 3


def test_it_explains_each_mistake_beside_its_field(pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    data, version = pack.data, pack.edit_version
    response = olga.post(
        reverse("rules:edit", args=[pack.pk]),
        _general(
            pack,
            notice_lead_days=45,
            min_committee=700,
            majority_fraction="hai phần ba",
            qualified_fraction="3/2",
            thematic_per_quarter=4,
            effective_to="2019-01-01",
        ),
    )
    assert response.status_code == 200
    assert _errors(response) == {
        "effective_to": ["Ngày hết hiệu lực không thể trước ngày bắt đầu có hiệu lực."],
        "notice_lead_days": ["phải từ 0 đến 30"],
        "min_committee": ["phải từ 0 đến 600"],
        "majority_fraction": ["«hai phần ba» không phải là phân số như 1/2 hoặc 2/3"],
        "qualified_fraction": ["phân số phải lớn hơn 0 và không quá 1"],
        "thematic_per_quarter": ["phải từ 0 đến 3"],
    }
    assert "Đồng chí hãy sửa các mục được đánh dấu bên dưới." in response.content.decode()
    pack.refresh_from_db()
    assert pack.data == data and pack.edit_version == version


def test_a_stale_form_is_refused(pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    url = reverse("rules:edit", args=[pack.pk])
    first = _general(pack, notice_lead_days=2)
    second = _general(pack, notice_lead_days=5)
    assert olga.post(url, first).status_code == 302
    response = olga.post(url, second)
    assert "Đã có người sửa bộ quy định này sau khi bạn mở trang" in response.content.decode()
    pack.refresh_from_db()
    assert pack.rules.notice_lead_days == 2


def test_it_edits_a_criterion_and_adds_another(pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    url = reverse("rules:sheet_edit", args=[pack.pk, 1])
    page = olga.get(url).content.decode()
    assert "&gt; 85 → 15" in page and "Tiêu chí mới" in page
    data = _sheet(pack)
    data |= {"c-0-title": "Trên 90% đảng viên dự họp", "c-0-bands": "> 90 → 15\n> 80 -> 10\n>= 50: 5"}
    data |= {"c-15-group": "6. Khác", "c-15-title": "Có khách mời cấp trên dự", "c-15-max_points": 5}
    data |= {"c-15-source": "manual", "c-0-max_points": 15}
    # The new criterion takes 5 points from the results' 10, so the sheet stays out of 100.
    data |= {"c-14-bands": ">= 90 → 5\n>= 70 → 3", "c-14-max_points": 5}
    response = olga.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("#sheet-1")
    pack.refresh_from_db()
    sheet = pack.rules.sheets[0]
    first, last = sheet.criteria[0], sheet.criteria[-1]
    assert first.title == "Trên 90% đảng viên dự họp" and [first.points_for(v) for v in (95, 85, 50, 49)] == [
        15,
        10,
        5,
        0,
    ]
    assert (last.key, last.title, last.group, last.is_manual) == (
        "co_khach_moi_cap_tren_du",
        last.title,
        "6. Khác",
        True,
    )
    assert sheet.max_total == 100
    assert AuditEntry.objects.filter(action="rules.sheet_update", object_id=str(pack.pk)).count() == 1


def test_an_untouched_new_row_is_left_out(pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    """The browser sends the new row's select at its first choice; that row is still empty."""
    data = _sheet(pack)
    assert data["c-15-source"] == "manual"
    assert olga.post(reverse("rules:sheet_edit", args=[pack.pk, 1]), data).status_code == 302
    pack.refresh_from_db()
    assert len(pack.rules.sheets[0].criteria) == 15


def test_it_removes_and_reorders_criteria(pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    keys = [c.key for c in pack.rules.sheets[0].criteria]
    url = reverse("rules:sheet_edit", args=[pack.pk, 1])
    data = _sheet(pack) | {"c-2-DELETE": "on", "c-1-max_points": 10, "c-1-bands": "= 0 → 10\n<= 1 → 4"}
    response = olga.post(url, data | {"move": "up-4"})
    # The moved criterion is now the third row, opened on the page that comes back.
    assert response.status_code == 302 and response["Location"].endswith(f"/rules/{pack.pk}/sheets/1/?open=2#c2")
    pack.refresh_from_db()
    assert [c.key for c in pack.rules.sheets[0].criteria] == [keys[0], keys[1], keys[4], keys[3], *keys[5:]]
    response = olga.post(url, _sheet(pack) | {"move": "down-0"})
    pack.refresh_from_db()
    assert [c.key for c in pack.rules.sheets[0].criteria][:2] == [keys[1], keys[0]]


def test_it_edits_the_levels_and_keeps_them_in_order(pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    data = _sheet(pack) | {"l-1-min_points": 75, "l-0-requires_full": ["attendance", "duration"]}
    data |= {"l-4-title": "Xuất sắc", "l-4-min_points": 98, "l-4-requires_full": ["attendance"]}
    assert olga.post(reverse("rules:sheet_edit", args=[pack.pk, 1]), data).status_code == 302
    pack.refresh_from_db()
    sheet = pack.rules.sheets[0]
    assert [(lv.title, lv.min_points) for lv in sheet.levels] == [
        ("Xuất sắc", 98),
        ("Tốt", 90),
        ("Khá", 75),
        ("Trung bình", 50),
        ("Kém", 0),
    ]
    assert sheet.levels[1].requires_full == ("attendance", "duration")
    assert sheet.level_for(95, {"attendance", "duration"}).title == "Tốt"


def test_the_sheet_editor_points_at_each_mistake(pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    before = pack.data
    data = _sheet(pack) | {
        "c-0-bands": "> 85 → 20\n> 70 → 10",  # 20 points on a 15-point criterion
        "c-3-bands": "trên 85 được 15",
        "c-14-source": "manual",  # switched to the cell scoring it, but its bands were kept
        "l-3-min_points": 10,
        "sheet-kinds": [],
    }
    response = olga.post(reverse("rules:sheet_edit", args=[pack.pk, 1]), data)
    assert response.status_code == 200
    editor = response.context["editor"]
    forms = editor.criteria.forms
    assert forms[3].errors["bands"][0].startswith("Dòng 1 («trên 85 được 15»)")
    # The schema checks the rest only once every row can be read.
    data["c-3-bands"] = "= có → 5"
    response = olga.post(reverse("rules:sheet_edit", args=[pack.pk, 1]), data)
    editor = response.context["editor"]
    forms = editor.criteria.forms
    assert forms[0].errors["bands"] == ["phải từ 0 đến 15", "không mức nào cho đủ 15 điểm"]
    assert forms[14].errors["bands"] == ["tiêu chí do chi bộ tự chấm không có mức điểm theo kết quả"]
    assert editor.form.errors["kinds"] == ["phải chọn loại cuộc họp mà phiếu dùng để chấm"]
    assert "bắt đầu từ 0 điểm" in str(editor.form.non_field_errors())
    assert "Chưa lưu: đồng chí hãy sửa các mục được đánh dấu bên dưới." in response.content.decode()
    pack.refresh_from_db()
    assert pack.data == before


def test_it_refuses_removing_a_criterion_a_level_needs(pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    response = olga.post(reverse("rules:sheet_edit", args=[pack.pk, 1]), _sheet(pack) | {"c-0-DELETE": "on"})
    assert response.status_code == 200
    assert response.context["editor"].levels.forms[0].errors["requires_full"] == [
        "Mức xếp loại này đòi điểm tối đa ở một tiêu chí bạn đang xóa: hãy bỏ chọn tiêu chí đó, hoặc giữ lại tiêu chí."
    ]


def test_it_adds_and_removes_a_sheet(world: World, pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    url = reverse("rules:sheet_add", args=[pack.pk]) + "?from=1"
    page = olga.get(url)
    assert page.context["editor"].form["kinds"].value() == []
    data = _sheet(pack) | {"sheet-title": "Phiếu sinh hoạt bất thường", "sheet-kinds": ["regular"]}
    refused = olga.post(url, data)
    assert refused.context["editor"].form.errors["kinds"] == [
        "cuộc họp loại «Sinh hoạt thường kỳ» đã được chấm bằng «Phiếu đánh giá chất lượng sinh hoạt chi bộ»"
    ]
    data["sheet-kinds"] = ["extraordinary"]
    assert olga.post(url, data).status_code == 302
    pack.refresh_from_db()
    assert [s.title for s in pack.rules.sheets] == [pack.rules.sheets[0].title, "Phiếu sinh hoạt bất thường"]
    assert pack.rules.sheet_for("extraordinary").key == "phieu_sinh_hoat_bat_thuong"  # type: ignore[union-attr]
    olga.post(reverse("rules:sheet_remove", args=[pack.pk, 2]), {"version": pack.edit_version})
    pack.refresh_from_db()
    assert len(pack.rules.sheets) == 1
    actions = list(AuditEntry.objects.filter(object_id=str(pack.pk)).values_list("action", flat=True))
    assert "rules.sheet_add" in actions and "rules.sheet_remove" in actions


def test_it_exports_and_imports_the_json(world: World, pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    exported = client_for(world, "olga").get(reverse("rules:export", args=[pack.pk]))
    assert exported["Content-Disposition"] == 'attachment; filename="x-hn-hd12-binh-thuan-v1.json"'
    data = json.loads(exported.content)
    assert data == pack.data
    data["meeting"]["notice_lead_days"] = 4
    upload = SimpleUploadedFile("quy-dinh.json", json.dumps(data, ensure_ascii=False).encode(), "application/json")
    url = reverse("rules:import", args=[pack.pk])
    assert olga.post(url, {"version": pack.edit_version, "file": upload}).status_code == 302
    pack.refresh_from_db()
    assert pack.rules.notice_lead_days == 4 and pack.name == "Quy định Đảng bộ xã Hương Nộn"
    assert AuditEntry.objects.filter(action="rules.import", object_id=str(pack.pk)).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"meeting": ', "Nội dung không phải JSON hợp lệ (dòng 1, cột 12)."),
        ("[]", "Bộ quy định phải là một đối tượng JSON."),
        ('{"meeting": {"notice_lead_days": 40}}', "Số ngày thông báo trước: phải từ 0 đến 30"),
        ("", "Hãy chọn tệp JSON hoặc dán nội dung của nó."),
    ],
)
def test_it_refuses_bad_json_and_changes_nothing(pack: RulePack, olga, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    before, version = pack.data, pack.edit_version
    response = olga.post(reverse("rules:import", args=[pack.pk]), {"version": version, "text": text})
    assert response.status_code == 200 and message in response.content.decode()
    pack.refresh_from_db()
    assert pack.data == before and pack.edit_version == version


def test_a_draft_is_deleted_under_audit(world: World, pack: RulePack, olga) -> None:  # type: ignore[no-untyped-def]
    url = reverse("rules:discard", args=[pack.pk])
    response = olga.post(url, {"version": pack.edit_version})
    assert response.status_code == 302 and response["Location"] == reverse("rules:list")
    assert not RulePack.objects.filter(pk=pack.pk).exists()
    assert AuditEntry.objects.get(action="rules.discard", object_id=str(pack.pk)).before["code"] == pack.code
    assert olga.post(url, {"version": pack.edit_version}).status_code == 302  # the second click
