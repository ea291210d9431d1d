"""The append-only, hash-chained audit log (2022/16, 2022/17, 2017/13)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Index
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_not_blank, utcnow


class AuditEvent(SQLModel, table=True):
    """One change: who, when, what, before and after.  Never updated or deleted."""

    __tablename__ = "audit_event"
    __table_args__ = (
        check_not_blank("action"),
        CheckConstraint("length(hash) = 64", name="hash_length"),
        Index("ix_audit_event_case", "case_id"),
        Index("ix_audit_event_account", "account_id"),
        Index("ix_audit_event_occurred", "occurred_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, foreign_key="reviewer.id")  # None: the system
    action: str = Field(max_length=64)
    entity: str = Field(max_length=32)
    entity_id: int | None = None
    case_id: int | None = None  # no foreign keys: the log outlives purged records
    account_id: int | None = None
    reason: str | None = None
    before: dict | None = Field(default=None, sa_type=JSON)
    after: dict | None = Field(default=None, sa_type=JSON)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)
    key_id: str | None = Field(default=None, max_length=16)  # None: unkeyed SHA-256 (older)


class AuditPending(SQLModel, table=True):
    """An event committed but not yet chained (PostgreSQL): the sealer moves it into
    ``audit_event`` in commit order (:mod:`workbench.records.sealer`)."""

    __tablename__ = "audit_pending"
    __table_args__ = (check_not_blank("action"),)

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    actor_id: int | None = None
    action: str = Field(max_length=64)
    entity: str = Field(max_length=32)
    entity_id: int | None = None
    case_id: int | None = None
    account_id: int | None = None
    reason: str | None = None
    before: dict | None = Field(default=None, sa_type=JSON)
    after: dict | None = Field(default=None, sa_type=JSON)


class AuditHead(SQLModel, table=True):
    """The chain's last link; only the sealer's short transaction locks it."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: int = Field(default=1, primary_key=True)
    last_event_id: int | None = None
    last_hash: str = Field(max_length=64)
    key_id: str | None = Field(default=None, max_length=16)  # the newest event's key
