"""What the rest of the regulations asks the workbench to keep.

* ``public_figure`` and ``figure_authorisation`` (2021/8): names of party and state
  organs, enterprises and institutions, organisations and well-known public figures
  (社会知名人士) that accounts may use only with an authorisation, and the
  authorisations on file (which account or registered subject, the document, how long).
* ``rumour_record`` (2021/13): a finding of rumour-spreading (谣言) on a case, with the
  debunk (辟谣) and the trace (溯源) recorded and the response taken.
* ``regulator_order`` (2022/21): a measure the regulator ordered, with the order's
  reference, issuing body and date.
* ``regulator_report_log`` (2022/17, 2021/19): every regulator's report made: period,
  format, who, when and the file's SHA-256.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Index
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, check_not_blank, utcnow
from .codes import values


class FigureCategory(StrEnum):
    """What a listed name belongs to (2021/8)."""

    PARTY_STATE_ORGAN = "party_state_organ"  # 党政机关
    ENTERPRISE_INSTITUTION = "enterprise_institution"  # 企事业单位
    ORGANISATION = "organisation"  # 其他组织机构
    PUBLIC_FIGURE = "public_figure"  # 社会知名人士


FIGURE_CATEGORY_LABELS = {
    FigureCategory.PARTY_STATE_ORGAN: ("党政机关", "Party or state organ"),
    FigureCategory.ENTERPRISE_INSTITUTION: ("企事业单位", "Enterprise or institution"),
    FigureCategory.ORGANISATION: ("组织机构", "Organisation"),
    FigureCategory.PUBLIC_FIGURE: ("社会知名人士", "Well-known public figure"),
}


class RumourResponse(StrEnum):
    """What 2021/13 lets the platform do to a producer of false information."""

    DOWNGRADE = "downgrade_credit"  # 降低信用等级
    BLACKLIST = "blacklist"  # 列入黑名单 (serious cases)


RUMOUR_RESPONSE_LABELS = {
    RumourResponse.DOWNGRADE: ("降低信用等级", "Downgrade the credit grade"),
    RumourResponse.BLACKLIST: ("列入黑名单（情节严重）", "Blacklist (serious cases)"),
}

REPORT_FORMATS = ("csv", "xlsx", "pdf")


class PublicFigure(SQLModel, table=True):
    """A name accounts may not use without an authorisation on file (2021/8)."""

    __tablename__ = "public_figure"
    __table_args__ = (
        check_in("category", values(FigureCategory)),
        check_not_blank("name"),
        Index("ix_public_figure_removed", "removed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64)
    aliases: list = Field(default_factory=list, sa_type=JSON)  # other names of the same one
    category: str = Field(max_length=32)
    note: str = Field(default="", max_length=500)
    added_by: int = Field(foreign_key="reviewer.id")
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    removed_by: int | None = Field(default=None, foreign_key="reviewer.id")
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class FigureAuthorisation(SQLModel, table=True):
    """An authorisation to use a listed name: for one account or a registered subject."""

    __tablename__ = "figure_authorisation"
    __table_args__ = (
        CheckConstraint("(account_id IS NULL) <> (subject_id IS NULL)", name="one_holder"),
        CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from", name="validity_ordered"
        ),
        check_not_blank("document_ref"),
        Index("ix_figure_authorisation_figure", "figure_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    figure_id: int = Field(foreign_key="public_figure.id")
    account_id: int | None = Field(default=None, foreign_key="account.id")
    subject_id: int | None = Field(default=None, foreign_key="subject.id")
    document_ref: str = Field(max_length=120)  # the authorisation letter or contract
    valid_from: date
    valid_until: date | None = None  # included; None: until withdrawn
    recorded_by: int = Field(foreign_key="reviewer.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    withdrawn_by: int | None = Field(default=None, foreign_key="reviewer.id")
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RumourRecord(SQLModel, table=True):
    """A finding of rumour-spreading on a case and the response (2021/13)."""

    __tablename__ = "rumour_record"
    __table_args__ = (
        check_in("response", values(RumourResponse)),
        check_not_blank("debunk"),
        Index("ix_rumour_record_case", "case_id"),
        Index("ix_rumour_record_recorded", "recorded_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    finding_id: int = Field(foreign_key="finding.id")
    measure_id: int | None = Field(default=None, foreign_key="measure.id")
    response: str = Field(max_length=24)
    debunk: str = Field(max_length=1000)  # 辟谣: what was published, where
    trace: str = Field(default="", max_length=1000)  # 溯源: where it came from
    recorded_by: int = Field(foreign_key="reviewer.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RegulatorOrder(SQLModel, table=True):
    """The regulator's order behind a measure (2022/21)."""

    __tablename__ = "regulator_order"
    __table_args__ = (
        check_not_blank("reference"),
        check_not_blank("issuing_body"),
        Index("ix_regulator_order_case", "case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = Field(foreign_key="measure.id", unique=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    reference: str = Field(max_length=80)  # 文号
    issuing_body: str = Field(max_length=120)  # 发文机关
    issued_on: date
    recorded_by: int = Field(foreign_key="reviewer.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RegulatorReportLog(SQLModel, table=True):
    """One regulator's report made: what period, in which format, by whom, when, its hash."""

    __tablename__ = "regulator_report_log"
    __table_args__ = (
        check_in("format", REPORT_FORMATS),
        CheckConstraint("period_end >= period_start", name="period_ordered"),
        CheckConstraint("size_bytes >= 0 AND measures >= 0", name="counts_nonnegative"),
        Index("ix_regulator_report_log_made", "made_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    period_start: date
    period_end: date
    format: str = Field(max_length=8)
    made_by: int | None = Field(default=None, foreign_key="reviewer.id")
    made_by_label: str = Field(max_length=120)  # the reviewer, or the database owner's login
    made_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sha256: str = Field(max_length=64)
    size_bytes: int = 0
    measures: int = 0
    unmasked: bool = False
    source: str = Field(default="command", max_length=16)  # command | desktop
