"""Appeals (申诉) from account operators against a measure (2021/20)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, utcnow
from .codes import AppealStatus, values

_OPEN = "status IN ('appeal_received','appeal_screening')"


class Appeal(SQLModel, table=True):
    __tablename__ = "appeal"
    __table_args__ = (
        check_in("status", values(AppealStatus)),
        CheckConstraint("version >= 1", name="version_positive"),
        # One open appeal per measure.
        Index(
            "uq_appeal_open_per_measure",
            "measure_id",
            unique=True,
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
        Index("ix_appeal_status_due", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = Field(foreign_key="measure.id")
    account_id: int = Field(foreign_key="account.id", index=True)
    appellant_name: str = Field(default="", max_length=200)
    appellant_contact: str | None = Field(default=None, max_length=200)
    text: str = Field(default="")
    status: str = Field(default=AppealStatus.RECEIVED, max_length=20)
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    assignee_id: int | None = Field(default=None, foreign_key="reviewer.id")
    decided_by: int | None = Field(default=None, foreign_key="reviewer.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_reason: str | None = None
    revised_measure_id: int | None = Field(default=None, foreign_key="measure.id")
    version: int = Field(default=1)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    #: The platform's id of an appeal filed through its API (idempotency key).
    external_id: str | None = Field(default=None, max_length=64, unique=True)
