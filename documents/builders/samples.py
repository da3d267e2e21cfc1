"""A sample of each kind of document, with every optional part filled in, to try an uploaded template on.

Built without the database, so checking a template reads nothing and
exercises every branch a real document can take (number, recipients, both
signatures, a table, an annex).
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from documents.official import Annex, OfficialDocument, Paragraph, Signature, Table
from meetings.models import DocumentType

_TITLES = {
    DocumentKind.NOTICE: (_("NOTICE"), DocumentType.NOTICE),
    DocumentKind.AGENDA: (_("AGENDA"), ""),
    DocumentKind.MINUTES: (_("MINUTES"), DocumentType.MINUTES),
    DocumentKind.RESOLUTION: (_("RESOLUTION"), DocumentType.RESOLUTION),
    DocumentKind.REPORT: (_("REPORT"), DocumentType.REPORT),
    DocumentKind.GUIDANCE: (_("GUIDANCE"), DocumentType.GUIDANCE),
}


def sample(kind: str, *, draft: bool = False) -> OfficialDocument:
    title, doc_type = _TITLES[DocumentKind(kind)]
    doc = OfficialDocument(
        kind=kind,
        superior_body="ĐẢNG BỘ XÃ TAM NÔNG",
        issuing_body="CHI BỘ KHU 6",
        place="Tam Nông",
        title=str(title),
        summary="Sinh hoạt chi bộ thường kỳ tháng 11/2026",
        doc_type=doc_type,
        symbol="" if draft or not doc_type else f"05-{doc_type}/CB",
        date=None if draft else dt.date(2026, 11, 20),
        draft=draft,
        blocks=[
            Paragraph("I. TÌNH HÌNH CHUNG", "heading"),
            Paragraph("Chi bộ đã lãnh đạo đảng viên thực hiện tốt các nhiệm vụ trọng tâm của tháng."),
            Paragraph("- Vận động nhân dân tham gia vệ sinh đường làng, ngõ xóm.", "item"),
            Paragraph("Thời gian: 19 giờ 30, ngày 20 tháng 11 năm 2026.", "center"),
            Paragraph("(Dành cho các chi bộ khu dân cư.)", "note"),
            Table(
                header=("TT", "Nội dung", "Người thực hiện", "Thời hạn"),
                rows=(("1", "Thu quỹ khuyến học", "Đồng chí Nguyễn Thị Lan", "30/11/2026"),),
                widths=(0.08, 0.52, 0.24, 0.16),
            ),
        ],
        signature=Signature(role="BÍ THƯ", name="Trần Văn Sâm", on_behalf="T/M CHI BỘ"),
        recipients=["- Đảng ủy xã Tam Nông (để báo cáo);", "- Đảng viên trong chi bộ;", "- Lưu chi bộ."],
    )
    if kind == DocumentKind.MINUTES:
        doc.signature = Signature(role="CHỦ TRÌ", name="Trần Văn Sâm")
        doc.left_signature = Signature(role="THƯ KÝ", name="Nguyễn Thị Lan")
        doc.recipients = []
        doc.annex = Annex(
            title="PHIẾU ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT CHI BỘ",
            subtitle="Sinh hoạt chi bộ thường kỳ tháng 11/2026",
            table=Table(
                header=("TT", "Tiêu chí", "Tối đa", "Điểm", "Ghi chú"),
                rows=(("1", "Số đảng viên dự họp", "20", "20", ""),),
                widths=(0.07, 0.45, 0.1, 0.1, 0.28),
                footer=("", "Tổng cộng", "100", "92", "Tốt"),
            ),
            lines=("Xếp loại: Tốt (92/100 điểm).",),
        )
    return doc
