"""Settings kept in the database (the ``setting`` table): one JSON value per key.

What each key means belongs to the module that reads it (``calendar.version`` to the
calendar, ``cases.close_after_days`` to closing, ...); this module only reads and
writes the rows.  Writing is not an action by itself: the administrator actions that
change a setting check the role and write the audit event, then call
:func:`put_setting`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ScalarSelect, select
from sqlmodel import Session

from workbench.db import transaction_cached
from workbench.errors import ValidationError
from workbench.models import Setting, utcnow
from workbench.models.base import table_of

if TYPE_CHECKING:
    from workbench.access.auth import Actor


_READ = "workbench.settings_read"  # session.info: {key: its row or None}, per transaction


def _read(session: Session) -> dict[str, Setting | None]:
    """The settings this transaction has read, by key (None: not stored); a savepoint
    keeps its own, so what one rolled back is read again."""
    return transaction_cached(session, _READ, dict)


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    """The value stored under ``key``, or ``default`` when there is none.  A key is
    read once per transaction (the session keeps only weak references to rows)."""
    read = _read(session)
    if key in read:
        row = read[key]
    else:
        row = read[key] = session.get(Setting, key)
    return default if row is None or row.value is None else row.value


def stored_setting(key: str) -> ScalarSelect[Any]:
    """The value stored under ``key`` as an SQL expression (NULL when there is none), so a
    statement reads the setting it needs without a query of its own."""
    table = table_of(Setting)
    return select(table.c.value).where(table.c.key == key).scalar_subquery()


def put_setting(session: Session, actor: Actor | None, key: str, value: Any) -> None:
    """Store ``value`` under ``key``, noting who changed it and when (no role check)."""
    row = session.get(Setting, key)
    if row is None:
        row = Setting(key=key)
    row.value = value
    row.updated_by = actor.id if actor else None
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    _read(session)[key] = row


def positive_int_setting(session: Session, key: str, default: int) -> int:
    """A whole number above zero stored under ``key``; ``default`` for anything else."""
    value = get_setting(session, key, default)
    good = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return value if good else default


def days_setting(session: Session, key: str, default: int, *, minimum: int, maximum: int) -> int:
    """A number of days stored under ``key`` (``default`` when unset); a stored value that
    is not a whole number from ``minimum`` to ``maximum`` is refused, not guessed at."""
    value = get_setting(session, key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ValidationError(
            f"设置 {key} 无效（{value!r}），应为 {minimum} 至 {maximum} 的天数",
            f"setting {key} is invalid ({value!r}); it must be {minimum} to {maximum} days",
        )
    return value
