"""Case tags: a managed list of names, and which cases carry which.

The list is kept by supervisors and administrators (see
:mod:`workbench.cases.tags` for why it is managed rather than free text).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_not_blank, utcnow

#: The longest tag name, in characters (after normalising).
TAG_MAX_CHARS = 24


class Tag(SQLModel, table=True):
    """A name reviewers may put on cases; retired tags stay on the cases they mark."""

    __tablename__ = "tag"
    __table_args__ = (check_not_blank("name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=TAG_MAX_CHARS, unique=True)
    created_by: int = Field(foreign_key="reviewer.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CaseTag(SQLModel, table=True):
    """A tag on a case: who put it there and when."""

    __tablename__ = "case_tag"
    __table_args__ = (Index("ix_case_tag_tag", "tag_id", "case_id"),)

    case_id: int = Field(foreign_key="cases.id", primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", primary_key=True)
    added_by: int = Field(foreign_key="reviewer.id")
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
