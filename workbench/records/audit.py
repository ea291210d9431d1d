"""The audit log: one append-only event per change, chained by hash.

Each event stores the hash of the one before it, so changing, removing or
reordering any event breaks the chain from that point, and
``workbench audit verify`` names the first broken event.  Events are written
in the same transaction as the change they describe.  On SQLite, where write
transactions run one at a time anyway, they are chained there and then.  On
PostgreSQL no writing transaction waits for another's events: each inserts
its events unchained into ``audit_pending``, and the sealer
(:mod:`workbench.records.sealer`) chains every committed one in commit order,
in short transactions of its own, right after the commit and on the server's
timer.  An event is tamper-evident once it is sealed.

The hash is an HMAC-SHA256 under the audit key (:mod:`workbench.records.audit_key`),
which the database does not hold, and each event names the key's id: whoever
can write the table but not read the key file cannot write an event that
verifies.  Events written before keys (``key_id`` NULL) still verify by plain
SHA-256, but none may follow a keyed event.  A change of key is recorded as
``audit.key_rotate``.  A prefix of the chain may be missing only where a
recorded purge (``retention.purge``) says the kept events start; truncation at
the head is found against checkpoints (:mod:`workbench.archive.checkpoints`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Insert, bindparam, func, insert, select
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from workbench.db import transaction_cached
from workbench.models import AuditEvent, AuditHead, AuditPending, utcnow
from workbench.models.base import table_of
from workbench.records.audit_key import AuditKey, audit_key
from workbench.records.change_feed import note_change

if TYPE_CHECKING:
    from workbench.access.auth import Actor

GENESIS = "0" * 64
_EVENTS = table_of(AuditEvent)


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


def chain_hash(prev_hash: str, canonical: str, key: AuditKey | None) -> str:
    """The one hash of the chain: HMAC-SHA256 under ``key`` of the previous hash and an
    event's canonical payload, or plain SHA-256 for an event written before keys."""
    data = (prev_hash + canonical).encode("utf-8")
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return key.digest(data)


def event_hash(event: Any, key: AuditKey | None) -> str:
    """The hash of ``event``'s content and the hash of the event before it, under ``key``
    (the key named by ``event.key_id``; None for an unkeyed event).  ``event`` is an
    :class:`AuditEvent` or a row of its table."""
    payload: dict[str, Any] = {
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
    if event.key_id is not None:
        payload["key_id"] = event.key_id
    return chain_hash(event.prev_hash, _canonical(payload), key)


def lock_head(session: Session) -> AuditHead:
    """The chain's head row, locked (on PostgreSQL) once per transaction.

    Only chaining takes it: an SQLite write transaction (which holds the
    database's one write lock anyway) and the sealer's short transaction.
    Within one transaction the locked row is reused, not selected again.
    """
    return transaction_cached(session, "workbench.audit_head", lambda: _select_head(session))


def _select_head(session: Session) -> AuditHead:
    stmt = select(AuditHead).where(col(AuditHead.id) == 1)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    head = session.scalars(stmt).first()
    if head is None:  # the migration seeds it; a hand-made database may lack it
        head = AuditHead(id=1, last_event_id=None, last_hash=GENESIS)
        session.add(head)
        session.flush()
    return head


def event_fields(
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
) -> dict[str, Any]:
    """The columns of one event as :func:`record` writes it (the chain's columns aside)."""
    # In UTC, as the database gives it back, and to the microsecond, which both
    # databases keep: the hash recomputes exactly (an instant in Beijing time
    # would hash as +08:00 and be read back as UTC).
    at = at or utcnow()
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"audit event time {at.isoformat()} has no time zone")
    return {
        "occurred_at": at.astimezone(UTC),
        "actor_id": actor.id if actor is not None else None,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "case_id": case_id,
        "account_id": account_id,
        "reason": reason,
        "before": jsonable(before) if before is not None else None,
        "after": jsonable(after) if after is not None else None,
    }


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int | None,
    **details: Any,
) -> AuditEvent | AuditPending:
    """Append one event describing a change made in ``session``'s transaction
    (``details``: the keywords of :func:`event_fields`); see :func:`append`."""
    return append(session, event_fields(actor, action, entity, entity_id, **details))


def append(session: Session, fields: dict[str, Any]) -> AuditEvent | AuditPending:
    """Append the event :func:`event_fields` describes to ``session``'s transaction.

    On SQLite it is chained at once (the first event under a key other than
    the newest event's is preceded by ``audit.key_rotate`` naming both key
    ids); on PostgreSQL it waits in ``audit_pending`` for the sealer, which
    runs when ``session`` commits.
    """
    if session.get_bind().dialect.name == "postgresql":
        pending = AuditPending(**fields)
        session.add(pending)
        pending_written(session, fields)
        return pending
    note_change(session, fields["entity"], fields["entity_id"], fields["case_id"])
    event = AuditEvent(**fields)
    head = lock_head(session)
    for linked in link(head, audit_key(), [event]):
        session.add(linked)
    session.add(head)
    return event


_PENDING = table_of(AuditPending)


def pending_insert() -> Insert:
    """An INSERT of one ``audit_pending`` row from the parameters :func:`pending_params`
    names, for a change written in one statement with its event (PostgreSQL): add the
    change to it as CTEs, then call :func:`pending_written`."""
    names = [c.name for c in _PENDING.columns if c.name != "id"]
    return insert(_PENDING).values(
        {name: bindparam(f"event_{name}", type_=_PENDING.c[name].type) for name in names}
    )


def pending_params(fields: dict[str, Any]) -> dict[str, Any]:
    """:func:`event_fields` as the parameters of :func:`pending_insert`."""
    return {f"event_{name}": value for name, value in fields.items()}


def pending_written(session: Session, fields: dict[str, Any]) -> None:
    """An event was written to ``audit_pending`` in ``session``'s transaction: note the
    change for the change feed, and seal once the transaction commits."""
    note_change(session, fields["entity"], fields["entity_id"], fields["case_id"])
    mark_unsealed(session)


UNSEALED = "workbench.audit.unsealed"
SEAL_DUE = "workbench.audit.seal_due"
BY_TIMER = "workbench.audit.by_timer"
SEAL_FULLY = "workbench.audit.seal_fully"
#: The most events a commit's own seal chains, unless it wrote more itself: a reviewer's
#: request that finds a batch's thousands of events pending leaves them to the batch's
#: own seal or the next round (:func:`workbench.records.sealer.seal_after_commit`).
AFTER_COMMIT = 200


def mark_unsealed(session: Session, events: int = 1) -> None:
    """Remember that ``session``'s transaction left ``events`` more events for the sealer."""
    session.info[UNSEALED] = session.info.get(UNSEALED, 0) + events


def seal_fully(session: Session) -> None:
    """Have the commit of ``session``'s transaction wait for the chain's head and seal
    everything pending, not just a few events: for a batch, so that the events it
    filed are chained by its own process, not by the next reviewer's request."""
    session.info[SEAL_FULLY] = True


def leave_to_timer(session: Session) -> None:
    """Have the commit of ``session``'s transaction leave its events to a sealer running
    on a timer in this process (the team server's, within a second) instead of sealing
    them before the caller goes on: for a request that filed a batch and answers now."""
    session.info[BY_TIMER] = True


@sa_event.listens_for(OrmSession, "after_commit")
def _commit_left_events(session: OrmSession) -> None:
    """A commit (not a savepoint's release) that left events: seal once the session
    has given its connection back (a pool of one connection must not wait on itself),
    unless they are left to the timer."""
    if session.in_nested_transaction():
        return
    by_timer = session.info.pop(BY_TIMER, False)
    fully = session.info.pop(SEAL_FULLY, False)
    left = session.info.pop(UNSEALED, 0)
    if left and not by_timer:
        session.info[SEAL_DUE] = fully or left > AFTER_COMMIT  # whether to chain all


@sa_event.listens_for(OrmSession, "after_rollback")
def _forget_unsealed(session: OrmSession) -> None:
    if not session.in_nested_transaction():  # a savepoint rolled back: the rest may commit
        session.info.pop(UNSEALED, None)
        session.info.pop(BY_TIMER, None)
        session.info.pop(SEAL_FULLY, None)


@sa_event.listens_for(OrmSession, "after_transaction_end")
def _seal_after_commit(session: OrmSession, transaction: Any) -> None:
    """Seal right after a commit that left events, so they are chained promptly
    (the server's timer catches whatever this misses)."""
    if transaction.parent is None and SEAL_DUE in session.info:
        from workbench.records.sealer import seal_after_commit

        seal_after_commit(session.get_bind(), fully=session.info.pop(SEAL_DUE))


ROTATE_ACTION = "audit.key_rotate"
PURGE_ACTION = "retention.purge"


def link(head: Any, key: AuditKey, events: list[Any]) -> list[Any]:
    """Chain ``events`` after ``head`` under ``key``, moving ``head`` to the last.

    Their ids are the next positions of the chain.  When the newest event used
    another key, an ``audit.key_rotate`` event naming both comes first; the
    events to store are returned (the rotation included).  ``head`` and the
    events are the ORM rows or any objects with their attributes (the sealer's).
    """
    out = []
    if events and head.key_id != key.key_id and head.last_event_id is not None:
        out.append(
            AuditEvent(
                occurred_at=events[0].occurred_at,
                action=ROTATE_ACTION,
                entity="audit",
                before={"key_id": head.key_id},
                after={"key_id": key.key_id},
                reason="审计密钥已更换 / the audit key was changed",
                prev_hash="",  # both chained below, with the events
                hash="",
            )
        )
    out.extend(events)
    for event in out:
        event.id = (head.last_event_id or 0) + 1
        event.prev_hash = head.last_hash
        event.key_id = key.key_id
        event.hash = event_hash(event, key)
        head.last_event_id = event.id
        head.last_hash = event.hash
        head.key_id = key.key_id
    return out


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    problem: str = ""
    unkeyed: int = 0  # events written before keys, checked by SHA-256 only
    missing_key: str | None = None  # a key id none of the given keys has: cannot verify
    last_event_id: int = 0
    unsealed: int = 0  # events committed but not chained yet: not covered by this check


@dataclass(frozen=True)
class Mark:
    """A checkpoint's claim: the chain reached ``event_id`` with ``hash`` at ``at``."""

    event_id: int
    hash: str
    at: str


@dataclass
class _Walk:
    """The chain as walked so far: what the next event must follow, and the counts."""

    keys: dict[str, AuditKey]
    wanted: set[int]  # the checkpoints' events, whose hashes are kept in ``seen``
    seen: dict[int, str] = field(default_factory=dict)
    prev_hash: str | None = None
    prev_key: str | None = None
    keyed: bool = False
    first_id: int | None = None
    purged_to: int = 0  # the largest audit_kept_from_id a purge event in the chain records
    checked: int = 0
    unkeyed: int = 0
    last_id: int = 0

    def step(self, event: Any) -> tuple[str, str | None] | None:
        """Take in the next event; (what is wrong, a key id no given key has) if it
        breaks the chain: its link, its key or its content."""
        if self.prev_hash is None:
            self.first_id = event.id
            self.prev_hash = event.prev_hash  # the first kept event anchors the chain (purges)
            if event.id == 1 and event.prev_hash != GENESIS:
                return f"event 1 ({event.action}) does not start the chain", None
        elif event.prev_hash != self.prev_hash:
            return (
                f"event {event.id} ({event.action}) does not follow the event before it: "
                "an event was removed, inserted or reordered"
            ), None
        if event.key_id is None:
            if self.keyed:
                return (
                    f"event {event.id} ({event.action}) is not authenticated with a key "
                    "although the events before it are: it was written without the key"
                ), None
            key = None
            self.unkeyed += 1
        else:
            key = self.keys.get(event.key_id)
            if key is None:
                return (
                    f"event {event.id} is authenticated with key {event.key_id}, which the "
                    "given key files do not hold: give that key file (a retired one too)"
                ), event.key_id
            if (
                self.checked
                and event.key_id != self.prev_key
                and not (
                    event.action == ROTATE_ACTION
                    and isinstance(event.after, dict)
                    and event.after.get("key_id") == event.key_id
                )
            ):
                return (
                    f"event {event.id} ({event.action}) uses key {event.key_id} but no "
                    f"{ROTATE_ACTION} event records the change of key"
                ), None
            self.keyed = True
        if event_hash(event, key) != event.hash:
            return f"event {event.id} ({event.action}) was changed after it was written", None
        if event.action == PURGE_ACTION and isinstance(event.after, dict):
            kept = event.after.get("audit_kept_from_id")
            if isinstance(kept, int):
                self.purged_to = max(self.purged_to, kept)
        if event.id in self.wanted:
            self.seen[event.id] = event.hash
        self.prev_hash = event.hash
        self.prev_key = event.key_id
        self.checked += 1
        self.last_id = event.id
        return None

    def ends(self, head: AuditHead | None, marks: list[Mark]) -> tuple[int | None, str] | None:
        """Once every event is taken in: (event id, what is wrong) if the chain's start,
        its head or a checkpoint says events were removed or rewritten."""
        first_id, purged_to, last_id = self.first_id, self.purged_to, self.last_id
        if first_id is not None and first_id > 1 and first_id != purged_to:
            return (
                first_id,
                f"events before {first_id} were removed without a recorded purge "
                f"(the chain starts at event {first_id}; {PURGE_ACTION} records "
                f"{purged_to or 'no purge'})",
            )
        if head is not None and self.checked and head.last_hash != self.prev_hash:
            return (
                None,
                f"the newest events after {last_id} are missing (the chain head points elsewhere)",
            )
        for mark in marks:
            if mark.event_id in self.seen:
                if self.seen[mark.event_id] != mark.hash:
                    return (
                        mark.event_id,
                        f"events up to {mark.event_id} were removed or rewritten: event "
                        f"{mark.event_id} differs from the checkpoint of {mark.at}",
                    )
            elif mark.event_id > last_id:
                return (
                    None,
                    f"the newest events after {last_id} are missing: the checkpoint of "
                    f"{mark.at} saw the chain up to event {mark.event_id}",
                )
            elif mark.event_id and (first_id is None or mark.event_id >= first_id or not purged_to):
                return (
                    mark.event_id,
                    f"events up to {mark.event_id} were removed or rewritten "
                    f"(checkpoint of {mark.at})",
                )
        return None


def verify(
    session: Session,
    *,
    keys: dict[str, AuditKey] | None = None,
    checkpoints: Iterable[Mark] = (),
    batch: int = 5000,
) -> VerifyResult:
    """Walk the whole chain; report the first event whose link, key or content is wrong.

    ``keys`` (by key id; default the process's key) must hold every key the
    chain names.  ``checkpoints`` are checked against the chain: each one's
    event must still be there with that hash unless a recorded purge removed
    it, and the head must be at or beyond the latest.
    """
    if keys is None:
        current = audit_key()
        keys = {current.key_id: current}
    marks = sorted(checkpoints, key=lambda m: m.event_id)
    walk = _Walk(keys, {m.event_id for m in marks})
    # Events still waiting for the sealer are not in the chain yet: said, not checked.
    unsealed = int(session.execute(select(func.count()).select_from(AuditPending)).scalar_one())

    def result(event_id: int | None, problem: str, missing_key: str | None = None) -> VerifyResult:
        ok = not problem
        return VerifyResult(
            ok, walk.checked, event_id, problem, walk.unkeyed, missing_key, walk.last_id, unsealed
        )

    while True:
        rows = session.execute(  # plain rows, not ORM objects: a third faster
            select(_EVENTS).where(_EVENTS.c.id > walk.last_id).order_by(_EVENTS.c.id).limit(batch)
        ).all()
        if not rows:
            break
        for event in rows:
            wrong = walk.step(event)
            if wrong is not None:
                return result(event.id, *wrong)
    ended = walk.ends(session.get(AuditHead, 1), marks)
    return result(*ended) if ended is not None else result(None, "")
