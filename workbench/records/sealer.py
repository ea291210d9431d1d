"""The sealer: chains the audit events PostgreSQL transactions committed unchained.

Sequencing is kept apart from integration, the way certificate-transparency
logs and Trillian do it: a writing transaction only inserts its events into
``audit_pending`` (an id from a sequence, no hash), so no transaction of the
team waits for another's audit events.  The sealer then, in a short
transaction of its own,

1. locks the chain's head row (``audit_head``) - a second sealer waits here -
   and, in the same statement and only once it holds the row, takes out of
   ``audit_pending`` the pending events it can see, which are committed ones,
   oldest id first, whatever order their ids were committed in (one a sealer
   that held the head before took is gone; one committed while this sealer
   waited is left for the next round);
2. gives each the next position of the chain, its previous hash and its
   HMAC (:func:`workbench.records.audit.link`), and in one more statement
   inserts them into ``audit_event`` and moves the head to the last;
3. commits.

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
a busy team do not wait on each other to seal; and it chains at most a few
hundred events, so a reviewer's request never chains a batch's thousands.  A
commit that wrote more than that (a batch) waits for the head and chains
everything pending itself.  An event committed after
that sealer read the pending table is chained by the next seal - the next
writer's, the server's timer within a second, or the one before a verify or
checkpoint - never lost, since it stays pending until then.
"""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    text,
    true,
)
from sqlmodel import Session

from workbench.models import AuditEvent, AuditHead, AuditPending
from workbench.models.base import table_of
from workbench.records.audit import AFTER_COMMIT, GENESIS, link
from workbench.records.audit_key import audit_key

log = logging.getLogger(__name__)

BATCH = 5000
_PENDING = table_of(AuditPending)
_EVENTS = table_of(AuditEvent)
_HEAD = table_of(AuditHead)
_FIELDS = [c.name for c in _PENDING.columns if c.name != "id"]
_COLUMNS = [c.name for c in _EVENTS.columns]
_LOCATE = select(_HEAD.c.last_event_id, _HEAD.c.last_hash, _HEAD.c.key_id).where(_HEAD.c.id == 1)


def _take(wait: bool) -> Select:
    """Lock the head (or skip it while another sealer holds it) and, only once it is
    held, take the oldest ``batch`` pending events out of ``audit_pending``: one
    statement.  Always one row at least: the head's columns (NULL when skipped),
    ``present`` (whether the head row exists), and a taken event's columns (NULL when
    none), one row per taken event."""
    # The seal's commit need not wait for the disk (see seal_all): said in the same round trip.
    relaxed = func.set_config("synchronous_commit", "off", True).label("relaxed")
    head = _LOCATE.add_columns(relaxed).with_for_update(skip_locked=not wait).cte("head")
    oldest = select(_PENDING.c.id).order_by(_PENDING.c.id).limit(bindparam("batch"))
    taken = (
        delete(_PENDING)
        .where(_PENDING.c.id.in_(oldest.scalar_subquery()), exists(select(head.c.last_hash)))
        .returning(*_PENDING.columns)
        .cte("taken")
    )
    present = exists(select(_HEAD.c.id).where(_HEAD.c.id == 1)).label("present")
    one = select(literal(1).label("one")).subquery("one")
    return select(
        head.c.last_event_id, head.c.last_hash, head.c.key_id, present, *taken.c
    ).select_from(one.outerjoin(head, true()).outerjoin(taken, true()))


_TAKE = {True: _take(wait=True), False: _take(wait=False)}
# The chained events in (one JSON array, whatever their number) and the head moved to
# the last of them: one statement.
_APPEND = text(
    "WITH chained AS (INSERT INTO audit_event "
    "SELECT * FROM json_populate_recordset(NULL::audit_event, :events)) "
    "UPDATE audit_head SET last_event_id = :last_event_id, last_hash = :last_hash, "
    "key_id = :key_id WHERE id = 1"
)


def _as_json(event: Any) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in _COLUMNS}
    row["occurred_at"] = event.occurred_at.isoformat(timespec="microseconds")
    return row


def seal(session: Session | Connection, *, batch: int = BATCH, wait: bool = True) -> int:
    """Chain up to ``batch`` committed pending events in the transaction of ``session``
    (or of a connection); how many.

    Holds the chain's head row until that transaction commits, which does not wait
    for the disk (``synchronous_commit`` off; see :func:`seal_all`): keep it short.
    Two statements and no ORM objects, since it runs after every commit that wrote
    events: one locks the head and takes the pending events, one appends them to
    the chain and moves the head.
    Without ``wait``, when another transaction holds the head nothing is done (0):
    that sealer, or the next, chains what is pending.
    """
    conn = session if isinstance(session, Connection) else session.connection()
    rows = conn.execute(_TAKE[wait], {"batch": batch}).all()
    if rows[0].last_hash is None:
        if rows[0].present:
            return 0  # another sealer holds the head
        # The migration seeds the head; a hand-made database may lack it.
        conn.execute(insert(_HEAD).values(id=1, last_event_id=None, last_hash=GENESIS))
        rows = conn.execute(_TAKE[True], {"batch": batch}).all()
    taken = sorted((r for r in rows if r.id is not None), key=lambda r: r.id)  # written order
    if not taken:
        return 0
    head = SimpleNamespace(
        last_event_id=rows[0].last_event_id, last_hash=rows[0].last_hash, key_id=rows[0].key_id
    )
    events = [SimpleNamespace(**{name: getattr(r, name) for name in _FIELDS}) for r in taken]
    chained = link(head, audit_key(), events)
    conn.execute(
        _APPEND,
        {
            "events": json.dumps([_as_json(event) for event in chained], ensure_ascii=False),
            "last_event_id": head.last_event_id,
            "last_hash": head.last_hash,
            "key_id": head.key_id,
        },
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
        with engine.begin() as conn:  # a connection, not a session: no ORM machinery
            sealed = seal(conn, batch=batch, wait=wait)
        total += sealed
        if sealed < batch:
            break
    if durable:
        with engine.begin() as conn:
            # A transaction id makes this commit write a record and wait for the disk,
            # flushing every earlier seal with it.
            conn.execute(text("SELECT pg_current_xact_id()"))
    return total


def seal_after_commit(bind: Engine | Connection, *, fully: bool = False) -> None:
    """Seal what a commit just left, unless another process is sealing (then it
    or the next seal chains it), and at most
    :data:`~workbench.records.audit.AFTER_COMMIT` events: a reviewer's request
    that finds a batch's thousands of events pending leaves them to the batch's
    own seal or the next round instead of chaining them before it answers.
    ``fully`` (a commit that wrote more, or a batch's) waits for the head and
    chains everything pending.  A failure is only logged: the change is committed and
    its events wait safely for the next round."""
    engine = bind.engine if isinstance(bind, Connection) else bind
    try:
        if fully:
            seal_all(engine)
        else:
            with engine.begin() as conn:
                seal(conn, batch=AFTER_COMMIT, wait=False)
    except Exception as exc:  # the database went away: the server's timer retries
        log.warning("the audit events of a commit wait for the next seal: %s", exc)
