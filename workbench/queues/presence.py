"""Who else has a case open: a heartbeat per reviewer and case.

An open case view calls :func:`heartbeat` every half minute; :func:`viewers`
lists the other reviewers whose heartbeat on that case is fresh (within
``STALE_AFTER``); :func:`leave` removes the row when the view moves on.  A
desktop that dies simply stops beating and drops out; its rows, once older
than ``FORGET_AFTER``, are removed by anyone's next heartbeat (and by
``workbench cases sweep``) through :func:`clear_stale`.  The table holds about
one row per reviewer (a heartbeat leaves the reviewer's other cases), so that
scan needs no index.  Presence is a hint for reviewers, not a lock (claims
are the lock), so it is not audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import tuple_
from sqlmodel import Session, col, delete, select

from workbench.access.auth import Actor
from workbench.cases.casework import now_or
from workbench.models import Presence, Reviewer

HEARTBEAT_EVERY = timedelta(seconds=30)
STALE_AFTER = timedelta(seconds=90)
FORGET_AFTER = 10 * STALE_AFTER


@dataclass(frozen=True, slots=True)
class Viewer:
    reviewer_id: int
    display_name: str
    seen_at: datetime


def heartbeat(session: Session, actor: Actor, case_id: int, *, now: datetime | None = None) -> None:
    """``actor`` has ``case_id`` open now; other cases they had open are left."""
    now = now_or(now)
    clear_stale(session, now=now)
    session.exec(
        delete(Presence).where(
            col(Presence.reviewer_id) == actor.id, col(Presence.case_id) != case_id
        )
    )
    row = session.get(Presence, (actor.id, case_id))
    if row is None:
        session.add(Presence(reviewer_id=actor.id, case_id=case_id, seen_at=now))
    else:
        row.seen_at = now
    session.flush()


def clear_stale(session: Session, *, now: datetime | None = None) -> int:
    """Remove every reviewer's heartbeats older than ``FORGET_AFTER``; how many went."""
    stale = select(Presence.reviewer_id, Presence.case_id).where(
        Presence.seen_at < now_or(now) - FORGET_AFTER
    )
    if session.get_bind().dialect.name == "postgresql":
        stale = stale.with_for_update(skip_locked=True)  # another heartbeat is removing those
    result = session.exec(
        delete(Presence).where(tuple_(Presence.reviewer_id, Presence.case_id).in_(stale))
    )
    return result.rowcount


def leave(session: Session, actor: Actor, case_id: int | None = None) -> None:
    """``actor`` closed ``case_id`` (every case when None)."""
    query = delete(Presence).where(col(Presence.reviewer_id) == actor.id)
    if case_id is not None:
        query = query.where(col(Presence.case_id) == case_id)
    session.exec(query)


def viewers(
    session: Session, case_id: int, *, exclude: int | None = None, now: datetime | None = None
) -> list[Viewer]:
    """The reviewers (but ``exclude``) with a fresh heartbeat on ``case_id``, by name."""
    since = now_or(now) - STALE_AFTER
    query = (
        select(Reviewer.id, Reviewer.display_name, Presence.seen_at)
        .join(Presence, col(Presence.reviewer_id) == Reviewer.id)
        .where(Presence.case_id == case_id, Presence.seen_at >= since)
    )
    if exclude is not None:
        query = query.where(Reviewer.id != exclude)
    rows = session.exec(query).all()
    return sorted((Viewer(*row) for row in rows), key=lambda v: (v.display_name, v.reviewer_id))
