"""The default indicator set's rules: vetoes, capped deductions, assessors' scores and the bonus cap."""

from decimal import Decimal

import pytest

from audits.enums import CheckCode, Verdict
from audits.models import Indicator, IndicatorSet
from audits.scoring import score_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicators():
    return IndicatorSet.default()


def points_of(indicators, code: str) -> int:
    return Indicator.objects.get(indicator_set=indicators, code=code).pk


def test_no_findings__full_marks_and_pass(indicators):
    result = score_site(indicators, [], {})
    assert (result.score, result.vetoed, result.verdict) == (Decimal(100), False, Verdict.PASS)


def test_stale_columns__deduct_per_column_until_five_veto_the_site(indicators):
    four = score_site(indicators, [CheckCode.STALE_COLUMN] * 4, {})
    assert four.score == Decimal(80)
    assert not four.vetoed
    five = score_site(indicators, [CheckCode.STALE_COLUMN] * 5, {})
    assert five.vetoed
    assert five.verdict == Verdict.FAIL
    assert [entry["code"] for entry in five.breakdown if entry["vetoed"]] == ["V3"]


def test_deductions__never_exceed_the_indicators_points(indicators):
    result = score_site(indicators, [CheckCode.DEAD_LINK] * 40 + [CheckCode.IMAGE_ALT] * 40, {})
    assert result.deductions == Decimal(15)  # links capped at 10, accessibility at 5
    assert result.score == Decimal(85)


def test_below_the_pass_mark__fails_without_a_veto(indicators):
    codes = [CheckCode.DEAD_LINK] * 10 + [CheckCode.FOOTER] * 5 + [CheckCode.BLANK_COLUMN] * 3
    expert = {points_of(indicators, "E1"): Decimal(20)}
    result = score_site(indicators, codes, expert)
    assert result.score == Decimal(45)
    assert not result.vetoed
    assert result.verdict == Verdict.FAIL


def test_assessors__veto_what_no_program_can_judge_and_add_capped_bonus(indicators):
    vetoed = score_site(indicators, [], {points_of(indicators, "V5"): Decimal(1)})
    assert vetoed.vetoed
    bonus = score_site(indicators, [CheckCode.DEAD_LINK] * 3, {points_of(indicators, "B1"): Decimal(50)})
    assert bonus.bonus == Decimal(30)
    assert bonus.score == Decimal(127)


def test_default_set__encodes_the_2019_thresholds(indicators):
    rules = {rule.column_type: rule for rule in indicators.column_rules.all()}
    assert rules["news"].stale_after_working_days == 10
    assert rules["policy_files"].stale_after_working_days == 120
    assert rules["interaction"].may_be_blank
    assert indicators.pass_mark == Decimal(60)
    assert Indicator.objects.get(indicator_set=indicators, code="V4").threshold == 5
