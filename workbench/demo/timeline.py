"""The demo's time line in working days back from now, so it looks the same any day.

A case is due by working days (24:00 of the n-th working day after it opened), so
whether it is running, at risk or breached depends on the working time since it
opened, not on calendar days: a demo laid out in calendar days and built on a Monday
after a holiday shows every young case breached, and one built a week earlier looks
different again.  :class:`WorkingTime` measures ages and places events in working
time with the shipped statutory calendar (``chinese_calendar``), so the demo built on
any day shows the same mix of cases due soon, at risk and breached (none overdue by
weeks: cases older than :data:`FINISHED_AFTER` working days are all finished).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from workbench.timelimits.deadlines import (
    DAY_SECONDS,
    CalendarSnapshot,
    add_working_seconds,
    chinese_calendar_snapshot,
    day_start,
    local_date,
    working_seconds_between,
)

#: Cases older than this many working days are finished (replied or closed).
FINISHED_AFTER = 8
MAX_DAYS_BACK = 400


class WorkingTime:
    """Working-day arithmetic for the demo (Beijing days, statutory holidays)."""

    def __init__(self, snapshot: CalendarSnapshot | None = None):
        self.snapshot = snapshot or chinese_calendar_snapshot()

    def age(self, since: datetime, now: datetime) -> float:
        """The working days between ``since`` and ``now``."""
        return working_seconds_between(since, now, self.snapshot) / DAY_SECONDS

    def later(self, start: datetime, working_hours: float) -> datetime:
        """The instant ``working_hours`` of working time after ``start``."""
        return add_working_seconds(start, working_hours * 3600, self.snapshot).at

    def ago(self, now: datetime, working_days: float) -> datetime:
        """The instant ``working_days`` of working time before ``now``."""
        remaining = max(working_days, 0.0) * DAY_SECONDS
        day = local_date(now)
        for _ in range(MAX_DAYS_BACK):
            start, end = day_start(day), min(now, day_start(day + timedelta(days=1)))
            if end > start and self.snapshot.is_working_day(day):
                available = (end - start).total_seconds()
                if remaining <= available:
                    return end - timedelta(seconds=remaining)
                remaining -= available
            day -= timedelta(days=1)
        return now - timedelta(days=MAX_DAYS_BACK)
