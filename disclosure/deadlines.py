"""Statutory deadlines in working days, by the official calendar with its make-up working days (调休).

`chinese_calendar` knows each year only once the State Council has published its holidays; for a
year it does not cover yet, weekends alone are skipped and the result is marked provisional.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

# §33: answer within 20 working days of receipt; one extension of at most 20 more.
ANSWER_WORKING_DAYS = 20
MAX_EXTENSION_WORKING_DAYS = 20
# Beyond this the loop is a bug, not a deadline.
_MAX_SPAN = timedelta(days=3 * 366)


def is_working_day(day: date) -> tuple[bool, bool]:
    """(whether `day` is a working day, whether the answer is provisional: the calendar lacks its year)."""
    try:
        return chinese_calendar.is_workday(day), False
    except NotImplementedError:
        return day.weekday() < 5, True


@dataclass(frozen=True)
class Pause:
    """The clock stops after `start` (a 补正 notice) and runs again the day after `end` (its reply)."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return day > self.start and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Deadline:
    due_on: date | None  # None while the clock is stopped
    provisional: bool
    paused: bool
    days_left_when_paused: int | None = None


def add_working_days(start: date, days: int, pauses: Iterable[Pause] = ()) -> Deadline:
    """The `days`-th working day after `start`, not counting days inside a pause.

    The day of receipt itself is not counted: a request received on a Friday evening or a holiday
    starts its clock on the next working day.
    """
    pauses = tuple(pauses)
    counted, provisional, day = 0, False, start
    while counted < days:
        day += timedelta(days=1)
        if day - start > _MAX_SPAN:
            raise ValueError("期限计算超出范围。")
        open_pause = next((pause for pause in pauses if pause.end is None and day > pause.start), None)
        if open_pause is not None:
            return Deadline(None, provisional, paused=True, days_left_when_paused=days - counted)
        if any(pause.covers(day) for pause in pauses):
            continue
        working, unsure = is_working_day(day)
        if working:
            counted += 1
            provisional |= unsure
    return Deadline(day, provisional, paused=False)


def answer_deadline(received_on: date, pauses: Iterable[Pause] = (), extension_days: int = 0) -> Deadline:
    """When a request must be answered: 20 working days, plus any extension, with 补正 pauses left out."""
    return add_working_days(received_on, ANSWER_WORKING_DAYS + extension_days, pauses)


def working_days_between(start: date, end: date, pauses: Iterable[Pause] = ()) -> int:
    """Working days after `start` up to and including `end`, outside pauses: how long an answer took."""
    pauses = tuple(pauses)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if not any(pause.covers(day) for pause in pauses) and is_working_day(day)[0]:
            count += 1
    return count
