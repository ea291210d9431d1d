"""The platform's systems that call the integration API (``/v1/``), and the
signatures they have used.

No secret is stored: a client's secret is derived from the server's key file
and the client's id and generation (:mod:`workbench.platform.api_clients`), so
a copy of these tables lets nobody call the API.  Rotating the secret raises
the generation, and the old secret stops working at once.  Each client acts
through a reviewer row of its own (role ``platform``, no password), so the
audit log names it as the actor of what it changes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_not_blank, utcnow


class ApiClient(SQLModel, table=True):
    __tablename__ = "api_client"
    __table_args__ = (check_not_blank("name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    reviewer_id: int = Field(foreign_key="reviewer.id", unique=True)
    scopes: list = Field(default_factory=list, sa_type=JSON)
    generation: int = Field(default=1)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    rotated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    webhook_url: str | None = Field(default=None, max_length=500)  # where messages go out


class ApiSignature(SQLModel, table=True):
    """A request signature already accepted: each is accepted once.  Kept while
    its signed timestamp is inside the replay window, then pruned."""

    __tablename__ = "api_signature"

    signature: str = Field(primary_key=True, max_length=64)
    client_id: int = Field(foreign_key="api_client.id")
    signed_at: datetime = Field(sa_type=UTCDateTime, index=True)
