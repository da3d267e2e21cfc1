"""The checks shared by the member forms and the Excel import."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from members import validation
from members.tests.helpers import cccd_for


def test_it_accepts_a_citizen_id_that_agrees_with_the_person() -> None:
    born = dt.date(1985, 4, 12)
    cccd = "025185000123"  # Phú Thọ, woman born in the 1900s, 85
    assert validation.citizen_id_format_problems(cccd) == []
    assert validation.citizen_id_person_problems(cccd, born, "female") == []


def test_it_refuses_a_citizen_id_of_the_wrong_length_or_with_letters() -> None:
    assert "12" in validation.citizen_id_format_problems("02518500012")[0]
    assert validation.citizen_id_format_problems("02518500012A")
    assert validation.citizen_id_format_problems("0251850001234")


def test_it_refuses_an_unknown_province_code() -> None:
    for code in ("000", "003", "097", "099"):
        problems = validation.citizen_id_format_problems(f"{code}185000123")
        assert problems and code in problems[0]
    assert validation.citizen_id_format_problems("096185000123") == []  # Cà Mau
    assert validation.citizen_id_format_problems("001185000123") == []  # Hà Nội


def test_it_says_when_the_fourth_digit_contradicts_gender_or_century() -> None:
    born = dt.date(1985, 4, 12)
    wrong_gender = validation.citizen_id_person_problems("025085000123", born, "female")
    assert len(wrong_gender) == 1 and "(0)" in wrong_gender[0]
    wrong_century = validation.citizen_id_person_problems("025385000123", born, "female")
    assert len(wrong_century) == 1 and "2000-2099" in wrong_century[0] and "1985" in wrong_century[0]


def test_it_says_when_the_year_digits_contradict_the_date_of_birth() -> None:
    problems = validation.citizen_id_person_problems("025193000123", dt.date(1985, 4, 12), "female")
    assert len(problems) == 1 and "93" in problems[0] and "85" in problems[0]


@given(
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    gender=st.sampled_from(["male", "female"]),
    province=st.sampled_from(sorted(validation.PROVINCE_CODES)),
)
def test_it_accepts_every_consistent_citizen_id(born: dt.date, gender: str, province: str) -> None:
    cccd = cccd_for(gender, born, province)
    assert validation.citizen_id_format_problems(cccd) == []
    assert validation.citizen_id_person_problems(cccd, born, gender) == []
    other = "female" if gender == "male" else "male"
    assert validation.citizen_id_person_problems(cccd, born, other)


def test_it_normalizes_phone_numbers() -> None:
    assert validation.normalize_phone("0912 345.678") == "0912345678"
    assert validation.normalize_phone("+84 912 345 678") == "0912345678"
    assert validation.normalize_phone("84912345678") == "0912345678"
    assert validation.phone_problems("0912345678") == []
    assert validation.phone_problems("02103856789") == []  # a landline with its area code
    assert validation.phone_problems("912345678")
    assert validation.phone_problems("09123")
    assert validation.phone_problems("0912abc678")


def test_it_tidies_names() -> None:
    assert validation.normalize_name("  nguyễn   văn   an ") == "Nguyễn Văn An"
    assert validation.normalize_name("TRẦN THỊ BÍCH") == "Trần Thị Bích"
    assert validation.normalize_name("Hồ Thị H'Hen") == "Hồ Thị H'Hen"
    # Decomposed accents (as some keyboards send them) are stored composed.
    assert validation.normalize_name("Nguye\u0302\u0303n") == "Nguyễn"


def test_it_checks_age_and_membership_dates() -> None:
    born = dt.date(2000, 6, 15)
    young = validation.membership_problems(
        date_of_birth=born, admitted_on=dt.date(2018, 6, 14), full_member_on=None, category="probationary"
    )
    assert "admitted_on" in young and "17" in young["admitted_on"][0]
    assert not validation.membership_problems(
        date_of_birth=born, admitted_on=dt.date(2018, 6, 15), full_member_on=None, category="probationary"
    )
    full_without_date = validation.membership_problems(
        date_of_birth=born, admitted_on=dt.date(2020, 1, 1), full_member_on=None, category="full"
    )
    assert "full_member_on" in full_without_date
    probationary_with_date = validation.membership_problems(
        date_of_birth=born, admitted_on=dt.date(2020, 1, 1), full_member_on=dt.date(2021, 1, 1), category="probationary"
    )
    assert "full_member_on" in probationary_with_date
    before_admission = validation.membership_problems(
        date_of_birth=born, admitted_on=dt.date(2020, 1, 1), full_member_on=dt.date(2019, 1, 1), category="full"
    )
    assert "full_member_on" in before_admission
    before_1930 = validation.membership_problems(
        date_of_birth=dt.date(1900, 1, 1), admitted_on=dt.date(1929, 1, 1), full_member_on=None, category="probationary"
    )
    assert "admitted_on" in before_1930


def test_it_warns_when_probation_is_not_about_twelve_months() -> None:
    admitted = dt.date(2020, 3, 1)
    assert validation.probation_warnings(admitted, dt.date(2021, 3, 1)) == []
    assert validation.probation_warnings(admitted, dt.date(2021, 5, 20)) == []
    assert validation.probation_warnings(admitted, dt.date(2020, 9, 1))  # six months
    assert validation.probation_warnings(admitted, dt.date(2022, 3, 1))  # two years
