"""The Charter's vote rule, with DOMAIN.md §4's worked example and its edge cases."""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.voting import MAJORITY, QUALIFIED, InvalidCount, judge


@dataclass
class Entry:
    category: str = "full"
    status: str = "present"
    exempt: bool = False
    temporarily_away: bool = False
    suspended: bool = False
    reason_accepted: bool = False


def full(n: int, **kw: object) -> list[Entry]:
    return [Entry(**kw) for _ in range(n)]  # type: ignore[arg-type]


def eleven_full_ten_present() -> list[Entry]:
    return full(10) + [Entry(status="absent_unexcused")]


def test_it_follows_the_worked_example() -> None:
    # 11 full members, 10 present: 5 in favour is not enough, 6 is.
    assert not judge(eleven_full_ten_present(), votes_for=5, votes_against=5).passed
    verdict = judge(eleven_full_ten_present(), votes_for=6, votes_against=4)
    assert verdict.passed and verdict.denominator == 11 and verdict.minimum == 6


def test_it_says_the_verdict_plainly() -> None:
    verdict = judge(full(11), votes_for=7, votes_against=4)
    assert verdict.explanation == "Thông qua: 7/11 đảng viên chính thức tán thành (hơn một nửa)."
    verdict = judge(eleven_full_ten_present(), votes_for=5, votes_against=5)
    assert verdict.explanation.startswith("Không thông qua: 5/11")


def test_it_leaves_out_absent_exempt_members_but_counts_present_ones() -> None:
    roll = full(8) + [Entry(exempt=True, status="absent_excused"), Entry(exempt=True)]
    verdict = judge(roll, votes_for=5)
    assert verdict.denominator == 9  # 8 full + the exempt member who came
    assert verdict.passed  # 5 of 9


def test_it_lets_probationary_members_neither_vote_nor_count() -> None:
    roll = full(6) + full(3, category="probationary")
    assert judge(roll, votes_for=4).denominator == 6
    with pytest.raises(InvalidCount):
        judge(roll, votes_for=7)  # only 6 present full members may vote


def test_it_leaves_out_transferred_and_suspended_members() -> None:
    roll = full(6) + [
        Entry(temporarily_away=True, status="absent_excused"),
        Entry(suspended=True, status="absent_unexcused"),
    ]
    assert judge(roll, votes_for=4).denominator == 6


def test_it_leaves_out_an_accepted_full_absence_only() -> None:
    accepted = full(6) + [Entry(status="absent_excused", reason_accepted=True)]
    not_accepted = full(6) + [Entry(status="absent_excused", reason_accepted=False)]
    assert judge(accepted, votes_for=4).denominator == 6
    assert judge(not_accepted, votes_for=4).denominator == 7


def test_it_needs_two_thirds_for_admission() -> None:
    assert not judge(full(9), votes_for=5, threshold=QUALIFIED).passed
    assert judge(full(9), votes_for=6, threshold=QUALIFIED).passed
    assert QUALIFIED.minimum_votes(10) == 7


def test_it_refuses_impossible_counts() -> None:
    with pytest.raises(InvalidCount):
        judge(full(5), votes_for=3, votes_against=2, abstentions=1)
    with pytest.raises(InvalidCount):
        judge(full(5), votes_for=-1)


@given(total=st.integers(min_value=1, max_value=300), votes=st.integers(min_value=0, max_value=300))
def test_it_passes_exactly_from_the_minimum(total: int, votes: int) -> None:
    votes = min(votes, total)
    roll = full(total)
    assert judge(roll, votes_for=votes).passed == (votes >= MAJORITY.minimum_votes(total))
    assert judge(roll, votes_for=votes).passed == (2 * votes > total)
