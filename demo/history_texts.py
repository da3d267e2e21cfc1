"""The words of the demo's year of meetings: the commune's guidance, thematic topics, tasks, what members said.

Fictional but true to the period (December 2025 to November 2026): the 14th
Party Congress, the March 2026 elections, the holidays each month brings,
the harvest seasons and the year-end review.
"""

from guidance.models import ItemKind
from orgs.models import CellType

KEY, DOC, NEWS = ItemKind.KEY_TASK, ItemKind.DOCUMENT, ItemKind.CURRENT_AFFAIRS
SCHOOL, POLICE = [CellType.SCHOOL], [CellType.POLICE, CellType.MILITARY]

# (month, year) -> the commune's points for the month: (kind, title, cell types; empty = every cell).
GUIDANCE: dict[tuple[int, int], list[tuple[str, str, list[str]]]] = {
    (12, 2025): [
        (KEY, "Tổng kết công tác xây dựng Đảng năm 2025, xây dựng phương hướng năm 2026", []),
        (KEY, "Ra quân làm giao thông, thủy lợi nội đồng vụ đông xuân", [CellType.RESIDENTIAL]),
        (DOC, "Hướng dẫn số 42-HD/BTCTW về kiểm điểm, đánh giá chất lượng sinh hoạt chi bộ", []),
        (NEWS, "Kỷ niệm 81 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12)", []),
    ],
    (1, 2026): [
        (KEY, "Tổ chức đón Tết Nguyên đán Bính Ngọ vui tươi, an toàn, tiết kiệm", []),
        (KEY, "Bảo đảm an ninh trật tự, phòng chống cháy nổ dịp Tết", POLICE),
        (NEWS, "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng", []),
        (DOC, "Kế hoạch tổ chức bầu cử đại biểu Quốc hội khóa XVI và HĐND các cấp nhiệm kỳ 2026-2031", []),
    ],
    (2, 2026): [
        (KEY, "Kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02)", []),
        (KEY, "Thăm hỏi, tặng quà gia đình chính sách, hộ nghèo dịp Tết", [CellType.RESIDENTIAL]),
        (DOC, "Báo cáo chính trị của Ban Chấp hành Trung ương khóa XIII tại Đại hội XIV", []),
        (NEWS, "Phát động Tết trồng cây đời đời nhớ ơn Bác Hồ", []),
    ],
    (3, 2026): [
        (KEY, "Tuyên truyền, vận động cử tri đi bầu cử ngày 15/3/2026", []),
        (KEY, "Ôn tập cho học sinh lớp 9 chuẩn bị thi vào lớp 10", SCHOOL),
        (DOC, "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng", []),
        (NEWS, "Kỷ niệm 95 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3)", []),
    ],
    (4, 2026): [
        (KEY, "Chăm sóc lúa xuân, phòng trừ sâu bệnh", [CellType.RESIDENTIAL]),
        (KEY, "Tổ chức kiểm tra cuối học kỳ II nghiêm túc", SCHOOL),
        (NEWS, "Kỷ niệm 51 năm Ngày giải phóng miền Nam, thống nhất đất nước", []),
        (DOC, "Chỉ thị 50-CT/TW về nâng cao chất lượng sinh hoạt chi bộ", []),
    ],
    (5, 2026): [
        (KEY, "Kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5)", []),
        (KEY, "Tổng kết năm học 2025-2026, xét tốt nghiệp THCS", SCHOOL),
        (KEY, "Thu hoạch vụ xuân nhanh gọn, chuẩn bị vụ mùa", [CellType.RESIDENTIAL]),
        (NEWS, "Tình hình thời tiết, nắng nóng và phòng chống đuối nước cho trẻ em", []),
    ],
    (6, 2026): [
        (KEY, "Chủ động phòng chống thiên tai, lụt bão năm 2026", []),
        (KEY, "Tổ chức hoạt động hè cho thiếu nhi tại khu dân cư", [CellType.RESIDENTIAL]),
        (DOC, "Quy định 366-QĐ/TW về kiểm điểm, đánh giá, xếp loại chất lượng", []),
        (NEWS, "Kỷ niệm 101 năm Ngày Báo chí Cách mạng Việt Nam (21/6)", []),
    ],
    (7, 2026): [
        (KEY, "Kỷ niệm 79 năm Ngày Thương binh - Liệt sĩ (27/7), thăm hỏi gia đình chính sách", []),
        (KEY, "Tuyển chọn, gọi công dân nhập ngũ năm 2027: rà soát nguồn", POLICE),
        (NEWS, "Một năm vận hành chính quyền địa phương hai cấp", []),
    ],
    (8, 2026): [
        (KEY, "Kỷ niệm 81 năm Cách mạng Tháng Tám và Quốc khánh 2/9", []),
        (KEY, "Chuẩn bị khai giảng năm học 2026-2027", SCHOOL),
        (KEY, "Vệ sinh môi trường, phòng chống sốt xuất huyết", [CellType.RESIDENTIAL]),
        (NEWS, "Tình hình biển Đông và công tác bảo vệ chủ quyền biển đảo", []),
    ],
    (9, 2026): [
        (KEY, "Hưởng ứng Tháng khuyến học, khuyến tài", []),
        (KEY, "Thu hoạch lúa mùa, chuẩn bị sản xuất vụ đông", [CellType.RESIDENTIAL]),
        (DOC, "Kế hoạch sơ kết một năm thực hiện Nghị quyết Đại hội Đảng bộ xã lần thứ I", []),
    ],
    (10, 2026): [
        (KEY, "Chuẩn bị kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2026", []),
        (KEY, "Kỷ niệm Ngày Phụ nữ Việt Nam (20/10)", []),
        (NEWS, "Kết quả thực hiện các chỉ tiêu kinh tế - xã hội 9 tháng năm 2026 của xã", []),
    ],
    (11, 2026): [
        (KEY, "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc (18/11) ở khu dân cư", [CellType.RESIDENTIAL]),
        (KEY, "Kiểm điểm, đánh giá, xếp loại đảng viên năm 2026 theo Hướng dẫn 43-HD/BTCTW", []),
        (KEY, "Kỷ niệm Ngày Nhà giáo Việt Nam (20/11)", SCHOOL),
        (DOC, "Hướng dẫn 43-HD/BTCTW về kiểm điểm, đánh giá, xếp loại năm 2026", []),
    ],
}

# A thematic topic per quarter, in the order of the history's quarters.
THEMATIC_TOPICS = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm của đảng viên",
    "Nghiên cứu, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    "Nâng cao chất lượng sinh hoạt chi bộ theo Chỉ thị 50-CT/TW",
    "Vai trò tiên phong của đảng viên trong xây dựng nông thôn mới nâng cao",
    "Chuyển đổi số và sử dụng Sổ tay đảng viên điện tử trong sinh hoạt chi bộ",
]

TASKS: dict[str, list[str]] = {
    CellType.RESIDENTIAL: [
        "Vận động các hộ gia đình hoàn thành các khoản đóng góp xây dựng khu dân cư",
        "Tổ chức tổng vệ sinh đường làng, ngõ xóm vào sáng Chủ nhật cuối tháng",
        "Nắm tình hình tư tưởng nhân dân, kịp thời báo cáo Đảng ủy xã",
        "Rà soát quần chúng ưu tú, đề nghị bồi dưỡng kết nạp Đảng",
        "Vận động nhân dân kích hoạt tài khoản định danh điện tử mức 2",
        "Thăm hỏi các gia đình chính sách, đảng viên cao tuổi ốm đau",
        "Phối hợp Ban công tác Mặt trận hòa giải mâu thuẫn trong khu dân cư",
        "Hướng dẫn bà con chăm sóc lúa và phòng trừ sâu bệnh",
    ],
    CellType.SCHOOL: [
        "Hoàn thành kế hoạch bồi dưỡng học sinh giỏi và phụ đạo học sinh yếu",
        "Tổ chức dự giờ, thao giảng chào mừng các ngày lễ lớn",
        "Rà soát, bồi dưỡng giáo viên ưu tú để kết nạp Đảng",
        "Ứng dụng công nghệ thông tin trong quản lý và giảng dạy",
        "Phối hợp với cha mẹ học sinh bảo đảm an toàn cho học sinh",
    ],
    CellType.POLICE: [
        "Tăng cường tuần tra, kiểm soát bảo đảm an ninh trật tự trên địa bàn",
        "Tuyên truyền phòng chống lừa đảo qua mạng cho nhân dân",
        "Hoàn thành làm sạch dữ liệu dân cư theo Đề án 06",
        "Kiểm tra an toàn phòng cháy chữa cháy tại các cơ sở kinh doanh",
    ],
    "": [
        "Thực hiện tốt nhiệm vụ chuyên môn được giao trong tháng",
        "Đôn đốc đảng viên đóng đảng phí đầy đủ, đúng hạn",
        "Học tập, quán triệt các văn bản mới của cấp trên",
        "Thực hành tiết kiệm, chống lãng phí trong cơ quan, đơn vị",
        "Cập nhật thông tin đảng viên trên Sổ tay đảng viên điện tử",
    ],
}

OPINIONS = [
    "Đề nghị chi ủy quan tâm hơn đến việc nắm tình hình tư tưởng của đảng viên cao tuổi.",
    "Nhất trí với dự thảo nghị quyết; đề nghị bổ sung thời hạn hoàn thành cho từng nhiệm vụ.",
    "Việc vận động nhân dân còn chậm ở một số hộ, cần phân công đảng viên phụ trách từng nhóm hộ.",
    "Đề nghị tổ chức sinh hoạt đúng giờ, tài liệu gửi trước để đảng viên nghiên cứu.",
    "Báo cáo của chi ủy đầy đủ, sát thực tế; đề nghị nêu rõ hơn nguyên nhân hạn chế.",
    "Đề nghị chi bộ biểu dương những đảng viên tích cực trong phong trào của địa phương.",
    "Một số đảng viên chưa thường xuyên sử dụng Sổ tay đảng viên điện tử, cần hướng dẫn thêm.",
    "Nhất trí cao với phương hướng nhiệm vụ tháng tới, tôi xin nhận phần việc được phân công.",
]
SELF_CRITICISM = [
    "Trong tháng bản thân còn chậm hoàn thành phần việc được giao, xin rút kinh nghiệm.",
    "Tôi chưa tham gia đầy đủ hoạt động của khu dân cư do bận công việc gia đình, sẽ khắc phục.",
]
PRAISE = "Biểu dương đồng chí %s đã hoàn thành xuất sắc nhiệm vụ được giao trong tháng."
REMINDER = "Nhắc nhở đồng chí %s chậm đóng đảng phí, đề nghị khắc phục ngay trong tháng."
CONCLUSION = "Chi bộ đánh giá cao tinh thần thảo luận; giao chi ủy hoàn thiện nghị quyết theo ý kiến đóng góp."

ABSENCE_REASONS = ["Ốm, đang điều trị", "Đi công tác", "Việc gia đình", "Đi học tập trung", "Con nhỏ ốm"]
ON_DUTY = "Trực chiến đấu, làm nhiệm vụ"
EXEMPT_REASON = "Được miễn sinh hoạt, tuổi cao sức yếu"
AWAY_REASON = "Đang sinh hoạt tạm thời nơi khác"
