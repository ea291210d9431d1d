"""Settings shared by everyone on one database (UI state lives in QSettings)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_not_blank, utcnow


class Setting(SQLModel, table=True):
    __tablename__ = "setting"
    __table_args__ = (check_not_blank("key"),)

    key: str = Field(primary_key=True, max_length=64)
    value: dict | list | str | int | float | bool | None = Field(default=None, sa_type=JSON)
    updated_by: int | None = Field(default=None, foreign_key="reviewer.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
