"""Mutes and snoozes: a reporter muted, or an account snoozed, until an expiry.

What they do to the queues is decided in :mod:`workbench.cases.holds`; this table
keeps who set each, why, for how long, and who lifted it early.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, check_not_blank, utcnow

#: A reporter's new reports are filed and timed but kept out of the default queue view.
MUTE = "mute"
#: An account's cases are kept out of the default queue view; new reports join them.
SNOOZE = "snooze"
HOLD_KINDS = (MUTE, SNOOZE)
#: The longest reason, in characters.
HOLD_REASON_MAX_CHARS = 500


class QueueHold(SQLModel, table=True):
    """One mute (of a reporter) or snooze (of an account), from ``starts_at`` to
    ``until`` unless lifted before."""

    __tablename__ = "queue_hold"
    __table_args__ = (
        check_in("kind", HOLD_KINDS),
        CheckConstraint(
            "(kind = 'mute' AND reporter_id IS NOT NULL AND account_id IS NULL) OR "
            "(kind = 'snooze' AND account_id IS NOT NULL AND reporter_id IS NULL)",
            name="target_of_kind",
        ),
        CheckConstraint("until > starts_at", name="ends_after_start"),
        check_not_blank("reason"),
        CheckConstraint(f"length(reason) <= {HOLD_REASON_MAX_CHARS}", name="reason_bounded"),
        Index("ix_queue_hold_open", "lifted_at", "until"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    reporter_id: int | None = Field(default=None, foreign_key="reporter.id")
    account_id: int | None = Field(default=None, foreign_key="account.id")
    reason: str = Field(max_length=HOLD_REASON_MAX_CHARS)
    starts_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    until: datetime = Field(sa_type=UTCDateTime)
    created_by: int = Field(foreign_key="reviewer.id")
    lifted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lifted_by: int | None = Field(default=None, foreign_key="reviewer.id")
