"""Requests to change account information, screened like a registration (2022/10)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, utcnow
from .codes import ChangeRequestStatus, values


class ChangeRequest(SQLModel, table=True):
    __tablename__ = "change_request"
    __table_args__ = (check_in("status", values(ChangeRequestStatus)),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    # The platform's id of the request when it came through the API (one request per id).
    external_id: str | None = Field(default=None, max_length=64, unique=True)
    proposed: dict = Field(default_factory=dict, sa_type=JSON)  # field -> new value
    status: str = Field(default=ChangeRequestStatus.PENDING, max_length=16)
    screening_outcome: dict | None = Field(default=None, sa_type=JSON)  # hits found
    correction_order_id: int | None = Field(default=None, foreign_key="correction_order.id")
    decided_by: int | None = Field(default=None, foreign_key="reviewer.id")
    submitted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
