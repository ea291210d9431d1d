"""What changed since the desktop last looked: read from the audit log and the queue tables.

Every change writes its audit event in its own transaction, so the events after
the newest one a desktop has seen name the cases and records that changed;
:func:`row_marker` also catches rows added without an event.  The desktop's
change sources (``workbench.ui.changes``) poll these on SQLite and after each
PostgreSQL notification.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from workbench.models import Appeal, AuditEvent, Case, CorrectionOrder, Measure

_AE = AuditEvent.__table__
_C = Case.__table__
_AP = Appeal.__table__
_M = Measure.__table__
_CO = CorrectionOrder.__table__


@dataclass(frozen=True)
class ChangeBatch:
    """What changed since the last poll: the newest audit event id seen, the
    cases touched, and the entities touched (``entity`` -> ids)."""

    last_event_id: int
    case_ids: tuple[int, ...]
    entities: dict[str, tuple[int, ...]]


def latest_event_id(session: Session) -> int:
    """The id of the newest audit event (0 for an empty log)."""
    return int(session.execute(select(func.max(_AE.c.id))).scalar_one() or 0)


def changes_since(session: Session, last_event_id: int, *, limit: int = 2000) -> ChangeBatch:
    """Every change is written to the audit log in its own transaction, so the
    events after ``last_event_id`` say which cases and records changed.  Cheap:
    a primary-key range scan, polled every few seconds on SQLite."""
    stmt = (
        select(_AE.c.id, _AE.c.entity, _AE.c.entity_id, _AE.c.case_id)
        .where(_AE.c.id > last_event_id)
        .order_by(_AE.c.id)
        .limit(limit)
    )
    case_ids: set[int] = set()
    entities: dict[str, set[int]] = {}
    last = last_event_id
    for event_id, entity, entity_id, case_id in session.execute(stmt):
        last = max(last, event_id)
        if case_id is not None:
            case_ids.add(case_id)
        if entity_id is not None:
            entities.setdefault(entity, set()).add(entity_id)
    return ChangeBatch(
        last, tuple(sorted(case_ids)), {k: tuple(sorted(v)) for k, v in entities.items()}
    )


def row_marker(session: Session) -> tuple:
    """The newest id of each queue table: a change here means rows were added
    (also by tools that bypass the audit log, such as bulk imports)."""
    stmt = select(
        select(func.max(_C.c.id)).scalar_subquery(),
        select(func.max(_AP.c.id)).scalar_subquery(),
        select(func.max(_M.c.id)).scalar_subquery(),
        select(func.max(_CO.c.id)).scalar_subquery(),
    )
    return tuple(session.execute(stmt).one())
