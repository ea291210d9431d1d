"""What screening (甄别) found: automated rule hits and the reviewer's findings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, check_not_blank, utcnow
from .codes import HitDecision, HitSeverity, ReportCategory, RuleCategory, values


class RuleHit(SQLModel, table=True):
    """One rule hit on account information: where, what, and on what basis."""

    __tablename__ = "rule_hit"
    __table_args__ = (
        check_in("category", values(RuleCategory)),
        check_in("severity", values(HitSeverity)),
        check_in("decision", values(HitDecision), nullable=True),
        check_not_blank("basis"),
        CheckConstraint("span_start >= 0 AND span_end >= span_start", name="span_valid"),
        Index("ix_rule_hit_account", "account_id"),
        Index("ix_rule_hit_case", "case_id"),
        Index("ix_rule_hit_rule_decision", "rule", "decision"),
        Index("ix_rule_hit_fingerprint", "account_id", "fingerprint"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id")
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    change_request_id: int | None = Field(default=None, foreign_key="change_request.id")
    category: str = Field(max_length=40)
    rule: str = Field(max_length=80)
    field: str = Field(max_length=32)
    span_start: int = Field(default=0)
    span_end: int = Field(default=0)
    matched: str = Field(default="")
    basis: str = Field(max_length=32)
    severity: str = Field(default=HitSeverity.MEDIUM, max_length=16)
    score: float = Field(default=0.0)
    explanation: str = Field(default="")
    fingerprint: str = Field(max_length=64)  # same hit on the same account, same key
    detected_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decision: str | None = Field(default=None, max_length=16)
    decided_by: int | None = Field(default=None, foreign_key="reviewer.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Finding(SQLModel, table=True):
    """A violated category the reviewer records, with its legal basis."""

    __tablename__ = "finding"
    __table_args__ = (
        check_in("category", values(ReportCategory)),
        check_not_blank("basis"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    category: str = Field(max_length=40)
    basis: str = Field(max_length=32)  # "2022/8(2)"
    notes: str = Field(default="")
    recorded_by: int = Field(foreign_key="reviewer.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
