"""Whether a vote passed, by the Charter's rule (DOMAIN.md §4, implementing rules point 9.3.2).

A decision stands only if more than half of the *convened full members*
approve: the count is against all full members, not those present. Left out
of the denominator: members temporarily active elsewhere, exempt members who
are absent (present ones count and vote), members suspended, prosecuted or
detained, and full members absent for the whole meeting with a reason the
committee accepted. Probationary members do not vote. Admission and
confirmation need two thirds (configurable).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from django.utils.translation import gettext as _

from members.models import Category

MORE_THAN_HALF = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)


class RollEntry(Protocol):
    category: str
    exempt: bool
    temporarily_away: bool
    suspended: bool
    status: str
    reason_accepted: bool


@dataclass(frozen=True)
class Threshold:
    """`strict` means "more than" the fraction; otherwise "at least"."""

    fraction: Fraction
    strict: bool

    def met_by(self, votes_for: int, denominator: int) -> bool:
        if denominator == 0:
            return False
        share = Fraction(votes_for, denominator)
        return share > self.fraction if self.strict else share >= self.fraction

    def minimum_votes(self, denominator: int) -> int:
        """The smallest number of votes for that passes."""
        needed = self.fraction * denominator
        whole = needed.numerator // needed.denominator
        return whole + 1 if self.strict or whole < needed else whole


MAJORITY = Threshold(MORE_THAN_HALF, strict=True)
QUALIFIED = Threshold(TWO_THIRDS, strict=False)


def describe(threshold: Threshold) -> str:
    """The rule in words, as the minutes state it: "more than half", "at least two thirds", "more than 3/5"."""
    if threshold == MAJORITY:
        return _("more than half")
    if threshold == QUALIFIED:
        return _("at least two thirds")
    values = {"fraction": f"{threshold.fraction.numerator}/{threshold.fraction.denominator}"}
    return (_("more than %(fraction)s") if threshold.strict else _("at least %(fraction)s")) % values


def is_present(entry: RollEntry) -> bool:
    return entry.status == "present"


def counts_in_denominator(entry: RollEntry) -> bool:
    if entry.category != Category.FULL:
        return False
    if entry.temporarily_away or entry.suspended:
        return False
    if entry.exempt and not is_present(entry):
        return False
    if entry.status == "absent_excused" and entry.reason_accepted:
        return False
    return True


def may_vote(entry: RollEntry) -> bool:
    """Present full members vote, exempt ones included."""
    return entry.category == Category.FULL and is_present(entry) and not entry.suspended


@dataclass(frozen=True)
class Verdict:
    passed: bool
    votes_for: int
    denominator: int
    minimum: int
    explanation: str


class InvalidCount(ValueError):
    pass


def judge(
    roll: Iterable[RollEntry],
    votes_for: int,
    votes_against: int = 0,
    abstentions: int = 0,
    threshold: Threshold = MAJORITY,
) -> Verdict:
    entries = list(roll)
    denominator = sum(1 for e in entries if counts_in_denominator(e))
    voters = sum(1 for e in entries if may_vote(e))
    if min(votes_for, votes_against, abstentions) < 0:
        raise InvalidCount(_("Vote counts cannot be negative."))
    if votes_for + votes_against + abstentions > voters:
        raise InvalidCount(
            _("%(cast)d votes were recorded but only %(voters)d full members present may vote.")
            % {"cast": votes_for + votes_against + abstentions, "voters": voters}
        )
    passed = threshold.met_by(votes_for, denominator)
    values = {"for": votes_for, "total": denominator, "rule": describe(threshold)}
    if passed:
        explanation = _("Passed: %(for)d/%(total)d full members in favour (%(rule)s).") % values
    else:
        explanation = _("Not passed: %(for)d/%(total)d full members in favour; %(rule)s is needed.") % values
    return Verdict(passed, votes_for, denominator, threshold.minimum_votes(denominator), explanation)
