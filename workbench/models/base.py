"""Shared column types, naming convention and helpers for every table.

Times are stored in UTC; every date-level decision is taken in Asia/Shanghai
(``SHANGHAI``).  Enumerated columns get a named CHECK constraint built by
:func:`check_in`, so both SQLite and PostgreSQL refuse unknown values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    DateTime,
    MetaData,
    Table,
    any_,
    bindparam,
    types,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects import postgresql
from sqlmodel import SQLModel

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Named constraints keep Alembic's batch mode on SQLite working and make the
# errors a reviewer may see ("ck_case_status") say which rule was broken.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)
metadata = SQLModel.metadata


def table_of(model: type[SQLModel]) -> Table:
    """The Core ``Table`` behind a table model, typed (SQLModel leaves ``__table__`` untyped)."""
    table = sa_inspect(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a single table")
    return table


def one_of(column: Any, values: Sequence, dialect: str) -> ColumnElement[bool]:
    """``column IN (values)``, written for ``dialect``: on PostgreSQL ``column =
    ANY(:array)``, one bound array, so the statement's text is the same whatever the
    number of values, and neither SQLAlchemy nor the driver rewrites it per call."""
    if dialect == "postgresql":
        array = bindparam(None, list(values), type_=postgresql.ARRAY(column.type))
        return column == any_(array)
    return column.in_(list(values))


def saved(row_id: int | None) -> int:
    """The id of a row the transaction has written (refused if it was never flushed)."""
    if row_id is None:
        raise RuntimeError("a row that was never written has no id")
    return row_id


def utcnow() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(types.TypeDecorator):
    """A timezone-aware instant stored as UTC on every backend.

    Naive datetimes are refused: an instant without an offset is ambiguous
    between Beijing time and UTC, the commonest deadline bug.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} has no time zone")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def check_in(
    column: str, values: Iterable[str], *, nullable: bool = False, name: str | None = None
):
    """A named CHECK constraint limiting ``column`` to ``values``."""
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    expr = f"{column} IN ({quoted})"
    if nullable:
        expr = f"{column} IS NULL OR {expr}"
    return CheckConstraint(expr, name=name or column)


def check_not_blank(column: str, *, name: str | None = None):
    """A named CHECK constraint refusing NULL-less empty or whitespace text."""
    return CheckConstraint(f"length(trim({column})) > 0", name=name or f"{column}_not_blank")
