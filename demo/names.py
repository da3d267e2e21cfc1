"""Vietnamese names, places and occupations the generator draws from.

Family names carry rough national weights (Nguyễn about four in ten, then
Trần, Lê, Phạm…). Middle and given names shift by generation: older men are
mostly "Văn", older women almost all "Thị", younger people have more varied
names. All people generated from these lists are fictional.
"""

# (family name, weight in per mille)
FAMILY_NAMES: list[tuple[str, int]] = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 50),
    ("Phan", 45),
    ("Vũ", 39),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 16),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đào", 12),
    ("Hà", 10),
    ("Đinh", 7),
    ("Kiều", 5),
    ("Cao", 4),
    ("Trịnh", 4),
    ("Lương", 3),
    ("Tạ", 3),
    ("Mai", 3),
    ("Lưu", 2),
    ("Chu", 2),
    ("Tô", 2),
]

# Middle names: (name, weight) for people born before 1970 and from 1970 on.
MALE_MIDDLE_OLDER: list[tuple[str, int]] = [
    ("Văn", 62),
    ("Đức", 7),
    ("Đình", 6),
    ("Xuân", 5),
    ("Hữu", 5),
    ("Quang", 4),
    ("Công", 4),
    ("Ngọc", 3),
    ("Bá", 2),
    ("Thế", 2),
]
MALE_MIDDLE_YOUNGER: list[tuple[str, int]] = [
    ("Văn", 28),
    ("Đức", 12),
    ("Minh", 12),
    ("Quang", 8),
    ("Mạnh", 6),
    ("Tiến", 6),
    ("Thanh", 6),
    ("Hoàng", 5),
    ("Duy", 5),
    ("Trọng", 4),
    ("Anh", 4),
    ("Quốc", 4),
]
FEMALE_MIDDLE_OLDER: list[tuple[str, int]] = [
    ("Thị", 88),
    ("Thu", 3),
    ("Kim", 3),
    ("Ngọc", 3),
    ("Thanh", 3),
]
FEMALE_MIDDLE_YOUNGER: list[tuple[str, int]] = [
    ("Thị", 46),
    ("Thu", 9),
    ("Thanh", 8),
    ("Ngọc", 7),
    ("Phương", 6),
    ("Thùy", 6),
    ("Hồng", 5),
    ("Minh", 5),
    ("Bích", 4),
    ("Hải", 4),
]

MALE_GIVEN_OLDER = [
    "Hùng", "Dũng", "Thắng", "Hải", "Bình", "Long", "Sơn", "Thành", "Minh", "Cường",
    "Hòa", "Tiến", "Toàn", "Phúc", "Vinh", "Lâm", "Thịnh", "Chiến", "Hưng", "Lợi",
    "Nghĩa", "Tâm", "Tài", "Thuận", "Đạt", "Lực", "Kiên", "Trung", "Chính", "Quý",
    "Tuyên", "Khải", "Hợi", "Sửu", "Tý", "Dần", "Mão", "Thìn", "Bảo", "Luận",
]  # fmt: skip
MALE_GIVEN_YOUNGER = [
    "Tuấn", "Hoàng", "Nam", "Duy", "Đức", "Huy", "Khánh", "Phong", "Tùng", "Việt",
    "Anh", "Hiếu", "Quân", "Trung", "Long", "Thắng", "Hải", "Kiên", "Cường", "Dương",
    "Linh", "Mạnh", "Thành", "Tú", "Sơn", "Hưng", "Đạt", "Lộc", "Phương", "Vũ",
]  # fmt: skip
FEMALE_GIVEN_OLDER = [
    "Lan", "Hoa", "Mai", "Hương", "Hồng", "Hạnh", "Thủy", "Nga", "Liên", "Nhung",
    "Hằng", "Loan", "Xuân", "Thu", "Tuyết", "Thoa", "Yến", "Dung", "Oanh", "Tâm",
    "Vân", "Hiền", "Huệ", "Cúc", "Sen", "Phượng", "Lụa", "Chung", "Hảo", "Tươi",
]  # fmt: skip
FEMALE_GIVEN_YOUNGER = [
    "Trang", "Linh", "Ngọc", "Thảo", "Hà", "Huyền", "Phương", "Giang", "Anh", "Hằng",
    "Nhung", "Quỳnh", "Vân", "Yến", "Hiền", "Thúy", "Mai", "Ly", "Nhàn", "Hương",
    "Thu", "Dung", "Hạnh", "Nga", "Lan", "Oanh", "Duyên", "Hoa", "Loan", "Tuyết",
]  # fmt: skip

# Residential areas of the two communes merged with Hương Nộn in 2025 (fictional names).
HUNG_HOA_AREAS = [
    "Khu Tân Hưng", "Khu Hưng Thịnh", "Khu Tây Sơn", "Khu Phú Lợi", "Khu Đoàn Kết",
    "Khu Thắng Lợi", "Khu Tiền Phong", "Khu Quyết Tiến", "Khu Hòa Bình", "Khu Minh Khai",
    "Khu Đình Cả", "Khu Gò Mít", "Khu Văn Phú", "Khu Thanh Xuân", "Khu Vạn Thắng",
    "Khu An Lạc", "Khu Đồng Lạc", "Khu Bến Gót", "Khu Tân Tiến", "Khu Hưng Long",
]  # fmt: skip
DAN_QUYEN_AREAS = [
    "Khu Đồng Xuân", "Khu Cầu Gạo", "Khu Đồng Mới", "Khu Bãi Bằng", "Khu Xóm Chùa",
    "Khu Hạ Giáp", "Khu Thượng Giáp", "Khu Đồng Than", "Khu Gò Cao", "Khu Đồng Vang",
    "Khu Ao Sen", "Khu Bến Đình", "Khu Cây Đa", "Khu Đồng Giếng", "Khu Rừng Thông",
    "Khu Gò Đình", "Khu Đồng Sen",
]  # fmt: skip

# Syllables for naming generated communes ("xã Tân Phú", "xã Đồng Hòa"…).
COMMUNE_SYLLABLES_1 = [
    "Tân", "Đồng", "Phú", "Hòa", "Thanh", "Xuân", "Hưng", "Minh", "An", "Vĩnh",
    "Quang", "Thái", "Sơn", "Trung", "Bình", "Hồng", "Kim", "Lạc", "Phúc", "Vạn",
]  # fmt: skip
COMMUNE_SYLLABLES_2 = [
    "Phú", "Hòa", "Lợi", "Thịnh", "Tiến", "Xuân", "Lạc", "Sơn", "Hưng", "An",
    "Thủy", "Quang", "Đức", "Long", "Thành", "Cường", "Mỹ", "Tâm", "Khê", "Lĩnh",
]  # fmt: skip

# Communes near Tam Nông, for members who live outside the commune (teachers, police).
NEARBY_COMMUNES = [
    "xã Vạn Xuân, tỉnh Phú Thọ",
    "xã Thọ Văn, tỉnh Phú Thọ",
    "xã Hiền Quan, tỉnh Phú Thọ",
    "xã Lâm Thao, tỉnh Phú Thọ",
    "xã Thanh Thủy, tỉnh Phú Thọ",
    "phường Việt Trì, tỉnh Phú Thọ",
    "phường Nông Trang, tỉnh Phú Thọ",
]

# Province codes of the citizen ID (first three digits) and hometowns, for members born elsewhere.
OTHER_PROVINCES = {
    "001": "thành phố Hà Nội",
    "026": "tỉnh Vĩnh Phúc",
    "015": "tỉnh Yên Bái",
    "017": "tỉnh Hòa Bình",
    "008": "tỉnh Tuyên Quang",
    "019": "tỉnh Thái Nguyên",
    "036": "tỉnh Nam Định",
}

MOBILE_PREFIXES = [
    "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
    "091", "094", "088", "081", "083", "084", "085", "090", "093", "089", "070", "079",
]  # fmt: skip

ETHNICITIES: list[tuple[str, int]] = [("Kinh", 970), ("Mường", 22), ("Dao", 5), ("Tày", 3)]
RELIGIONS: list[tuple[str, int]] = [("Không", 975), ("Phật giáo", 15), ("Công giáo", 10)]

# Where members working away take part temporarily (fictional units).
WORKPLACES_AWAY = [
    "Chi bộ Công ty Cổ phần May Việt Trì, tỉnh Phú Thọ",
    "Đảng bộ Khu công nghiệp Thụy Vân, tỉnh Phú Thọ",
    "Chi bộ Công ty TNHH Điện tử Quế Võ, tỉnh Bắc Ninh",
    "Chi bộ Công ty Cổ phần Xây dựng Thăng Long, thành phố Hà Nội",
    "Chi bộ Tổ dân phố số 7, phường Cầu Giấy, thành phố Hà Nội",
]
