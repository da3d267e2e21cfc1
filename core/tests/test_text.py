from core.dates import vn_long_date, vn_short_date
from core.text import fold


def test_it_folds_vietnamese_accents() -> None:
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("ĐẶNG THỊ HƯƠNG") == "dang thi huong"
    assert fold("  Lê   Thị  Ánh ") == "le thi anh"
    assert fold(None) == ""


def test_it_writes_dates_the_vietnamese_way() -> None:
    import datetime as dt

    assert vn_long_date(dt.date(2026, 11, 29)) == "ngày 29 tháng 11 năm 2026"
    assert vn_long_date(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert vn_short_date(dt.date(2026, 1, 5)) == "05/01/2026"
    assert vn_long_date(None) == ""


def test_it_shows_aware_datetimes_in_vietnam_time() -> None:
    import datetime as dt

    # 23:30 UTC on the 28th is already the 29th in Hà Nội (UTC+7).
    moment = dt.datetime(2026, 11, 28, 23, 30, tzinfo=dt.UTC)
    assert vn_long_date(moment) == "ngày 29 tháng 11 năm 2026"
