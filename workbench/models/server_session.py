"""What the workbench server keeps about its clients: sign-in sessions and
idempotent requests.  Neither exists for a desktop on its own SQLite file."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, utcnow


class ReviewerSession(SQLModel, table=True):
    """A reviewer signed in to the server.  Only the token's SHA-256 is stored:
    a copy of the table lets nobody act as the reviewer."""

    __tablename__ = "reviewer_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    reviewer_id: int = Field(foreign_key="reviewer.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    client: str = Field(default="", max_length=200)


class IdempotentRequest(SQLModel, table=True):
    """A write received with an ``Idempotency-Key``: a retry with the same key
    gets the answer stored here instead of applying the change again."""

    __tablename__ = "idempotent_request"
    __table_args__ = (UniqueConstraint("reviewer_id", "key", name="uq_idempotent_request_key"),)

    id: int | None = Field(default=None, primary_key=True)
    reviewer_id: int = Field(foreign_key="reviewer.id")
    key: str = Field(max_length=100)
    operation: str = Field(max_length=100)
    request_hash: str = Field(max_length=64)
    response: dict | None = Field(default=None, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
