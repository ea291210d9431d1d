"""The audit log: one append-only event per change, chained by hash.

Each event stores the hash of the one before it, so changing, removing or
reordering any event breaks the chain from that point, and
``workbench audit verify`` names the first broken event.  Events are written
in the same transaction as the change they describe; appends are serialised
by locking the single ``audit_head`` row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlmodel import Session

from workbench.db import transaction_cached
from workbench.models import AuditEvent, AuditHead, utcnow
from workbench.queues.change_feed import note_change

if TYPE_CHECKING:
    from workbench.queues.auth import Actor

GENESIS = "0" * 64


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data (datetimes as ISO 8601, enums as codes)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_hash(event: AuditEvent) -> str:
    """The hash of ``event``'s content and the hash of the event before it."""
    payload = {
        "id": event.id,
        "occurred_at": event.occurred_at.isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "case_id": event.case_id,
        "account_id": event.account_id,
        "reason": event.reason,
        "before": event.before,
        "after": event.after,
    }
    return hashlib.sha256((event.prev_hash + _canonical(payload)).encode("utf-8")).hexdigest()


def lock_head(session: Session) -> AuditHead:
    """The chain's head row, locked (on PostgreSQL) once per transaction.

    Locking it serialises appends across transactions; within one transaction
    the locked row is reused, not selected again for every event.
    """
    return transaction_cached(session, "workbench.audit_head", lambda: _select_head(session))


def _select_head(session: Session) -> AuditHead:
    stmt = select(AuditHead).where(AuditHead.id == 1)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    head = session.exec(stmt).scalars().first()
    if head is None:  # the migration seeds it; a hand-made database may lack it
        head = AuditHead(id=1, last_event_id=None, last_hash=GENESIS)
        session.add(head)
        session.flush()
    return head


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    case_id: int | None = None,
    account_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event describing a change made in ``session``'s transaction."""
    head = lock_head(session)
    # In UTC, as the database gives it back, and to the microsecond, which both
    # databases keep: the hash recomputes exactly (an instant in Beijing time
    # would hash as +08:00 and be read back as UTC).
    at = at or utcnow()
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"audit event time {at.isoformat()} has no time zone")
    at = at.astimezone(UTC)
    event = AuditEvent(
        id=(head.last_event_id or 0) + 1,
        occurred_at=at,
        actor_id=actor.id if actor is not None else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        case_id=case_id,
        account_id=account_id,
        reason=reason,
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        prev_hash=head.last_hash,
        hash="",
    )
    event.hash = event_hash(event)
    session.add(event)
    head.last_event_id = event.id
    head.last_hash = event.hash
    session.add(head)
    note_change(session, entity, entity_id, case_id)
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    problem: str = ""


def verify(session: Session, *, batch: int = 5000) -> VerifyResult:
    """Walk the whole chain; report the first event whose link or content is wrong."""
    prev_hash: str | None = None
    checked = 0
    last_id = 0
    while True:
        rows = (
            session.exec(
                select(AuditEvent)
                .where(AuditEvent.id > last_id)
                .order_by(AuditEvent.id)
                .limit(batch)
            )
            .scalars()
            .all()
        )
        if not rows:
            break
        for event in rows:
            if prev_hash is None:
                prev_hash = event.prev_hash  # the first kept event anchors the chain (purges)
            if event.prev_hash != prev_hash:
                return VerifyResult(
                    False,
                    checked,
                    event.id,
                    f"event {event.id} ({event.action}) does not follow the event before it: "
                    "an event was removed, inserted or reordered",
                )
            if event_hash(event) != event.hash:
                return VerifyResult(
                    False,
                    checked,
                    event.id,
                    f"event {event.id} ({event.action}) was changed after it was written",
                )
            prev_hash = event.hash
            checked += 1
            last_id = event.id
        session.expunge_all()
    head = session.get(AuditHead, 1)
    if head is not None and checked and head.last_hash != prev_hash:
        return VerifyResult(
            False,
            checked,
            None,
            f"the newest events after {last_id} are missing (the chain head points elsewhere)",
        )
    return VerifyResult(True, checked)
