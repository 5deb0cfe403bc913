"""Working days by the official holiday calendar, make-up working days (调休) included."""

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar


@lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # A year the calendar does not publish yet: Monday to Friday until the State Council does.
        return day.weekday() < 5


def working_days_since(start: date, end: date) -> int:
    """Working days after `start`, up to and including `end` (0 when end is not after start)."""
    return sum(is_working_day(start + timedelta(days=offset)) for offset in range(1, (end - start).days + 1))
