"""Changing a policy or the calendar: preview which open clocks move, then apply.

A change is a function of the session (e.g. ``lambda s: set_policy(s, admin,
...)`` or ``lambda s: import_calendar_csv(s, admin, text)``).
:func:`preview_change` runs it inside a savepoint, lists the open clocks whose
due time would move (old due, new due, difference) and rolls everything back.
:func:`apply_change` makes the change, recomputes every open clock with the
policy now in force and the new calendar, updates the owners' due times, and
audits the moves in one event.  Closed clocks (met, breached) keep their due
times: a rule changed later does not rewrite history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.models import Clock, TimeLimitPolicy
from workbench.models.base import saved
from workbench.models.codes import Role
from workbench.records import audit
from workbench.timelimits.calendar import load_snapshot
from workbench.timelimits.clocks import (
    OPEN_STATES,
    clock_due,
    recompute,
    refresh_clock_owner,
)
from workbench.timelimits.deadlines import require_aware
from workbench.timelimits.policies import (
    PolicyRule,
    load_default_policies,
    policy_key,
    rule_of,
    select_policy,
)


@dataclass(frozen=True)
class ClockMove:
    clock_id: int
    stage: str
    case_id: int | None
    appeal_id: int | None
    correction_order_id: int | None
    old_due: datetime
    new_due: datetime
    provisional: bool

    @property
    def delta(self) -> timedelta:
        return self.new_due - self.old_due

    def to_json(self) -> dict:
        return {
            "clock_id": self.clock_id,
            "stage": self.stage,
            "case_id": self.case_id,
            "appeal_id": self.appeal_id,
            "correction_order_id": self.correction_order_id,
            "old_due": self.old_due.isoformat(),
            "new_due": self.new_due.isoformat(),
            "delta_seconds": self.delta.total_seconds(),
            "provisional": self.provisional,
        }


def _policies(session: Session) -> Callable[[Session, Clock], PolicyRule | None]:
    rows = [rule_of(r) for r in session.exec(select(TimeLimitPolicy)).all()]
    defaults = load_default_policies()

    def lookup(s: Session, clock: Clock) -> PolicyRule | None:
        key = policy_key(s, clock)
        return select_policy(rows, stage=clock.stage, **key) or select_policy(
            defaults, stage=clock.stage, **key
        )

    return lookup


def _open_clocks(session: Session) -> list[Clock]:
    return list(
        session.exec(
            select(Clock)
            .where(col(Clock.state).in_(OPEN_STATES))
            .order_by(col(Clock.due_at), col(Clock.id))
        ).all()
    )


def _move(clock: Clock, old: datetime, new: datetime, provisional: bool) -> ClockMove:
    return ClockMove(
        saved(clock.id),
        clock.stage,
        clock.case_id,
        clock.appeal_id,
        clock.correction_order_id,
        old,
        new,
        provisional,
    )


def plan_moves(session: Session) -> list[ClockMove]:
    """The open clocks whose due time differs from what the policies and calendar
    now in force give (nothing is written)."""
    snapshot = load_snapshot(session)
    lookup = _policies(session)
    moves = []
    for clock in _open_clocks(session):
        due = clock_due(session, clock, snapshot, lookup(session, clock))
        if due.at != clock.due_at:
            moves.append(_move(clock, clock.due_at, due.at, due.provisional))
    return moves


def preview_change(session: Session, change: Callable[[Session], object]) -> list[ClockMove]:
    """What ``change`` would do to open clocks; the change itself is rolled back."""
    savepoint = session.begin_nested()
    try:
        change(session)
        session.flush()
        return plan_moves(session)
    finally:
        savepoint.rollback()


@dataclass(frozen=True)
class RetimeResult:
    moves: list[ClockMove]
    recomputed: int
    calendar_version: int


def apply_change(
    session: Session,
    actor: Actor,
    change: Callable[[Session], object] | None,
    *,
    at: datetime,
) -> RetimeResult:
    """Make ``change`` (if any) and recompute every open clock under it (administrator)."""
    require_role(actor, Role.ADMINISTRATOR)
    require_aware(at, "at")
    if change is not None:
        change(session)
        session.flush()
    snapshot = load_snapshot(session)
    lookup = _policies(session)
    moves = []
    clocks = _open_clocks(session)
    for clock in clocks:
        old, new = recompute(session, clock, snapshot, at=at, policy=lookup(session, clock))
        if old != new:
            moves.append(_move(clock, old, new, clock.provisional))
            refresh_clock_owner(session, clock)
    session.flush()
    audit.record(
        session,
        actor,
        "clocks.retime",
        "clock",
        None,
        after={
            "calendar_version": snapshot.version,
            "recomputed": len(clocks),
            "moves": [m.to_json() for m in moves],
        },
        at=at,
    )
    return RetimeResult(moves, len(clocks), snapshot.version)
