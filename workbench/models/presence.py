"""Who has which case open right now: one heartbeat row per reviewer and case."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import UTCDateTime, utcnow


class Presence(SQLModel, table=True):
    """A reviewer looking at a case; stale once ``seen_at`` stops moving."""

    __tablename__ = "presence"

    reviewer_id: int = Field(foreign_key="reviewer.id", primary_key=True)
    case_id: int = Field(foreign_key="cases.id", primary_key=True, index=True)
    seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
