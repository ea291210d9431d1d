"""Deadline arithmetic over an in-memory working-day calendar (no database).

Rules the whole workbench follows:

* Every instant is timezone-aware; results are in UTC.  Date-level decisions
  (which day is it, is that day a working day) are taken in Asia/Shanghai.
* A day is a working day if an override says so, else by the weekly pattern
  (Monday to Friday by default).  Overrides are statutory holidays and
  make-up working days (调休).
* ``N`` working days from a start count from the day *after* the start (in
  Beijing) and end at 24:00 Beijing time of the N-th working day.  So one
  working day from Friday 2026-02-13 18:00 is due 2026-02-15 00:00, because
  Saturday 2026-02-14 is a make-up working day.
* Hours are calendar hours.
* "Working time" is the part of an interval that falls on working days (whole
  days, 00:00-24:00 Beijing time); it measures pauses and handling times.
* A year whose holidays are not known (not seeded, not imported) is computed
  with the weekly pattern and the fixed-date holidays (1 January, 1 May,
  1-3 October) and every result touching it is marked provisional.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from workbench.models.base import SHANGHAI
from workbench.models.codes import LimitUnit

DAY_SECONDS = 86_400
DEFAULT_WEEKLY_PATTERN = frozenset({1, 2, 3, 4, 5})  # ISO weekdays, Monday = 1
FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)})
# No real calendar goes this long without a working day; a longer search means
# the calendar itself is broken (e.g. every weekday removed).
MAX_SEARCH_DAYS = 3_660


class CalendarError(ValueError):
    """The calendar cannot answer (no working day within ten years)."""


def require_aware(instant: datetime, what: str = "time") -> datetime:
    if not isinstance(instant, datetime):
        raise TypeError(f"{what}: expected a datetime, got {type(instant).__name__}")
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{what} {instant.isoformat()} has no time zone")
    return instant


def local_date(instant: datetime) -> date:
    """The calendar date in Beijing of an instant."""
    return require_aware(instant).astimezone(SHANGHAI).date()


def day_start(day: date) -> datetime:
    """00:00 Beijing time of ``day``, as a UTC instant."""
    return datetime.combine(day, time(0), tzinfo=SHANGHAI).astimezone(UTC)


@dataclass(frozen=True)
class CalendarSnapshot:
    """The working-day calendar as it stood at one version.

    ``overrides`` maps a date to True (working day) or False (holiday);
    ``covered_years`` are the years whose holidays are known.
    """

    weekly_pattern: frozenset[int] = DEFAULT_WEEKLY_PATTERN
    overrides: Mapping[date, bool] = field(default_factory=dict)
    covered_years: frozenset[int] = frozenset()
    version: int = 0

    def __post_init__(self):
        if not self.weekly_pattern or not set(self.weekly_pattern) <= set(range(1, 8)):
            raise CalendarError(
                "每周工作日设置无效 / the weekly pattern must name at least one weekday 1-7"
            )

    def is_covered(self, day: date) -> bool:
        return day.year in self.covered_years

    def is_working_day(self, day: date) -> bool:
        known = self.overrides.get(day)
        if known is not None:
            return known
        if not self.is_covered(day) and (day.month, day.day) in FIXED_HOLIDAYS:
            return False
        return day.isoweekday() in self.weekly_pattern


@dataclass(frozen=True)
class Due:
    """A computed due instant (UTC) and whether an uncovered year was involved."""

    at: datetime
    provisional: bool


@dataclass
class _Tracker:
    snapshot: CalendarSnapshot
    provisional: bool = False

    def working(self, day: date) -> bool:
        if not self.snapshot.is_covered(day):
            self.provisional = True
        return self.snapshot.is_working_day(day)


def _check_count(n: float, what: str) -> int:
    if n != int(n) or n < 0:
        raise ValueError(f"工作日数须为非负整数 / {what} must be a whole, non-negative number")
    return int(n)


def _add_working_days(start: datetime, n: int, tracker: _Tracker) -> datetime:
    day = local_date(start)
    if n == 0:
        return require_aware(start).astimezone(UTC)
    counted = 0
    for _ in range(MAX_SEARCH_DAYS + n * 7):
        day += timedelta(days=1)
        if tracker.working(day):
            counted += 1
            if counted == n:
                return day_start(day + timedelta(days=1))
    raise CalendarError("日历中找不到足够的工作日 / the calendar has no working days ahead")


def add_working_days(start: datetime, n: int, snapshot: CalendarSnapshot) -> Due:
    """24:00 Beijing time of the ``n``-th working day after the start's date."""
    tracker = _Tracker(snapshot)
    at = _add_working_days(start, _check_count(n, "working days"), tracker)
    return Due(at, tracker.provisional)


class WorkingTime:
    """Working seconds from one instant to others: to many due times from one tick's
    now, each day between them looked up once however many due times lie past it."""

    def __init__(self, start: datetime, snapshot: CalendarSnapshot | _Tracker):
        self._tracker = snapshot if isinstance(snapshot, _Tracker) else _Tracker(snapshot)
        self._start = require_aware(start).astimezone(UTC)
        self._first = local_date(self._start)
        # _before[k]: the working seconds from the start to 00:00 of the k-th day after its date.
        self._before: list[float] = [0.0]

    def until(self, end: datetime) -> float:
        """The working time from the start to ``end``, in seconds (0 when it is not later)."""
        b = require_aware(end).astimezone(UTC)
        if b <= self._start:
            return 0.0
        day = local_date(b)
        if day == self._first:
            return (b - self._start).total_seconds() if self._tracker.working(day) else 0.0
        total = self._to_start_of((day - self._first).days)
        if self._tracker.working(day):
            total += (b - day_start(day)).total_seconds()
        return total

    def _to_start_of(self, k: int) -> float:
        before = self._before
        while len(before) <= k:
            day = self._first + timedelta(days=len(before) - 1)
            hi = day_start(day + timedelta(days=1))
            step = 0.0
            if self._tracker.working(day):
                step = (hi - max(day_start(day), self._start)).total_seconds()
            before.append(before[-1] + step)
        return before[k]


def _working_seconds(a: datetime, b: datetime, tracker: _Tracker) -> float:
    return WorkingTime(a, tracker).until(b)


def working_seconds_between(a: datetime, b: datetime, snapshot: CalendarSnapshot) -> float:
    """The working time between two instants, in seconds (0 when b <= a)."""
    return _working_seconds(a, b, _Tracker(snapshot))


def working_hours_between(a: datetime, b: datetime, snapshot: CalendarSnapshot) -> float:
    return working_seconds_between(a, b, snapshot) / 3600


def _add_working_seconds(start: datetime, seconds: float, tracker: _Tracker) -> datetime:
    at = require_aware(start).astimezone(UTC)
    if seconds <= 0:
        return at
    remaining = float(seconds)
    day = local_date(at)
    for _ in range(MAX_SEARCH_DAYS + int(seconds // DAY_SECONDS) * 7):
        hi = day_start(day + timedelta(days=1))
        if tracker.working(day):
            available = (hi - max(at, day_start(day))).total_seconds()
            if remaining <= available:
                return max(at, day_start(day)) + timedelta(seconds=remaining)
            remaining -= available
        day += timedelta(days=1)
    raise CalendarError("日历中找不到足够的工作日 / the calendar has no working days ahead")


def add_working_seconds(start: datetime, seconds: float, snapshot: CalendarSnapshot) -> Due:
    """The instant at which ``seconds`` of working time have passed after ``start``."""
    tracker = _Tracker(snapshot)
    return Due(_add_working_seconds(start, seconds, tracker), tracker.provisional)


def add_hours(start: datetime, hours: float) -> Due:
    return Due(require_aware(start).astimezone(UTC) + timedelta(hours=hours), False)


@dataclass(frozen=True)
class Extension:
    amount: float
    unit: str


@dataclass(frozen=True)
class Pause:
    started_at: datetime
    ended_at: datetime | None  # None: still paused, not counted yet


def compute_due(
    start: datetime,
    amount: float,
    unit: str,
    snapshot: CalendarSnapshot,
    *,
    extensions: Iterable[Extension] = (),
    pauses: Iterable[Pause] = (),
) -> Due:
    """The due instant of a clock from its start, limit, extensions and ended pauses.

    Hours limits: start + hours + extension hours + the calendar length of
    every ended pause (a working-day extension adds that many days' worth of
    working time).

    Working-day limits: start + (limit + working-day extensions) working days
    (24:00 of the last), plus extension hours, then pushed on by the
    *working* time the clock spent paused (a pause over a weekend or a holiday
    moves nothing; a pause of one whole working day moves the due time to the
    end of the next working day).  A pause still open is not counted until it
    ends: the clock does not run while paused.
    """
    tracker = _Tracker(snapshot)
    extensions = list(extensions)
    ended = [(p.started_at, p.ended_at) for p in pauses if p.ended_at is not None]
    ext_days = sum(e.amount for e in extensions if e.unit == LimitUnit.WORKING_DAYS)
    ext_hours = sum(e.amount for e in extensions if e.unit == LimitUnit.HOURS)
    if unit == LimitUnit.WORKING_DAYS:
        due = _add_working_days(start, _check_count(amount + ext_days, "working days"), tracker)
        due += timedelta(hours=ext_hours)
        paused = sum(_working_seconds(begun, over, tracker) for begun, over in ended)
        due = _add_working_seconds(due, paused, tracker)
    elif unit == LimitUnit.HOURS:
        due = require_aware(start).astimezone(UTC) + timedelta(hours=amount + ext_hours)
        if ext_days:
            due = _add_working_seconds(due, ext_days * DAY_SECONDS, tracker)
        due += timedelta(seconds=sum((over - begun).total_seconds() for begun, over in ended))
    else:
        raise ValueError(f"时限单位无效 / unknown limit unit {unit!r}")
    return Due(due, tracker.provisional)


def chinese_calendar_snapshot(*, version: int = 0) -> CalendarSnapshot:
    """The calendar derived from the ``chinese_calendar`` package alone."""
    overrides, years = chinese_calendar_days()
    return CalendarSnapshot(DEFAULT_WEEKLY_PATTERN, overrides, frozenset(years), version=version)


def chinese_calendar_days(
    years: Iterable[int] | None = None,
) -> tuple[dict[date, bool], list[int]]:
    """Statutory holidays (False) and make-up working days (True) the package knows,
    with the years it covers (restricted to ``years`` when given)."""
    from chinese_calendar import constants

    known = sorted({d.year for d in constants.holidays} | {d.year for d in constants.workdays})
    covered = [y for y in known if years is None or y in set(years)]
    wanted = set(covered)
    overrides = {d: False for d in constants.holidays if d.year in wanted}
    overrides.update({d: True for d in constants.workdays if d.year in wanted})
    return overrides, covered
