"""Reviewers: the people who sign in, and the roles that decide what they may do."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlmodel import Column, Field, SQLModel

from .base import UTCDateTime, check_in, check_not_blank, utcnow
from .codes import Role, values


class Reviewer(SQLModel, table=True):
    __tablename__ = "reviewer"
    __table_args__ = (check_not_blank("login"), check_not_blank("display_name"))

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=128)
    password_hash: str = Field(default="", max_length=512)
    active: bool = Field(default=True)
    failed_logins: int = Field(default=0)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReviewerRole(SQLModel, table=True):
    """One role held by one reviewer; a reviewer may hold several."""

    __tablename__ = "reviewer_role"
    __table_args__ = (check_in("role", values(Role)),)

    reviewer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("reviewer.id", ondelete="CASCADE"), primary_key=True)
    )
    role: str = Field(primary_key=True, max_length=32)
