"""Warnings and breaches of running clocks, raised once each by :func:`tick`.

Levels on ``Clock.warning_level``: 0 nothing raised, 1 warned, 2 breached.

A running clock is *warned* when either threshold (setting
``clocks.warning_thresholds``) is reached:

* ``elapsed_share`` (default 0.75): the share of its allowance used up.  The
  allowance is the limit plus extensions (working days as 24 working hours
  each); what is left is measured from now to the due time (working time for
  working-day limits, calendar time for hour limits).  So time on the start
  day before counting begins, and paused time, use up nothing.
* ``working_days_left`` (default 1): for working-day limits, at most this
  many working days are left before the due time.

It is *breached* once the current time is past its due time.  A clock jumping
straight from 0 to 2 raises only the breach.  Paused clocks are neither warned
nor breached.  Each raised level is an audit event (``clock.warning``,
``clock.breach``) by the system.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sqlalchemy import select as select_rows
from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.errors import ValidationError
from workbench.models import Clock, ClockExtension
from workbench.models.codes import ClockState, LimitUnit, Role
from workbench.records import audit
from workbench.settings import get_setting, put_setting
from workbench.timelimits.calendar import load_snapshot
from workbench.timelimits.deadlines import (
    DAY_SECONDS,
    CalendarSnapshot,
    Extension,
    WorkingTime,
    require_aware,
)

THRESHOLDS_KEY = "clocks.warning_thresholds"
WARNED, BREACHED = 1, 2


@dataclass(frozen=True)
class Thresholds:
    elapsed_share: float = 0.75
    working_days_left: float = 1.0


def load_thresholds(session: Session) -> Thresholds:
    value = get_setting(session, THRESHOLDS_KEY) or {}
    default = Thresholds()
    return Thresholds(
        float(value.get("elapsed_share", default.elapsed_share)),
        float(value.get("working_days_left", default.working_days_left)),
    )


def set_thresholds(session: Session, actor: Actor, thresholds: Thresholds) -> Thresholds:
    """Change the warning thresholds (administrator or supervisor)."""
    require_role(actor, Role.ADMINISTRATOR, Role.SUPERVISOR)
    if not 0 < thresholds.elapsed_share <= 1 or thresholds.working_days_left < 0:
        raise ValidationError(
            "阈值无效：已用比例须在 0-1 之间，剩余工作日不能为负",
            "invalid thresholds: elapsed share must be in (0, 1], working days left >= 0",
        )
    before = load_thresholds(session)
    put_setting(session, actor, THRESHOLDS_KEY, thresholds.__dict__)
    audit.record(
        session,
        actor,
        "clocks.thresholds",
        "setting",
        None,
        before=before.__dict__,
        after=thresholds.__dict__,
    )
    return thresholds


class ClockTimes(Protocol):
    """What the level of a clock is worked out from: a ``Clock`` or a plain row of its columns."""

    @property
    def state(self) -> str: ...
    @property
    def warning_level(self) -> int: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def unit(self) -> str: ...
    @property
    def amount(self) -> float: ...


def allowance_seconds(clock: ClockTimes, extensions: list[Extension]) -> float:
    days = sum(e.amount for e in extensions if e.unit == LimitUnit.WORKING_DAYS)
    hours = sum(e.amount for e in extensions if e.unit == LimitUnit.HOURS)
    if clock.unit == LimitUnit.WORKING_DAYS:
        days += clock.amount
    else:
        hours += clock.amount
    return days * DAY_SECONDS + hours * 3600


def remaining_seconds(
    clock: ClockTimes,
    now: datetime,
    snapshot: CalendarSnapshot,
    from_now: WorkingTime | None = None,
) -> float:
    """Time left before the due time: working time for working-day limits.

    ``from_now`` (a :class:`WorkingTime` from ``now`` on ``snapshot``) is shared by
    a tick over many clocks."""
    if clock.unit == LimitUnit.WORKING_DAYS:
        return (from_now or WorkingTime(now, snapshot)).until(clock.due_at)
    return max(0.0, (clock.due_at - now).total_seconds())


def level_of(
    clock: ClockTimes,
    now: datetime,
    snapshot: CalendarSnapshot,
    thresholds: Thresholds,
    extensions: list[Extension],
    from_now: WorkingTime | None = None,
) -> int:
    """The level a clock deserves at ``now`` (a paused clock keeps its level)."""
    if clock.state == ClockState.PAUSED:
        return clock.warning_level
    if clock.state != ClockState.RUNNING:
        return clock.warning_level
    if now > clock.due_at:
        return BREACHED
    remaining = remaining_seconds(clock, now, snapshot, from_now)
    allowance = allowance_seconds(clock, extensions)
    if allowance > 0 and 1 - remaining / allowance >= thresholds.elapsed_share:
        return WARNED
    if (
        clock.unit == LimitUnit.WORKING_DAYS
        and thresholds.working_days_left > 0
        and remaining <= thresholds.working_days_left * DAY_SECONDS
    ):
        return WARNED
    return 0


def level_for(
    session: Session,
    clock: Clock,
    now: datetime,
    snapshot: CalendarSnapshot,
    thresholds: Thresholds,
) -> int:
    rows = session.exec(
        select(ClockExtension).where(col(ClockExtension.clock_id) == clock.id)
    ).all()
    return level_of(clock, now, snapshot, thresholds, [Extension(e.amount, e.unit) for e in rows])


@dataclass(frozen=True)
class ClockAlert:
    clock_id: int
    stage: str
    level: int
    due_at: datetime
    case_id: int | None
    appeal_id: int | None
    correction_order_id: int | None
    assignee_id: int | None


@dataclass(frozen=True)
class TickResult:
    """What one tick raised: new warnings and new breaches, and how many clocks it checked."""

    at: datetime
    checked: int
    warned: list[ClockAlert] = field(default_factory=list)
    breached: list[ClockAlert] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.warned or self.breached)

    def to_json(self) -> dict:
        def alert(a: ClockAlert) -> dict:
            return {
                "clock_id": a.clock_id,
                "stage": a.stage,
                "due_at": a.due_at.isoformat(),
                "case_id": a.case_id,
                "appeal_id": a.appeal_id,
                "correction_order_id": a.correction_order_id,
            }

        return {
            "at": self.at.isoformat(),
            "checked": self.checked,
            "warned": [alert(a) for a in self.warned],
            "breached": [alert(a) for a in self.breached],
        }


@dataclass(frozen=True)
class DueRaise:
    """A level a running clock deserves now and has not had raised (see :func:`due_raises`)."""

    alert: ClockAlert
    #: The due time it was worked out from: a clock extended since is left for the next tick.
    scanned_due_at: datetime


#: The columns a tick reads of a clock: plain rows, not tracked objects, so a tick over
#: a hundred thousand running clocks stays light on memory and the garbage collector.
_TICK_COLUMNS = (
    col(Clock.id),
    col(Clock.stage),
    col(Clock.state),
    col(Clock.warning_level),
    col(Clock.due_at),
    col(Clock.unit),
    col(Clock.amount),
    col(Clock.case_id),
    col(Clock.appeal_id),
    col(Clock.correction_order_id),
    col(Clock.assignee_id),
)


def due_raises(session: Session, now: datetime) -> tuple[int, list[DueRaise]]:
    """Every warning and breach due at ``now``, in due order, and how many clocks were
    checked: one read of the running clocks, nothing written (:func:`raise_due` writes)."""
    require_aware(now, "now")
    unfinished = (col(Clock.state) == ClockState.RUNNING, col(Clock.warning_level) < BREACHED)
    rows = session.execute(
        select_rows(*_TICK_COLUMNS).where(*unfinished).order_by(col(Clock.due_at), col(Clock.id))
    ).all()
    if not rows:
        return 0, []
    snapshot = load_snapshot(session)
    thresholds = load_thresholds(session)
    extensions: dict[int, list[Extension]] = defaultdict(list)
    for clock_id, amount, unit in session.execute(
        select_rows(
            col(ClockExtension.clock_id), col(ClockExtension.amount), col(ClockExtension.unit)
        )
        .join(Clock, col(Clock.id) == col(ClockExtension.clock_id))
        .where(*unfinished)
    ):
        extensions[clock_id].append(Extension(amount, unit))
    due: list[DueRaise] = []
    from_now = WorkingTime(now, snapshot)
    for row in rows:
        level = level_of(row, now, snapshot, thresholds, extensions.get(row.id, []), from_now)
        if level > row.warning_level:
            alert = ClockAlert(
                row.id,
                row.stage,
                level,
                row.due_at,
                row.case_id,
                row.appeal_id,
                row.correction_order_id,
                row.assignee_id,
            )
            due.append(DueRaise(alert, row.due_at))
    return len(rows), due


def raise_due(
    session: Session, now: datetime, due: list[DueRaise]
) -> tuple[list[ClockAlert], list[ClockAlert]]:
    """Raise the levels of ``due``, each once, audited: the warnings and breaches raised.

    Each raise is conditional, so two ticks at once (two desktops, or a desktop and
    ``workbench clocks tick``) raise each level once: the second waits for the
    first's row lock, then finds the level already set.  A clock stopped, paused or
    given a new due time since it was scanned is left alone.
    """
    warned: list[ClockAlert] = []
    breached: list[ClockAlert] = []
    for item in due:
        alert = item.alert
        raised = session.exec(
            update(Clock)
            .where(
                col(Clock.id) == alert.clock_id,
                col(Clock.warning_level) < alert.level,
                col(Clock.state) == ClockState.RUNNING,
                col(Clock.due_at) == item.scanned_due_at,
            )
            .values(warning_level=alert.level)
            .execution_options(synchronize_session=False)
        )
        if raised.rowcount != 1:
            continue
        loaded = session.identity_map.get(identity_key(Clock, alert.clock_id))
        if loaded is not None:  # the caller holds the clock: show it the raised level
            set_committed_value(loaded, "warning_level", alert.level)
        (breached if alert.level == BREACHED else warned).append(alert)
        audit.record(
            session,
            None,
            "clock.breach" if alert.level == BREACHED else "clock.warning",
            "clock",
            alert.clock_id,
            case_id=alert.case_id,
            after={"stage": alert.stage, "due_at": alert.due_at, "level": alert.level},
            at=now,
        )
    session.flush()
    return warned, breached


def tick(session: Session, now: datetime) -> TickResult:
    """Raise the warnings and breaches due at ``now``, each once, audited, in one
    transaction (the server ticks in short ones: :mod:`workbench.server.ticker`)."""
    checked, due = due_raises(session, now)
    warned, breached = raise_due(session, now, due)
    return TickResult(now, checked, warned, breached)
