"""The working-day calendar kept in the database.

A weekly pattern (ISO weekdays, Monday to Friday by default, setting
``calendar.weekly_pattern``) plus per-date overrides (:class:`CalendarDay`:
a holiday or a make-up working day).  The years whose holidays are known are
recorded as :class:`CalendarYear` rows; deadlines reaching any other year are
provisional (see :mod:`workbench.timelimits.deadlines`).

Overrides come from the ``chinese_calendar`` package, from a CSV an
administrator types from the State Council's yearly notice, or from single
edits.  Every change bumps the calendar version (setting
``calendar.version``), which each clock records.  Changing the calendar does
not move open clocks by itself: :mod:`workbench.timelimits.retime` previews and
applies the change together with the recomputation.
"""

from __future__ import annotations

import csv
import io
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.db import transaction_cached
from workbench.errors import ValidationError
from workbench.models import CalendarDay, CalendarYear, utcnow
from workbench.models.codes import DayKind, Role
from workbench.records import audit
from workbench.settings import get_setting, put_setting
from workbench.timelimits.deadlines import (
    DEFAULT_WEEKLY_PATTERN,
    CalendarSnapshot,
    chinese_calendar_days,
)

VERSION_KEY = "calendar.version"
PATTERN_KEY = "calendar.weekly_pattern"
KIND_WORDS = {
    "holiday": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "假": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
    "上班": DayKind.WORKDAY,
}


def calendar_version(session: Session) -> int:
    return int(get_setting(session, VERSION_KEY, 0))


def _bump(session: Session, actor: Actor | None) -> int:
    session.info[BUMPED_KEY] = True  # a session lives for one transaction
    version = calendar_version(session) + 1
    put_setting(session, actor, VERSION_KEY, version)
    return version


def _new_version(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    *,
    before: dict | None = None,
    after: dict | None = None,
) -> int:
    """Count a change to the calendar as its next version and audit it (``after`` with the
    version last); returns the version."""
    version = _bump(session, actor)
    audit.record(
        session,
        actor,
        action,
        entity,
        None,
        before=before,
        after=(after or {}) | {"version": version},
    )
    return version


def weekly_pattern(session: Session) -> frozenset[int]:
    value = get_setting(session, PATTERN_KEY)
    return DEFAULT_WEEKLY_PATTERN if value is None else frozenset(int(d) for d in value)


#: Snapshots of committed calendar versions, per engine: every change to the
#: calendar bumps the version, so a version's snapshot never changes.
_COMMITTED: weakref.WeakKeyDictionary[Engine, dict[int, CalendarSnapshot]] = (
    weakref.WeakKeyDictionary()
)
BUMPED_KEY = "workbench.calendar.bumped"


def load_snapshot(session: Session) -> CalendarSnapshot:
    """The calendar as the database holds it now, for fast in-memory arithmetic.

    Read once per calendar version and engine: every clock started or stopped
    shares it, and any change to the calendar bumps the version, so an edited
    calendar is never served from the cache.  A transaction that changes the
    calendar reads its own snapshot and shares it with nobody until it commits.
    """
    version = calendar_version(session)
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    committed = _COMMITTED.setdefault(engine, {})
    if not session.info.get(BUMPED_KEY) and version in committed:
        return committed[version]

    def read() -> CalendarSnapshot:
        snapshot = _read_snapshot(session)
        # Shared only when nothing moved while it was read and this transaction
        # did not change the calendar itself (it might still roll back).
        if not session.info.get(BUMPED_KEY) and calendar_version(session) == version:
            committed[version] = snapshot
        return snapshot

    return transaction_cached(session, f"workbench.calendar.{version}", read)


def _read_snapshot(session: Session) -> CalendarSnapshot:
    overrides = {
        row.day: row.kind == DayKind.WORKDAY for row in session.exec(select(CalendarDay)).all()
    }
    years = frozenset(session.exec(select(CalendarYear.year)).all())
    return CalendarSnapshot(weekly_pattern(session), overrides, years, calendar_version(session))


def _admin(actor: Actor | None, *, system_allowed: bool = False) -> None:
    if actor is None and system_allowed:
        return
    require_role(actor, Role.ADMINISTRATOR)


def _upsert_day(
    session: Session,
    actor: Actor | None,
    day: date,
    kind: str,
    source: str,
    note: str,
    known: dict[date, CalendarDay] | None = None,
) -> None:
    """Write one day; ``known`` (the rows of every day being written, read at once)
    saves a query per day."""
    found = known.get(day) if known is not None else session.get(CalendarDay, day)
    row = found or CalendarDay(day=day, kind=kind)
    row.kind = kind
    row.source = source
    row.note = note[:200]
    row.updated_by = actor.id if actor else None
    row.updated_at = utcnow()
    session.add(row)


def _record_years(session: Session, years: Iterable[int], source: str) -> None:
    for year in years:
        row = session.get(CalendarYear, year) or CalendarYear(year=year, source=source)
        row.source = source
        row.recorded_at = utcnow()
        session.add(row)


@dataclass(frozen=True)
class SeedResult:
    years: list[int]
    days: int
    version: int


def seed_from_chinese_calendar(
    session: Session, actor: Actor | None, *, years: Iterable[int] | None = None
) -> SeedResult:
    """Record the statutory holidays and make-up days the ``chinese_calendar``
    package knows (all its years, or ``years``), and mark those years covered.

    ``actor`` None is the system setting up a new database; a person must be an
    administrator.  Days an administrator entered by hand are kept.
    """
    _admin(actor, system_allowed=True)
    overrides, covered = chinese_calendar_days(years)
    manual = set(
        session.exec(select(col(CalendarDay.day)).where(col(CalendarDay.source) == "manual")).all()
    )
    for year in covered:
        session.execute(
            delete(CalendarDay).where(
                col(CalendarDay.source) == "chinese_calendar",
                col(CalendarDay.day) >= date(year, 1, 1),
                col(CalendarDay.day) <= date(year, 12, 31),
            )
        )
    written = 0
    known = {
        row.day: row
        for row in session.exec(
            select(CalendarDay).where(col(CalendarDay.day).in_(list(overrides)))
        )
    }
    for day, working in sorted(overrides.items()):
        if day in manual:
            continue
        kind = DayKind.WORKDAY if working else DayKind.HOLIDAY
        note = "调休上班 / make-up working day" if working else _holiday_name(day)
        _upsert_day(session, actor, day, kind, "chinese_calendar", note, known)
        written += 1
    _record_years(session, covered, "chinese_calendar")
    session.flush()
    version = _new_version(
        session, actor, "calendar.seed", "calendar", after={"years": covered, "days": written}
    )
    return SeedResult(covered, written, version)


def _holiday_name(day: date) -> str:
    from chinese_calendar import get_holiday_detail

    try:
        _, name = get_holiday_detail(day)
    except NotImplementedError:
        name = None
    return f"法定节假日 / {name}" if name else "法定节假日 / statutory holiday"


def set_weekly_pattern(session: Session, actor: Actor, weekdays: Iterable[int]) -> int:
    """Set the working weekdays (ISO numbers, Monday = 1); returns the new version."""
    _admin(actor)
    days = sorted({int(d) for d in weekdays})
    if not days or any(d < 1 or d > 7 for d in days):
        raise ValidationError(
            "每周工作日须为 1-7 中至少一天", "the weekly pattern needs at least one weekday 1-7"
        )
    before = sorted(weekly_pattern(session))
    put_setting(session, actor, PATTERN_KEY, days)
    return _new_version(
        session,
        actor,
        "calendar.weekly_pattern",
        "calendar",
        before={"weekdays": before},
        after={"weekdays": days},
    )


def set_day(session: Session, actor: Actor, day: date, kind: str, note: str = "") -> int:
    """Declare one date a holiday or a working day; returns the new version."""
    _admin(actor)
    kind = _kind(kind)
    old = session.get(CalendarDay, day)
    before = {"kind": old.kind, "source": old.source, "note": old.note} if old else None
    _upsert_day(session, actor, day, kind, "manual", note)
    session.flush()
    return _new_version(
        session,
        actor,
        "calendar.set_day",
        "calendar_day",
        before=before,
        after={"day": day, "kind": kind, "note": note},
    )


def clear_day(session: Session, actor: Actor, day: date) -> int:
    """Remove a date's override, so the weekly pattern decides it again."""
    _admin(actor)
    old = session.get(CalendarDay, day)
    if old is None:
        raise ValidationError(f"{day} 没有特别设置", f"{day} has no override to remove")
    before = {"day": day, "kind": old.kind, "source": old.source, "note": old.note}
    session.delete(old)
    session.flush()
    return _new_version(session, actor, "calendar.clear_day", "calendar_day", before=before)


def _kind(word: str) -> str:
    kind = KIND_WORDS.get(str(word).strip().lower())
    if kind is None:
        raise ValidationError(
            f"日期类型 {word!r} 无效，应为 holiday/休 或 workday/班",
            f"day kind {word!r} is not holiday/休 or workday/班",
        )
    return kind


@dataclass(frozen=True)
class CsvDay:
    line: int
    day: date
    kind: str
    note: str


def parse_calendar_csv(text: str) -> list[CsvDay]:
    """Read ``date,kind,note`` lines (header optional, ``#`` comments allowed).

    Every problem is reported at once, each with its line number, so the
    administrator can fix the file in one pass.
    """
    problems: list[str] = []
    rows: list[CsvDay] = []
    seen: dict[date, int] = {}
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for number, fields in enumerate(reader, start=1):
        if not fields or not "".join(fields).strip() or fields[0].strip().startswith("#"):
            continue
        if number == 1 and fields[0].strip().lower() == "date":
            continue
        if len(fields) < 2 or len(fields) > 3:
            problems.append(
                f"第 {number} 行: 应为 日期,类型,备注 / line {number}: expected date,kind,note"
            )
            continue
        raw_day, raw_kind = fields[0].strip(), fields[1].strip()
        note = fields[2].strip() if len(fields) == 3 else ""
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            problems.append(
                f"第 {number} 行: 日期 {raw_day!r} 无效 / line {number}: {raw_day!r} is not a date "
                "YYYY-MM-DD"
            )
            continue
        if not 2000 <= day.year <= 2100:
            problems.append(f"第 {number} 行: 年份超出范围 / line {number}: year out of range")
            continue
        kind = KIND_WORDS.get(raw_kind.lower())
        if kind is None:
            problems.append(
                f"第 {number} 行: 类型 {raw_kind!r} 应为 holiday/休 或 workday/班 / "
                f"line {number}: kind {raw_kind!r} is not holiday/休 or workday/班"
            )
            continue
        if day in seen:
            problems.append(
                f"第 {number} 行: {day} 与第 {seen[day]} 行重复 / "
                f"line {number}: {day} repeats line {seen[day]}"
            )
            continue
        seen[day] = number
        rows.append(CsvDay(number, day, kind, note))
    if not rows and not problems:
        problems.append("文件中没有日期 / the file lists no dates")
    if problems:
        raise ValidationError("日历文件有误：" + "；".join(problems), "; ".join(problems))
    return rows


@dataclass(frozen=True)
class ImportResult:
    years: list[int]
    days: int
    version: int


def import_calendar_csv(session: Session, actor: Actor, text: str) -> ImportResult:
    """Load a year's holidays and make-up days from the State Council notice.

    The years named in the file become covered (not provisional); their
    earlier package or CSV overrides are replaced, manual edits are kept
    unless the file names the same date.
    """
    _admin(actor)
    rows = parse_calendar_csv(text)
    years = sorted({r.day.year for r in rows})
    for year in years:
        session.execute(
            delete(CalendarDay).where(
                col(CalendarDay.source).in_(["chinese_calendar", "csv"]),
                col(CalendarDay.day) >= date(year, 1, 1),
                col(CalendarDay.day) <= date(year, 12, 31),
            )
        )
    for row in rows:
        _upsert_day(session, actor, row.day, row.kind, "csv", row.note)
    _record_years(session, years, "csv")
    session.flush()
    version = _new_version(
        session,
        actor,
        "calendar.import_csv",
        "calendar",
        after={"years": years, "days": [[r.day, r.kind, r.note] for r in rows]},
    )
    return ImportResult(years, len(rows), version)


def covered_years(session: Session) -> list[tuple[int, str, datetime]]:
    """The recorded years: (year, source, recorded at)."""
    rows = session.exec(select(CalendarYear).order_by(col(CalendarYear.year))).all()
    return [(r.year, r.source, r.recorded_at) for r in rows]
