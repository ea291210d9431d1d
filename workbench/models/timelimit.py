"""Handling time limits: policies, the working-day calendar, and clocks."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, check_not_blank, utcnow
from .codes import ClockState, DayKind, LimitUnit, PauseReason, Stage, values


class TimeLimitPolicy(SQLModel, table=True):
    """A limit for one stage, per queue x category x account grade ('*' = any)."""

    __tablename__ = "time_limit_policy"
    __table_args__ = (
        check_in("stage", values(Stage)),
        check_in("unit", values(LimitUnit)),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("version >= 1", name="version_positive"),
        UniqueConstraint("queue", "category", "grade", "stage", name="uq_time_limit_policy_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    queue: str = Field(default="*", max_length=24)
    category: str = Field(default="*", max_length=40)
    grade: str = Field(default="*", max_length=16)
    stage: str = Field(max_length=20)
    amount: float
    unit: str = Field(max_length=16)
    version: int = Field(default=1)
    updated_by: int | None = Field(default=None, foreign_key="reviewer.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CalendarDay(SQLModel, table=True):
    """A date that departs from the weekly pattern: a holiday or a make-up working day."""

    __tablename__ = "calendar_day"
    __table_args__ = (
        check_in("kind", values(DayKind)),
        check_in("source", ["chinese_calendar", "csv", "manual"]),
    )

    day: date = Field(primary_key=True)
    kind: str = Field(max_length=16)
    source: str = Field(default="manual", max_length=20)
    note: str = Field(default="", max_length=200)
    updated_by: int | None = Field(default=None, foreign_key="reviewer.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CalendarYear(SQLModel, table=True):
    """A year whose holidays and make-up days are known (not provisional)."""

    __tablename__ = "calendar_year"
    __table_args__ = (CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),)

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    source: str = Field(max_length=20)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Clock(SQLModel, table=True):
    """The handling time limit of one stage of a case, appeal or correction order."""

    __tablename__ = "clock"
    __table_args__ = (
        check_in("stage", values(Stage)),
        check_in("state", values(ClockState)),
        CheckConstraint("paused_seconds >= 0", name="paused_nonnegative"),
        CheckConstraint("warning_level >= 0", name="warning_level_nonnegative"),
        CheckConstraint(
            "(CASE WHEN case_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN appeal_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN correction_order_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_owner",
        ),
        Index("ix_clock_state_due", "state", "due_at"),
        Index("ix_clock_case", "case_id", "stage"),
        Index("ix_clock_appeal", "appeal_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    appeal_id: int | None = Field(default=None, foreign_key="appeal.id")
    correction_order_id: int | None = Field(default=None, foreign_key="correction_order.id")
    stage: str = Field(max_length=20)
    policy_id: int | None = Field(default=None, foreign_key="time_limit_policy.id")
    policy_version: int | None = None
    calendar_version: int | None = None
    amount: float
    unit: str = Field(max_length=16)
    started_at: datetime = Field(sa_type=UTCDateTime)
    due_at: datetime = Field(sa_type=UTCDateTime)
    provisional: bool = Field(default=False)
    paused_seconds: float = Field(default=0)
    paused_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    state: str = Field(default=ClockState.RUNNING, max_length=16)
    met_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    breached_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    warning_level: int = Field(default=0)
    assignee_id: int | None = Field(default=None, foreign_key="reviewer.id")
    # When the holder took the stage (claim, reassignment; the start if held then):
    # their handling time runs from here, the time before is the queue's wait.
    held_since: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ClockPause(SQLModel, table=True):
    __tablename__ = "clock_pause"
    __table_args__ = (check_in("reason", values(PauseReason)),)

    id: int | None = Field(default=None, primary_key=True)
    clock_id: int = Field(foreign_key="clock.id", index=True)
    reason: str = Field(max_length=32)
    started_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    started_by: int | None = Field(default=None, foreign_key="reviewer.id")


class ClockExtension(SQLModel, table=True):
    """A supervisor-approved extension of a clock's limit."""

    __tablename__ = "clock_extension"
    __table_args__ = (
        check_in("unit", values(LimitUnit)),
        CheckConstraint("amount > 0", name="amount_positive"),
        check_not_blank("reason"),
    )

    id: int | None = Field(default=None, primary_key=True)
    clock_id: int = Field(foreign_key="clock.id", index=True)
    amount: float
    unit: str = Field(max_length=16)
    reason: str
    approved_by: int = Field(foreign_key="reviewer.id")
    approved_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
