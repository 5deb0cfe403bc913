"""The score of one site from its findings and the assessors' scores, by the rules of an indicator set."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from audits.enums import IndicatorKind, Verdict

FULL_MARKS = Decimal(100)


@dataclass
class Score:
    score: Decimal
    deductions: Decimal
    bonus: Decimal
    vetoed: bool
    verdict: str
    breakdown: list[dict] = field(default_factory=list)


def score_site(indicator_set, check_codes: list[str], assessor_points: dict[int, Decimal]) -> Score:
    """`check_codes`: one per counted (not dismissed) finding; `assessor_points`: indicator id → points."""
    counts = Counter(check_codes)
    deductions = bonus = Decimal(0)
    vetoed = False
    breakdown = []
    for indicator in indicator_set.indicators.all():
        found = sum(counts[code] for code in indicator.check_codes)
        assessed = assessor_points.get(indicator.pk)
        points = Decimal(0)
        indicator_vetoed = False
        if indicator.kind == IndicatorKind.VETO:
            # An assessor vetoes what no program can judge by scoring the item above zero.
            indicator_vetoed = (bool(indicator.check_codes) and found >= indicator.threshold) or bool(assessed)
            vetoed |= indicator_vetoed
        elif indicator.kind == IndicatorKind.DEDUCTION:
            points = min(indicator.max_points, found * indicator.points_per_finding)
            deductions += points
        elif indicator.kind == IndicatorKind.ASSESSED and assessed is not None:
            points = min(indicator.max_points, max(assessed, Decimal(0)))
            deductions += points
        elif indicator.kind == IndicatorKind.BONUS and assessed is not None:
            points = min(indicator.max_points, max(assessed, Decimal(0)))
            bonus += points
        breakdown.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "kind": indicator.kind,
                "findings": found,
                "points": str(points),
                "vetoed": indicator_vetoed,
            }
        )
    deductions = min(deductions, FULL_MARKS)
    bonus = min(bonus, indicator_set.bonus_cap)
    score = FULL_MARKS - deductions + bonus
    verdict = Verdict.FAIL if vetoed or score < indicator_set.pass_mark else Verdict.PASS
    return Score(score, deductions, bonus, vetoed, verdict, breakdown)
