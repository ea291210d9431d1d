"""What changed since the desktop last looked: read from the audit log and the queue tables.

Every change writes its audit event in its own transaction, so the events after
the newest one a desktop has seen name the cases and records that changed;
:func:`row_marker` also catches rows added without an event.  The desktop's
change sources (``workbench.ui.changes``) poll these on SQLite and after each
PostgreSQL notification.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlmodel import Session

from workbench.models import Appeal, AuditEvent, Case, CorrectionOrder, Measure
from workbench.models.base import table_of

_AE = table_of(AuditEvent)
_C = table_of(Case)
_AP = table_of(Appeal)
_M = table_of(Measure)
_CO = table_of(CorrectionOrder)


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


@dataclass(frozen=True)
class Changes:
    """What an operation changed, as the views need to know it.

    ``entities`` maps an entity kind (``case``, ``appeal``, ``measure``,
    ``reviewer``, ``setting`` ...) to the ids changed; ``queues`` says that
    queue membership or counts may have moved.  Empty for a read.
    """

    entities: dict[str, tuple[int, ...]] = field(default_factory=dict)
    queues: bool = False

    @property
    def empty(self) -> bool:
        return not self.entities and not self.queues

    def ids(self, kind: str) -> tuple[int, ...]:
        return self.entities.get(kind, ())


CHANGES_KEY = "workbench.changes"


def note_change(session: Session, entity: str, entity_id: int | None, case_id: int | None) -> None:
    """Remember, in the session, that ``entity`` ``entity_id`` changed (the audit log calls this)."""
    bucket: dict[str, set[int]] = session.info.setdefault(CHANGES_KEY, {})
    if entity_id is not None:
        bucket.setdefault(entity, set()).add(int(entity_id))
    if case_id is not None:
        bucket.setdefault("case", set()).add(int(case_id))
    session.info[CHANGES_KEY + ".any"] = True


def note_queues(session: Session) -> None:
    """Remember that queue rows moved without naming each (a bulk import)."""
    session.info[CHANGES_KEY + ".any"] = True


def collected_changes(session: Session) -> Changes:
    """The changes noted in ``session`` since it began (see :func:`note_change`)."""
    bucket: dict[str, set[int]] = session.info.get(CHANGES_KEY, {})
    touched = bool(session.info.get(CHANGES_KEY + ".any"))
    return Changes({k: tuple(sorted(v)) for k, v in sorted(bucket.items()) if v}, touched)


def clear_changes(session: Session) -> None:
    session.info.pop(CHANGES_KEY, None)
    session.info.pop(CHANGES_KEY + ".any", None)
