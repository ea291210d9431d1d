"""What is at risk (临近超时): one definition for the dashboard, the queues' badges and
the rows' colour.

A running clock not yet due is at risk once it deserves a warning
(:func:`workbench.timelimits.alerts.level_of`: most of its allowance used, or at most a
working day left).  :func:`at_risk` finds those clocks, all of them or a page's;
:func:`owner_key` names the column that ties a queue's row to its clock and
:func:`row_state` refines a row's due state with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, or_
from sqlmodel import Session, col, select

from workbench.models import Clock, ClockExtension
from workbench.models.codes import ClockState
from workbench.models.views import DueState, QueueName, due_state
from workbench.timelimits.alerts import WARNED, level_of, load_thresholds
from workbench.timelimits.calendar import load_snapshot
from workbench.timelimits.deadlines import Extension, require_aware


@dataclass(frozen=True)
class AtRisk:
    """What is at risk at one moment, by what owns the clock (临近超时)."""

    clocks: int
    case_ids: frozenset[int]
    appeal_ids: frozenset[int]
    correction_order_ids: frozenset[int]


_CLOCK_FIELDS = (
    "id", "case_id", "appeal_id", "correction_order_id", "due_at", "unit", "amount", "state",
    "warning_level",
)  # fmt: skip


def at_risk(
    session: Session,
    now: datetime,
    *,
    case_ids: Sequence[int] | None = None,
    appeal_ids: Sequence[int] | None = None,
    correction_order_ids: Sequence[int] | None = None,
) -> AtRisk:
    """The running clocks not yet due that deserve a warning at ``now`` (see
    :func:`level_of`): the one definition of "at risk" behind the dashboard's
    临近超时, the queues' badges and the rows' colour.  Without ids, every open
    clock; with ids, only the clocks of those cases, appeals and correction orders
    (a page of a queue)."""
    require_aware(now, "now")
    wanted: list[ColumnElement[bool]] = [
        col(Clock.state) == ClockState.RUNNING,
        col(Clock.due_at) >= now,
    ]
    if case_ids is not None or appeal_ids is not None or correction_order_ids is not None:
        wanted.append(
            or_(
                col(Clock.case_id).in_(list(case_ids or ())),
                col(Clock.appeal_id).in_(list(appeal_ids or ())),
                col(Clock.correction_order_id).in_(list(correction_order_ids or ())),
            )
        )
    # Plain rows, not ORM objects: a server counts thousands of open clocks per refresh.
    # level_of reads only these attributes of a running clock.
    clocks = session.execute(
        select(*(getattr(Clock, name) for name in _CLOCK_FIELDS)).where(*wanted)
    ).all()
    extensions: dict[int, list[Extension]] = defaultdict(list)
    if clocks:
        running = select(Clock.id).where(*wanted)
        for clock_id, amount, unit in session.execute(
            select(ClockExtension.clock_id, ClockExtension.amount, ClockExtension.unit).where(
                col(ClockExtension.clock_id).in_(running)
            )
        ):
            extensions[clock_id].append(Extension(amount, unit))
    snapshot, thresholds = load_snapshot(session), load_thresholds(session)
    # A running clock's level depends only on its due time, limit and extensions, and
    # working-day clocks fall due at a few midnights: work each combination out once.
    levels: dict[tuple, int] = {}

    def warned_now(clock: Row[Any]) -> bool:
        own = extensions[clock.id]
        key = (
            clock.due_at,
            clock.unit,
            clock.amount,
            tuple(sorted((e.amount, e.unit) for e in own)),
        )
        if key not in levels:
            levels[key] = level_of(clock, now, snapshot, thresholds, own)
        return levels[key] == WARNED

    warned = [c for c in clocks if warned_now(c)]
    return AtRisk(
        clocks=len(warned),
        case_ids=frozenset(c.case_id for c in warned if c.case_id is not None),
        appeal_ids=frozenset(c.appeal_id for c in warned if c.appeal_id is not None),
        correction_order_ids=frozenset(
            c.correction_order_id for c in warned if c.correction_order_id is not None
        ),
    )


def owner_key(queue: str) -> str:
    """The row field naming what owns a queue row's clock."""
    if queue == QueueName.APPEALS:
        return "appeal_id"
    if queue == QueueName.CORRECTIONS:
        return "correction_order_id"
    return "case_id"


def owners(risk: AtRisk, key: str) -> frozenset[int]:
    return {
        "case_id": risk.case_ids,
        "appeal_id": risk.appeal_ids,
        "correction_order_id": risk.correction_order_ids,
    }[key]


def page_risk(session: Session, now: datetime, records: Sequence[Mapping]) -> AtRisk:
    """The at-risk clocks among a page of queue rows."""

    def ids(field: str) -> list[int]:
        return [r[field] for r in records if r[field] is not None]

    return at_risk(
        session,
        now,
        case_ids=ids("case_id"),
        appeal_ids=ids("appeal_id"),
        correction_order_ids=ids("correction_order_id"),
    )


def row_state(row: Mapping, key: str, risk: AtRisk, now: datetime) -> str:
    """The row's :class:`DueState`, at risk exactly when its clock is."""
    state = due_state(row["clock_state"], row["due_at"], now)
    if state in (DueState.AT_RISK, DueState.RUNNING):
        return DueState.AT_RISK if row[key] in owners(risk, key) else DueState.RUNNING
    return state
