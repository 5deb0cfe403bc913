"""The deadline engine against the official 2026 calendar: 春节 and 国庆节 with their make-up working days."""

from datetime import date

import pytest

from disclosure.deadlines import Pause, add_working_days, answer_deadline, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 14), True),  # Saturday, make-up day for 春节
        (date(2026, 2, 23), False),  # Monday inside 春节
        (date(2026, 9, 20), True),  # Sunday, make-up day for 国庆
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # Saturday, make-up day for 国庆
        (date(2026, 10, 5), False),  # Monday inside 国庆
    ],
)
def test_is_working_day__follows_the_official_calendar(day, working):
    assert is_working_day(day) == (working, False)


def test_deadline_across_national_day__skips_the_holiday_and_counts_the_saturday_make_up_day():
    # Received the day before 国庆: the clock starts on 10-08, and 10-10 (a Saturday) counts.
    deadline = answer_deadline(date(2026, 9, 30))
    assert deadline.due_on == date(2026, 11, 3)
    assert not deadline.provisional
    assert not deadline.paused


def test_deadline_across_spring_festival__counts_both_make_up_saturdays():
    deadline = answer_deadline(date(2026, 2, 13))
    assert deadline.due_on == date(2026, 3, 19)


def test_clarification__stops_the_clock_until_the_applicant_answers():
    # Two working days used (10-08, 10-09); paused from 10-09 to 10-16; the make-up 10-10 falls in the pause.
    deadline = answer_deadline(date(2026, 9, 30), [Pause(date(2026, 10, 9), date(2026, 10, 16))])
    assert deadline.due_on == date(2026, 11, 11)


def test_clarification_unanswered__leaves_no_due_date_and_the_days_left():
    deadline = answer_deadline(date(2026, 9, 30), [Pause(date(2026, 10, 9))])
    assert deadline.due_on is None
    assert deadline.paused
    assert deadline.days_left_when_paused == 18


def test_extension__adds_its_working_days():
    assert answer_deadline(date(2026, 9, 30), extension_days=20).due_on == date(2026, 12, 1)


def test_year_the_calendar_does_not_cover__counts_weekends_only_and_is_provisional():
    deadline = answer_deadline(date(2026, 12, 25))
    assert deadline.due_on == date(2027, 1, 22)
    assert deadline.provisional


def test_deadline_within_a_known_year__is_not_provisional():
    assert not answer_deadline(date(2026, 11, 2)).provisional


def test_working_days_between__leaves_out_holidays_and_pauses():
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 12)) == 4
    assert (
        working_days_between(date(2026, 9, 30), date(2026, 10, 12), [Pause(date(2026, 10, 8), date(2026, 10, 10))]) == 2
    )


def test_add_working_days__from_a_weekend_starts_on_monday():
    assert add_working_days(date(2026, 11, 7), 1).due_on == date(2026, 11, 9)
