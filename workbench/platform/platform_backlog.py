"""What a client that joins late is given (issue 14, "Out"): the messages still waiting.

Messages are made per API client holding ``notices:read`` at the moment a reply,
notice or measure goes out (:func:`.platform_outbox.enqueue_message`).  A
client that gains the scope later (registered with it, or enabled again) would
otherwise never hear of what happened before, and a notice made while no client
held the scope would reach no one.  So, when a client gains the scope,
:func:`share_backlog` gives it its own copy (a new delivery id and sequence,
the same ``event_id``, due now, in the events' order) of every event still
waiting for the platform: queued or dead for another client, or kept for the
first client.  An event the platform already received (delivered to or
acknowledged by one of its clients) is not sent again, nor one the client has.
Order per account holds among the copies, which are made in the events' order.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from workbench.access.auth import Actor
from workbench.models import ApiClient, PlatformMessage
from workbench.platform.platform_outbox import DEAD, QUEUED, SCOPE
from workbench.records import audit


def share_backlog(session: Session, actor: Actor | None, client: ApiClient, now: datetime) -> int:
    """Give ``client`` (active, holding ``notices:read``) a copy of each event still
    waiting; the number of messages it was given."""
    if not client.active or SCOPE not in (client.scopes or ()) or client.id is None:
        return 0
    delivered = select(PlatformMessage.event_key).where(
        col(PlatformMessage.status).not_in((QUEUED, DEAD))
    )
    has = select(PlatformMessage.event_key).where(PlatformMessage.client_id == client.id)
    waiting = session.exec(
        select(PlatformMessage)
        .where(
            col(PlatformMessage.status).in_((QUEUED, DEAD)),
            col(PlatformMessage.event_key).not_in(delivered),
            col(PlatformMessage.event_key).not_in(has),
        )
        .order_by(col(PlatformMessage.id))
    ).all()
    given: set[str] = set()
    for original in waiting:
        if original.event_key in given:
            continue
        given.add(original.event_key)
        session.add(
            PlatformMessage(
                delivery_id=f"wbd_{uuid.uuid4().hex}",
                event_key=original.event_key,
                client_id=client.id,
                kind=original.kind,
                event=original.event,
                account_key=original.account_key,
                reply_id=original.reply_id,
                measure_id=original.measure_id,
                payload=original.payload,
                status=QUEUED,
                attempts=0,
                next_attempt_at=now,
                created_at=original.created_at,
            )
        )
    if given:
        session.flush()
        # Those kept for a first client are now this client's copies.
        session.execute(delete(PlatformMessage).where(col(PlatformMessage.client_id).is_(None)))
        audit.record(
            session, actor, "api_client.backlog", "api_client", client.id,
            after={"messages": len(given)}, at=now,
        )  # fmt: skip
    return len(given)
