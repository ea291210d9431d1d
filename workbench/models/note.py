"""Internal notes: what reviewers tell each other about a case or an account.

A note is for reviewers only: no reply, notice, platform export or report to the
regulator reads this table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Text
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_not_blank, utcnow

#: The longest note, in characters: a few paragraphs; longer material is evidence.
NOTE_MAX_CHARS = 2000


class InternalNote(SQLModel, table=True):
    """One note on exactly one case or one account, with its author and time."""

    __tablename__ = "internal_note"
    __table_args__ = (
        CheckConstraint(
            "(case_id IS NULL) <> (account_id IS NULL)", name="note_on_case_or_account"
        ),
        check_not_blank("body"),
        CheckConstraint(f"length(body) <= {NOTE_MAX_CHARS}", name="body_bounded"),
        Index("ix_internal_note_case", "case_id", "created_at"),
        Index("ix_internal_note_account", "account_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    account_id: int | None = Field(default=None, foreign_key="account.id")
    author_id: int = Field(foreign_key="reviewer.id")
    body: str = Field(sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
