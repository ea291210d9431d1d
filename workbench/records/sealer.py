"""The sealer: chains the audit events PostgreSQL transactions committed unchained.

Sequencing is kept apart from integration, the way certificate-transparency
logs and Trillian do it: a writing transaction only inserts its events into
``audit_pending`` (an id from a sequence, no hash), so no transaction of the
team waits for another's audit events.  The sealer then, in a short
transaction of its own,

1. locks the chain's head row (``audit_head``) - a second sealer waits here,
   and once it has the row sees only what the first left;
2. reads the pending events it can see, which are exactly the committed ones,
   oldest id first, whatever order their ids were committed in;
3. gives each the next position of the chain, its previous hash and its
   HMAC (:func:`workbench.records.audit.link`), inserts it into
   ``audit_event`` and deletes it from ``audit_pending``;
4. commits.

Nothing is lost between commit and sealing: a pending event stays until the
transaction that chains it commits, so a sealer that dies half-way leaves its
events pending for the next one, and an event committed after a sealer read
the table (a smaller id committed late) is simply chained by the next round.
The chain's order is therefore the order events became visible, committed.
The sealer runs right after every commit that left events
(:func:`seal_after_commit`, hooked in :mod:`workbench.records.audit`), on the
team server's timer, and before ``audit verify`` and every checkpoint, which
are thus never about an unsealed tail.  SQLite chains in the writing
transaction and never has pending events.

The seal after a commit does not queue for the head: when another process is
sealing it leaves its events to that one (``SKIP LOCKED``), so the writers of
a busy team do not wait on each other to seal.  An event committed after
that sealer read the pending table is chained by the next seal - the next
writer's, the server's timer within a second, or the one before a verify or
checkpoint - never lost, since it stays pending until then.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update
from sqlmodel import Session

from workbench.db import session_scope
from workbench.models import AuditEvent, AuditHead, AuditPending
from workbench.records.audit import GENESIS, link
from workbench.records.audit_key import audit_key

log = logging.getLogger(__name__)

BATCH = 5000
_PENDING = AuditPending.__table__
_EVENTS = AuditEvent.__table__
_HEAD = AuditHead.__table__
_FIELDS = [c.name for c in _PENDING.columns if c.name != "id"]
_COLUMNS = [c.name for c in _EVENTS.columns]


def seal(session: Session, *, batch: int = BATCH, wait: bool = True) -> int:
    """Chain up to ``batch`` committed pending events in ``session``'s transaction; how many.

    Holds the chain's head row until ``session`` commits, which does not wait for
    the disk (``synchronous_commit`` off; see :func:`seal_all`): keep the
    transaction short.  Four statements, no ORM objects: it runs after every
    commit that wrote events.
    Without ``wait``, when another transaction holds the head nothing is done (0):
    that sealer, or the next, chains what is pending.
    """
    conn = session.connection()
    locked = select(_HEAD.c.last_event_id, _HEAD.c.last_hash, _HEAD.c.key_id).where(_HEAD.c.id == 1)
    # The seal's commit need not wait for the disk (see seal_all): said in the same round trip.
    relaxed = locked.add_columns(func.set_config("synchronous_commit", "off", True))
    row = conn.execute(relaxed.with_for_update(skip_locked=not wait)).first()
    if row is None and not wait and conn.execute(locked).first() is not None:
        return 0  # another sealer holds the head
    if row is None:  # the migration seeds it; a hand-made database may lack it
        conn.execute(insert(_HEAD).values(id=1, last_event_id=None, last_hash=GENESIS))
        row = conn.execute(locked.with_for_update()).one()
    oldest = select(_PENDING.c.id).order_by(_PENDING.c.id).limit(batch).scalar_subquery()
    taken = conn.execute(
        delete(_PENDING).where(_PENDING.c.id.in_(oldest)).returning(*_PENDING.columns)
    ).all()
    if not taken:
        return 0
    taken.sort(key=lambda r: r.id)  # the order they were written in; RETURNING has none
    head = SimpleNamespace(
        last_event_id=row.last_event_id, last_hash=row.last_hash, key_id=row.key_id
    )
    events = [SimpleNamespace(**{name: getattr(r, name) for name in _FIELDS}) for r in taken]
    chained = link(head, audit_key(), events)
    conn.execute(
        insert(_EVENTS), [{name: getattr(event, name) for name in _COLUMNS} for event in chained]
    )
    conn.execute(
        update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(last_event_id=head.last_event_id, last_hash=head.last_hash, key_id=head.key_id)
    )
    return len(taken)


def seal_all(
    engine: Engine, *, batch: int = BATCH, durable: bool = False, wait: bool = True
) -> int:
    """Chain every committed pending event, ``batch`` per short transaction; how many.

    The sealing commits do not wait for the disk: a seal lost in a crash of the
    database server is lost whole (the pending events come back with it) and
    simply sealed again.  ``durable`` (before a checkpoint leaves the database)
    waits until every seal so far is on disk, so no checkpoint ever names a
    seal the database could forget.  Without ``wait`` it stops, sealing nothing
    more, as soon as another sealer holds the head (see :func:`seal`).
    """
    if engine.dialect.name != "postgresql":
        return 0  # SQLite chains in the writing transaction
    total = 0
    while True:
        with session_scope(engine) as session:
            sealed = seal(session, batch=batch, wait=wait)
        total += sealed
        if sealed < batch:
            break
    if durable:
        with session_scope(engine) as session:
            # A transaction id makes this commit write a record and wait for the disk,
            # flushing every earlier seal with it.
            session.execute(text("SELECT pg_current_xact_id()"))
    return total


def seal_after_commit(bind: Engine | Connection) -> None:
    """Seal what a commit just left, unless another process is sealing (then it
    or the next seal chains it).  A failure is only logged: the change is
    committed and its events wait safely for the next round."""
    engine = bind.engine if isinstance(bind, Connection) else bind
    try:
        seal_all(engine, wait=False)
    except Exception as exc:  # the database went away: the server's timer retries
        log.warning("the audit events of a commit wait for the next seal: %s", exc)
