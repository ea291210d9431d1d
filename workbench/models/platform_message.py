"""The platform's outbox: what goes out to the platform's systems (issue 14, "Out").

One row per message and API client that holds the scope ``notices:read``:
replies to reporters, notices to account holders and the measures the
platform must enforce (taking effect, revoked, revised, expired).  A row is
delivered by webhook to the client's registered URL (signed, retried with
backoff, in order per account) or pulled by the client (``GET /v1/notices``)
and acknowledged.  ``delivery_id`` is the idempotency header
(``X-Workbench-Delivery``), the same on every attempt.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Index
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, utcnow

MESSAGE_STATUSES = ("queued", "delivered", "dead", "discarded")
MESSAGE_KINDS = ("reply", "notice", "measure")


class PlatformMessage(SQLModel, table=True):
    __tablename__ = "platform_message"
    __table_args__ = (
        check_in("status", list(MESSAGE_STATUSES)),
        check_in("kind", list(MESSAGE_KINDS)),
        CheckConstraint("attempts >= 0", name="attempts_nonnegative"),
        Index("ix_platform_message_client_status", "client_id", "status", "account_key", "id"),
        Index("ix_platform_message_status_next", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: str = Field(max_length=40, unique=True)
    event_key: str = Field(max_length=40, index=True)  # shared by one event's copies
    client_id: int | None = Field(default=None, foreign_key="api_client.id")  # None: no client yet
    kind: str = Field(max_length=16)
    event: str = Field(max_length=32)
    account_key: str = Field(max_length=64)  # messages for one account go in this order
    reply_id: int | None = Field(default=None, foreign_key="reply.id")
    measure_id: int | None = Field(default=None, foreign_key="measure.id")
    payload: dict = Field(default_factory=dict, sa_type=JSON)
    status: str = Field(default="queued", max_length=16)
    attempts: int = Field(default=0)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
