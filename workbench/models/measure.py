"""Measures (处置) taken on an account, and correction orders (限期改正)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Index
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, check_not_blank, utcnow
from .codes import CorrectionStatus, MeasureCode, MeasureStatus, values


class Measure(SQLModel, table=True):
    __tablename__ = "measure"
    __table_args__ = (
        check_in("code", values(MeasureCode)),
        check_in("status", values(MeasureStatus)),
        check_not_blank("basis"),
        CheckConstraint("credit_delta <= 0", name="credit_delta_nonpositive"),
        CheckConstraint(
            "approved_by IS NULL OR approved_by <> decided_by", name="approver_not_decider"
        ),
        CheckConstraint(
            "effective_until IS NULL OR effective_from IS NULL OR effective_until > effective_from",
            name="effective_period_valid",
        ),
        Index("ix_measure_account_status", "account_id", "status"),
        Index("ix_measure_status_decided", "status", "decided_at"),
        Index("ix_measure_case", "case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    account_id: int = Field(foreign_key="account.id")
    code: str = Field(max_length=24)
    basis: str = Field(max_length=64)  # "2022/8(2)"; several joined by ", "
    reason: str = Field(default="")
    params: dict = Field(default_factory=dict, sa_type=JSON)  # functions, days, deadline
    status: str = Field(default=MeasureStatus.PENDING_APPROVAL, max_length=20)
    credit_delta: int = Field(default=0)
    account_snapshot: dict = Field(default_factory=dict, sa_type=JSON)  # info at the time
    decided_by: int = Field(foreign_key="reviewer.id")
    decided_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    approved_by: int | None = Field(default=None, foreign_key="reviewer.id")
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    effective_from: datetime | None = Field(default=None, sa_type=UTCDateTime)
    effective_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_by: int | None = Field(default=None, foreign_key="reviewer.id")
    supersedes_id: int | None = Field(default=None, foreign_key="measure.id")


class CorrectionOrder(SQLModel, table=True):
    """A deadline for the account holder to correct account information (2022/15)."""

    __tablename__ = "correction_order"
    __table_args__ = (
        check_in("status", values(CorrectionStatus)),
        Index("ix_correction_order_status_deadline", "status", "deadline"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    measure_id: int | None = Field(default=None, foreign_key="measure.id")
    required: str = Field(default="")  # what must be corrected
    deadline: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default=CorrectionStatus.OPEN, max_length=16)
    escalation_case_id: int | None = Field(default=None, foreign_key="cases.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
