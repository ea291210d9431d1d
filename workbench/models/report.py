"""Reports (举报) and complaints (投诉), their reporters and evidence."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, check_not_blank, utcnow
from .codes import Channel, ReportCategory, ReportKind, values


class Reporter(SQLModel, table=True):
    __tablename__ = "reporter"

    id: int | None = Field(default=None, primary_key=True)
    external_id: str = Field(max_length=64, unique=True)
    name: str = Field(default="", max_length=200)
    contact: str | None = Field(default=None, max_length=200)  # personal data: masked
    first_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReporterCredibility(SQLModel, table=True):
    """How far a reporter's reports have held up (恶意举报甄别, 2017/15)."""

    __tablename__ = "reporter_credibility"
    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 1", name="score_range"),
        CheckConstraint(
            "reports_made >= 0 AND upheld >= 0 AND declined >= 0", name="counts_nonnegative"
        ),
    )

    reporter_id: int = Field(foreign_key="reporter.id", primary_key=True)
    reports_made: int = Field(default=0)
    upheld: int = Field(default=0)
    declined: int = Field(default=0)
    malicious_flags: int = Field(default=0)
    score: float = Field(default=0.5)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Report(SQLModel, table=True):
    __tablename__ = "report"
    __table_args__ = (
        check_in("kind", values(ReportKind)),
        check_in("channel", values(Channel)),
        check_in("category", values(ReportCategory)),
        CheckConstraint("weight >= 0", name="weight_nonnegative"),
        Index("ix_report_target", "target_account_id", "received_at"),
        Index("ix_report_reporter", "reporter_id", "received_at"),
        Index("ix_report_case", "case_id"),
        check_not_blank("external_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    external_id: str = Field(max_length=64, unique=True)
    kind: str = Field(default=ReportKind.REPORT, max_length=16)
    channel: str = Field(max_length=24)
    reporter_id: int | None = Field(default=None, foreign_key="reporter.id")
    target_account_id: int = Field(foreign_key="account.id", nullable=False)
    category: str = Field(max_length=40)
    text: str = Field(default="")
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    weight: float = Field(default=1.0)  # 0 for a repeat report from the same reporter
    suspected_malicious: bool = Field(default=False)
    received_at: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EvidenceAttachment(SQLModel, table=True):
    __tablename__ = "evidence_attachment"
    __table_args__ = (check_not_blank("path"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    path: str = Field(max_length=500)
    sha256: str | None = Field(default=None, max_length=64)
    mime_type: str | None = Field(default=None, max_length=64)
    width: int | None = None
    height: int | None = None
    size_bytes: int | None = None
    # Set when the file cannot be read or decoded (a broken image is kept, flagged).
    problem: str | None = Field(default=None, max_length=300)
