"""What goes out to the platform (issue 14, "Out"): replies to reporters, notices to
account holders and the measures the platform must enforce.

Every reply or notice put in the outbox (:func:`~workbench.replies.reply_drafts.enqueue`) and every
measure that takes effect, is revoked, revised or expires becomes one
:class:`~workbench.models.PlatformMessage` per active API client holding the
scope ``notices:read`` (the copies share ``event_id``), or, while no client
holds it, one message kept for the first that will (:mod:`.platform_backlog`:
a client that gains the scope later is given what is still waiting).  The file
drop and SMTP transports of the reply outbox (:mod:`workbench.replies.transports`) are unchanged
beside it.

A client reaches its messages two ways:

* **webhook**: an administrator registers a URL for the client
  (:func:`set_webhook`); the server's deliverer POSTs each message there as JSON
  with ``X-Workbench-Delivery`` (the message's stable id, the same on every
  attempt: the idempotency key), ``X-Workbench-Timestamp`` (Unix seconds) and
  ``X-Workbench-Signature``: ``hex(HMAC-SHA256(client secret, TIMESTAMP "\\n"
  DELIVERY "\\n" BODY))``.  Any 2xx answer delivers it; anything else (an error
  status, a refused connection, a timeout) is retried with exponential backoff
  (:func:`.platform_delivery.backoff`: ``outbox.retry_base_seconds``, doubling, at
  most 6 h) until ``outbox.max_attempts`` attempts failed; then the message is a
  dead letter (status ``dead``, its last error masked) that an administrator
  retries or discards.  Messages for one account go in order: a later one is
  never sent while an earlier one for the same account is still queued (waiting
  for its retry included).  A dead letter no longer holds the account's later
  messages back; each message carries ``sequence`` (increasing) so the platform
  can order a retried dead letter.  A claimed message is leased for
  :data:`.platform_delivery.LEASE` so a second server process does not send it at the same time;
  a process that dies mid-send leaves it to be sent again after the lease, with
  the same ``X-Workbench-Delivery``.  Claiming, recording and the HTTP
  sender are :mod:`.platform_delivery`.
* **pull**: ``GET /v1/notices?after=SEQUENCE`` lists the client's messages not
  yet delivered (queued or dead), ``POST /v1/notices/ack`` acknowledges them by
  delivery id (idempotent); an acknowledged message is delivered and no webhook
  sends it again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.errors import InvalidTransition, NotFound, ValidationError
from workbench.models import (
    Account,
    ApiClient,
    Appeal,
    Case,
    ChangeRequest,
    Measure,
    PlatformMessage,
    Reply,
    utcnow,
)
from workbench.models.base import saved
from workbench.models.codes import RecipientKind, Role
from workbench.records import audit

SCOPE = "notices:read"
QUEUED, DELIVERED, DEAD, DISCARDED = "queued", "delivered", "dead", "discarded"
MAX_URL = 500
MAX_PULL = 500


# -- enqueueing ----------------------------------------------------------------------


def _subscribers(session: Session) -> list[ApiClient]:
    clients = session.exec(
        select(ApiClient).where(col(ApiClient.active).is_(True)).order_by(col(ApiClient.id))
    ).all()
    return [c for c in clients if SCOPE in (c.scopes or ())]


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def enqueue_message(
    session: Session,
    *,
    kind: str,
    event: str,
    account: Account,
    payload: dict[str, Any],
    now: datetime,
    reply_id: int | None = None,
    measure_id: int | None = None,
) -> list[PlatformMessage]:
    """One message per client holding ``notices:read``, due now, sharing one event key;
    with no such client, one message kept for the first (:mod:`.platform_backlog`)."""
    rows = []
    event_key = f"wbe_{uuid.uuid4().hex}"
    clients: list[int | None] = [c.id for c in _subscribers(session)] or [None]
    for client_id in clients:
        message = PlatformMessage(
            delivery_id=f"wbd_{uuid.uuid4().hex}",
            event_key=event_key,
            client_id=client_id,
            kind=kind,
            event=event,
            account_key=account.platform_id,
            reply_id=reply_id,
            measure_id=measure_id,
            payload=payload,
            status=QUEUED,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        session.add(message)
        rows.append(message)
    if rows:
        session.flush()
    return rows


def on_reply(session: Session, reply: Reply, now: datetime) -> list[PlatformMessage]:
    """The platform's copy of a reply or notice just put in the outbox."""
    account = None
    if reply.measure_id is not None:
        measure = session.get(Measure, reply.measure_id)
        account = session.get(Account, measure.account_id) if measure else None
    if account is None and reply.case_id is not None:
        case = session.get(Case, reply.case_id)
        account = session.get(Account, case.target_account_id) if case else None
    if account is None and reply.appeal_id is not None:
        appeal = session.get(Appeal, reply.appeal_id)
        account = session.get(Account, appeal.account_id) if appeal else None
    if account is None:
        return []
    holder = reply.recipient_kind == RecipientKind.ACCOUNT_HOLDER
    payload = {
        "reply_id": reply.id,
        "recipient_kind": reply.recipient_kind,
        "recipient_address": reply.recipient_address,
        "language": reply.language,
        "template": reply.template,
        "subject": reply.subject,
        "body": reply.body,
        "case_id": reply.case_id,
        "measure_id": reply.measure_id,
        "appeal_id": reply.appeal_id,
        "report_id": reply.report_id,
    }
    return enqueue_message(
        session,
        kind="notice" if holder else "reply",
        event="notice.queued" if holder else "reply.queued",
        account=account,
        payload=payload,
        now=now,
        reply_id=reply.id,
        measure_id=reply.measure_id,
    )


def on_measure(
    session: Session, measure: Measure, event: str, now: datetime
) -> list[PlatformMessage]:
    """A measure the platform must enforce or lift: ``measure.in_effect``,
    ``measure.revoked``, ``measure.revised`` or ``measure.expired``."""
    account = session.get(Account, measure.account_id)
    if account is None:
        return []
    payload = {
        "measure_id": measure.id,
        "code": measure.code,
        "status": measure.status,
        "params": measure.params or {},
        "basis": measure.basis,
        "case_id": measure.case_id,
        "effective_from": _stamp(measure.effective_from),
        "effective_until": _stamp(measure.effective_until),
        "revoked_at": _stamp(measure.revoked_at),
    }
    return enqueue_message(
        session,
        kind="measure",
        event=event,
        account=account,
        payload=payload,
        now=now,
        measure_id=measure.id,
    )


def on_change_request(
    session: Session, request: ChangeRequest, now: datetime
) -> list[PlatformMessage]:
    """A decision on a change request, a moderator's or on arrival by policy:
    ``change_request.passed`` (applied to the account) or ``change_request.rejected``
    (with ``refusal``, the rule and article, when refused on arrival)."""
    account = session.get(Account, request.account_id)
    if account is None:
        return []
    payload = {
        "change_request_id": request.id,
        "external_id": request.external_id,
        "status": request.status,
        "proposed": request.proposed,
        "decided_at": _stamp(request.decided_at),
    }
    refusal = (request.screening_outcome or {}).get("refused_on_arrival")
    if refusal:
        payload["refusal"] = refusal  # refused on arrival by policy: the rule and article
    return enqueue_message(
        session,
        kind="notice",
        event=f"change_request.{request.status}",
        account=account,
        payload=payload,
        now=now,
    )


# -- the wire ------------------------------------------------------------------------


def body_of(message: PlatformMessage) -> bytes:
    """The JSON a message is sent as; the same bytes on every attempt."""
    document = {
        "delivery_id": message.delivery_id,
        "event_id": message.event_key,
        "sequence": message.id,
        "kind": message.kind,
        "event": message.event,
        "account_id": message.account_key,
        "created_at": _stamp(message.created_at),
        "data": message.payload,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode()


def signature(secret: str, timestamp: str, delivery_id: str, body: bytes) -> str:
    """``X-Workbench-Signature``: what a receiver recomputes with the client's secret."""
    message = timestamp.encode() + b"\n" + delivery_id.encode() + b"\n" + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


# -- pulling -------------------------------------------------------------------------


def pending_for(
    session: Session, client_id: int, *, after: int = 0, limit: int = 100
) -> list[dict]:
    """The client's messages not yet delivered (queued or dead) after ``after``, in order."""
    rows = session.exec(
        select(PlatformMessage)
        .where(
            PlatformMessage.client_id == client_id,
            col(PlatformMessage.status).in_((QUEUED, DEAD)),
            col(PlatformMessage.id) > after,
        )
        .order_by(col(PlatformMessage.id))
        .limit(max(1, min(limit, MAX_PULL)))
    ).all()
    return [json.loads(body_of(m)) for m in rows]


def acknowledge(
    session: Session, actor: Actor, client_id: int, delivery_ids: Any, now: datetime
) -> dict[str, list[str]]:
    """Mark the client's messages received; acknowledging one again changes nothing."""
    require_role(actor, Role.PLATFORM)
    if not isinstance(delivery_ids, list) or not all(isinstance(d, str) for d in delivery_ids):
        raise ValidationError(
            "delivery_ids 应为字符串列表", "delivery_ids must be a list of strings"
        )
    if len(delivery_ids) > MAX_PULL:
        raise ValidationError(
            f"一次最多确认 {MAX_PULL} 条", f"acknowledge at most {MAX_PULL} messages at once"
        )
    answer: dict[str, list[str]] = {"acknowledged": [], "already": [], "unknown": []}
    for delivery_id in dict.fromkeys(delivery_ids):
        message = session.exec(
            select(PlatformMessage).where(
                PlatformMessage.delivery_id == delivery_id,
                PlatformMessage.client_id == client_id,
            )
        ).first()
        if message is None:
            answer["unknown"].append(delivery_id[:64])
        elif message.status in (DELIVERED, DISCARDED):
            answer["already"].append(delivery_id)
        else:
            before = {"status": message.status}
            message.status = DELIVERED
            message.delivered_at = now
            message.next_attempt_at = None
            session.add(message)
            session.flush()
            audit.record(
                session, actor, "platform_message.ack", "platform_message", message.id,
                before=before, after={"status": DELIVERED}, at=now,
            )  # fmt: skip
            answer["acknowledged"].append(delivery_id)
    return answer


# -- administrators: webhooks and dead letters ----------------------------------------


def check_url(url: str | None) -> str | None:
    """A webhook URL (http or https with a host), or None to remove it."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if len(url) > MAX_URL or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"Webhook 地址须为 http:// 或 https:// 开头的完整网址（至多 {MAX_URL} 字符）",
            f"url: a webhook URL is a full http:// or https:// address of at most "
            f"{MAX_URL} characters",
        )
    return url


def set_webhook(session: Session, actor: Actor, *, name: str, url: str | None) -> str | None:
    """Register (or with an empty ``url`` remove) the client's webhook URL."""
    require_role(actor, Role.ADMINISTRATOR)
    checked = check_url(url)
    client = session.exec(select(ApiClient).where(ApiClient.name == (name or "").strip())).first()
    if client is None:
        raise NotFound(f"接口客户端 {name} 不存在", f"no API client named {name!r}")
    before = client.webhook_url
    client.webhook_url = checked
    session.add(client)
    session.flush()
    audit.record(
        session, actor, "api_client.webhook", "api_client", client.id,
        before={"webhook_url": before}, after={"webhook_url": checked},
    )  # fmt: skip
    return checked


@dataclass(frozen=True)
class DeadLetter:
    """A message the webhook gave up on, as administrators see it (no contents)."""

    id: int
    delivery_id: str
    client: str
    kind: str
    event: str
    account_id: str
    attempts: int
    last_error: str | None
    created_at: datetime


def dead_letters(session: Session, *, limit: int = 500) -> list[DeadLetter]:
    rows = session.exec(
        select(PlatformMessage, ApiClient.name)
        .join(ApiClient, col(ApiClient.id) == col(PlatformMessage.client_id))
        .where(PlatformMessage.status == DEAD)
        .order_by(col(PlatformMessage.id))
        .limit(limit)
    ).all()
    return [
        DeadLetter(
            saved(m.id),
            m.delivery_id,
            name,
            m.kind,
            m.event,
            m.account_key,
            m.attempts,
            m.last_error,
            m.created_at,
        )  # fmt: skip
        for m, name in rows
    ]


def _dead(session: Session, message_id: int) -> PlatformMessage:
    message = session.get(PlatformMessage, message_id)
    if message is None:
        raise NotFound(
            f"外发消息 {message_id} 不存在", f"outgoing message {message_id} does not exist"
        )
    if message.status != DEAD:
        raise InvalidTransition(
            f"外发消息 {message_id} 当前为 {message.status}，不在死信列表中",
            f"outgoing message {message_id} is {message.status}, not a dead letter",
        )
    return message


def retry_dead_letter(
    session: Session, actor: Actor, message_id: int, *, now: datetime | None = None
) -> None:
    """Queue a dead letter again, due now, its attempts counted afresh."""
    require_role(actor, Role.ADMINISTRATOR)
    now = now or utcnow()
    message = _dead(session, message_id)
    message.status = QUEUED
    message.attempts = 0
    message.next_attempt_at = now
    session.add(message)
    session.flush()
    audit.record(
        session, actor, "platform_message.requeue", "platform_message", message.id,
        before={"status": DEAD}, after={"status": QUEUED}, at=now,
    )  # fmt: skip


def discard_dead_letter(
    session: Session,
    actor: Actor,
    message_id: int,
    *,
    reason: str,
    now: datetime | None = None,
) -> None:
    """Give up on a dead letter for good, with a reason."""
    require_role(actor, Role.ADMINISTRATOR)
    if not (reason or "").strip():
        raise ValidationError("请填写放弃的理由", "reason: say why the message is discarded")
    now = now or utcnow()
    message = _dead(session, message_id)
    message.status = DISCARDED
    message.next_attempt_at = None
    session.add(message)
    session.flush()
    audit.record(
        session, actor, "platform_message.discard", "platform_message", message.id,
        before={"status": DEAD}, after={"status": DISCARDED}, reason=reason.strip(), at=now,
    )  # fmt: skip
