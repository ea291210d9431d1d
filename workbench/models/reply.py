"""Replies (反馈): the outbox to reporters, account holders and appellants."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, utcnow
from .codes import DeliveryStatus, RecipientKind, values


class Reply(SQLModel, table=True):
    __tablename__ = "reply"
    __table_args__ = (
        check_in("recipient_kind", values(RecipientKind)),
        check_in("status", values(DeliveryStatus)),
        check_in("language", ["zh_CN", "en"]),
        CheckConstraint("attempts >= 0", name="attempts_nonnegative"),
        CheckConstraint(
            "case_id IS NOT NULL OR appeal_id IS NOT NULL OR measure_id IS NOT NULL",
            name="has_subject",
        ),
        Index("ix_reply_status_next", "status", "next_attempt_at"),
        Index("ix_reply_case", "case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    appeal_id: int | None = Field(default=None, foreign_key="appeal.id")
    measure_id: int | None = Field(default=None, foreign_key="measure.id")
    report_id: int | None = Field(default=None, foreign_key="report.id")
    recipient_kind: str = Field(max_length=16)
    recipient_address: str | None = Field(default=None, max_length=200)
    template: str = Field(max_length=64)
    language: str = Field(default="zh_CN", max_length=8)
    subject: str = Field(default="", max_length=300)
    body: str = Field(default="")
    status: str = Field(default=DeliveryStatus.QUEUED, max_length=16)
    transport: str | None = Field(default=None, max_length=16)
    attempts: int = Field(default=0)
    last_error: str | None = None
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, foreign_key="reviewer.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
