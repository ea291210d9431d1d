"""Cases: the reports on one account and category, worked as one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, table_of, utcnow
from .codes import (
    CaseStatus,
    ClockState,
    DeclineReason,
    HitSeverity,
    Queue,
    ReportCategory,
    values,
)

_OPEN = "status IN ('received','accepted','screening')"
_UNCLAIMED_OPEN = f"assignee_id IS NULL AND {_OPEN}"
_CLAIMED_OPEN = f"assignee_id IS NOT NULL AND {_OPEN}"


class Case(SQLModel, table=True):
    __tablename__ = "cases"  # "case" is an SQL keyword
    __table_args__ = (
        check_in("queue", values(Queue)),
        check_in("status", values(CaseStatus)),
        check_in("category", values(ReportCategory)),
        check_in("decline_reason", values(DeclineReason), nullable=True),
        check_in("clock_state", values(ClockState), nullable=True),
        check_in("strongest_hit", values(HitSeverity), nullable=True),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint(
            "status <> 'declined' OR decline_reason IS NOT NULL", name="declined_has_reason"
        ),
        CheckConstraint("(assignee_id IS NULL) = (claimed_until IS NULL)", name="claim_has_lease"),
        # Queue orderings: by due time within a queue and status; claims; intake joins.
        Index("ix_case_queue_status_due", "queue", "status", "due_at", "priority"),
        # The desktop's queue table: rows in due order within a queue, with the
        # status and category filters answered from the index alone.
        Index("ix_case_queue_due", "queue", "due_at", "id", "status", "category"),
        Index("ix_case_status_due", "status", "due_at"),
        Index("ix_case_target_category_status", "target_account_id", "category", "status"),
        Index("ix_case_assignee", "assignee_id", "status"),
        # Claims whose lease ran out, by queue: the other half of "the next free case".
        Index(
            "ix_case_lease_expiry",
            "queue",
            "claimed_until",
            sqlite_where=text(_CLAIMED_OPEN),
            postgresql_where=text(_CLAIMED_OPEN),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    queue: str = Field(max_length=24)
    status: str = Field(default=CaseStatus.RECEIVED, max_length=16)
    target_account_id: int = Field(foreign_key="account.id")
    category: str = Field(max_length=40)
    decline_reason: str | None = Field(default=None, max_length=32)
    resolution_note: str | None = None
    # Denormalised for queue ordering and colouring; kept by the services.
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    clock_state: str | None = Field(default=None, max_length=16)
    priority: float = Field(default=0.0)
    reporter_count: int = Field(default=0)
    weight: float = Field(default=0.0)
    strongest_hit: str | None = Field(default=None, max_length=16)
    # Claims are leases.
    assignee_id: int | None = Field(default=None, foreign_key="reviewer.id")
    claimed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    parent_case_id: int | None = Field(default=None, foreign_key="cases.id")
    version: int = Field(default=1)
    opened_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


_cases = table_of(Case).c
# The unclaimed open cases of a queue in the order claims take them (due first, then
# highest priority, then oldest): the next case is the first entry not locked.
Index(
    "ix_case_claim_order",
    _cases.queue,
    _cases.due_at,
    _cases.priority.desc(),
    _cases.opened_at,
    _cases.id,
    sqlite_where=text(_UNCLAIMED_OPEN),
    postgresql_where=text(_UNCLAIMED_OPEN),
)
