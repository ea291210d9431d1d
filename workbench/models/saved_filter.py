"""Saved queue filters: a reviewer's named filter-bar settings, kept on the server."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_not_blank, utcnow

#: The longest filter name, in characters.
FILTER_NAME_MAX_CHARS = 40
#: The longest search text kept in a filter.
FILTER_TEXT_MAX_CHARS = 200


class SavedFilter(SQLModel, table=True):
    """One reviewer's filter under a name: the filter bar's search text, category,
    status, tag and whether muted and snoozed cases show.  Only its owner reads it."""

    __tablename__ = "saved_filter"
    __table_args__ = (
        UniqueConstraint("reviewer_id", "name", name="uq_saved_filter_reviewer_name"),
        check_not_blank("name"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reviewer_id: int = Field(foreign_key="reviewer.id")
    name: str = Field(max_length=FILTER_NAME_MAX_CHARS)
    text: str = Field(default="", max_length=FILTER_TEXT_MAX_CHARS)
    category: str | None = Field(default=None, max_length=64)
    status: str | None = Field(default=None, max_length=32)
    tag: str | None = Field(default=None, max_length=24)
    show_held: bool = Field(default=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
