"""Sending the platform's messages to its webhooks (issue 14, "Out"): claiming, recording.

What a message is, who gets it and how it is signed is
:mod:`workbench.platform.platform_outbox`; the server's thread that drives this
is :mod:`workbench.server.deliverer`.  :func:`claim_due` takes the first queued
message of each (client, account) that is due, for clients with a webhook,
leased for :data:`LEASE` so a second server process does not send it at the
same time (on PostgreSQL the processes take turns through an advisory lock);
the message is sent outside any transaction by :class:`WebhookSender`; and
:func:`record_outcomes` stores what happened: delivered, retried after
:func:`backoff` (``outbox.retry_base_seconds``, doubling, at most 6 h), or a
dead letter after ``outbox.max_attempts`` attempts, its last error masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, text
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from workbench.models import ApiClient, PlatformMessage
from workbench.platform.platform_outbox import DEAD, DELIVERED, QUEUED, body_of, signature
from workbench.records import audit
from workbench.rules.privacy import mask_in_text
from workbench.settings import positive_int_setting

LEASE = timedelta(minutes=2)
OUTBOX_LOCK = 0x6F757462  # "outb": the advisory lock the server processes share
MAX_ERROR = 500
DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_RETRY_BASE_SECONDS = 60
MAX_BACKOFF = timedelta(hours=6)


@dataclass(frozen=True)
class Outgoing:
    """A claimed message, ready to send outside the transaction."""

    message_id: int
    delivery_id: str
    client_id: int
    generation: int
    url: str
    body: bytes


@dataclass(frozen=True)
class Outcome:
    message_id: int
    error: str | None  # None: delivered


# -- delivering ----------------------------------------------------------------------


def claim_due(session: Session, now: datetime, *, limit: int = 100) -> list[Outgoing]:
    """The first queued message of each (client, account) that is due, for clients with a
    webhook, leased for :data:`LEASE`.  Empty when another server process is claiming."""
    if session.get_bind().dialect.name == "postgresql":
        taken = session.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": OUTBOX_LOCK}
        ).scalar_one()
        if not taken:
            return []
    earlier = aliased(PlatformMessage)
    ahead = exists().where(
        and_(
            col(earlier.client_id) == col(PlatformMessage.client_id),
            col(earlier.account_key) == col(PlatformMessage.account_key),
            col(earlier.status) == QUEUED,
            col(earlier.id) < col(PlatformMessage.id),
        )
    )
    rows = session.exec(
        select(PlatformMessage, ApiClient)
        .join(ApiClient, col(ApiClient.id) == col(PlatformMessage.client_id))
        .where(
            PlatformMessage.status == QUEUED,
            col(PlatformMessage.next_attempt_at) <= now,
            col(ApiClient.active).is_(True),
            col(ApiClient.webhook_url).is_not(None),
            ~ahead,
        )
        .order_by(col(PlatformMessage.id))
        .limit(limit)
    ).all()
    claimed = []
    for message, client in rows:
        message.attempts += 1
        message.next_attempt_at = now + LEASE
        session.add(message)
        assert message.id is not None and client.id is not None and client.webhook_url
        claimed.append(
            Outgoing(
                message.id,
                message.delivery_id,
                client.id,
                client.generation,
                client.webhook_url,
                body_of(message),
            )
        )
    session.flush()
    return claimed


def backoff(attempts: int, base_seconds: float) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    return min(MAX_BACKOFF, timedelta(seconds=base_seconds * 2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class Recorded:
    delivered: int = 0
    retried: int = 0
    dead: int = 0


def record_outcomes(session: Session, outcomes: list[Outcome], now: datetime) -> Recorded:
    """Store what each send did: delivered, to retry after a backoff, or a dead letter."""
    max_attempts = positive_int_setting(session, "outbox.max_attempts", DEFAULT_MAX_ATTEMPTS)
    base = positive_int_setting(session, "outbox.retry_base_seconds", DEFAULT_RETRY_BASE_SECONDS)
    delivered = retried = dead = 0
    for outcome in outcomes:
        message = session.get(PlatformMessage, outcome.message_id)
        if message is None or message.status != QUEUED:
            continue  # acknowledged by a pull, or discarded, meanwhile
        before = {"status": message.status, "attempts": message.attempts}
        if outcome.error is None:
            message.status = DELIVERED
            message.delivered_at = now
            message.next_attempt_at = None
            message.last_error = None
            action = "platform_message.deliver"
            delivered += 1
        else:
            message.last_error = (mask_in_text(outcome.error) or "")[:MAX_ERROR]
            if message.attempts >= max_attempts:
                message.status = DEAD
                message.next_attempt_at = None
                action = "platform_message.dead"
                dead += 1
            else:
                message.next_attempt_at = now + backoff(message.attempts, base)
                action = "platform_message.retry"
                retried += 1
        session.add(message)
        session.flush()
        audit.record(
            session,
            None,
            action,
            "platform_message",
            message.id,
            before=before,
            after={
                "status": message.status,
                "attempts": message.attempts,
                "next_attempt_at": message.next_attempt_at,
                "last_error": message.last_error,
            },
            at=now,
        )
    return Recorded(delivered, retried, dead)


# -- the webhook transport -----------------------------------------------------------


class WebhookSender:
    """POST one message to a webhook; returns None when a 2xx answered, else the error."""

    def __init__(self, timeout: float = 10.0):
        self.timeout = timeout

    def send(self, outgoing: Outgoing, secret: str, now: datetime) -> str | None:
        import httpx

        stamp = str(int(now.timestamp()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-Workbench-Delivery": outgoing.delivery_id,
            "X-Workbench-Timestamp": stamp,
            "X-Workbench-Signature": signature(secret, stamp, outgoing.delivery_id, outgoing.body),
        }
        try:
            answer = httpx.post(
                outgoing.url, content=outgoing.body, headers=headers, timeout=self.timeout
            )
        except httpx.TimeoutException:
            return f"Webhook 超时 / the webhook timed out after {self.timeout:g} s"
        except httpx.HTTPError as exc:
            return f"无法连接 Webhook / cannot reach the webhook: {type(exc).__name__}: {exc}"
        if 200 <= answer.status_code < 300:
            return None
        return f"Webhook 拒绝 / the webhook answered HTTP {answer.status_code}: {answer.text[:200]}"
