"""Opening a database for the in-process transport: engine, schema, first seeding.

The desktop on its own file and every command that works on a database come
through here; the server opens its one database the same way at start.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from workbench.db import (
    DatabaseUrlError,
    default_sqlite_path,
    make_engine,
    resolve_url,
    run_in_transaction,
)
from workbench.models import CalendarYear
from workbench.schema import SchemaTooNewError, upgrade
from workbench.timelimits.calendar import seed_from_chinese_calendar
from workbench.timelimits.policies import seed_default_policies


class DatabaseOpenError(Exception):
    """The database cannot be used; the message says why, Chinese first.

    ``exit_code`` is 2 for an address a person must fix and 1 for a database
    this program cannot work on (newer than it, or not reachable).
    """

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def open_database(url: str | None, *, migrate: bool = True) -> Engine:
    """An engine on ``url`` with the schema brought up to date (SQLite backed up first)."""
    try:
        engine = make_engine(url)
    except DatabaseUrlError as exc:
        raise DatabaseOpenError(str(exc)) from exc
    if migrate:
        try:
            upgrade(engine)
        except SchemaTooNewError as exc:
            engine.dispose()
            raise DatabaseOpenError(str(exc), exit_code=1) from exc
        except OperationalError as exc:  # not running, refused the login, a locked file
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else exc
            raise DatabaseOpenError(
                f"无法连接数据库：{reason} / cannot reach the database: {reason}", exit_code=1
            ) from exc
    return engine


def ensure_seeded(engine: Engine) -> str | None:
    """On a database without a calendar, load the statutory holidays and default limits.

    Returns a line saying what was loaded, or None when the database had them.
    """

    def work(session):
        if session.exec(select(CalendarYear.year).limit(1)).first() is not None:
            return None
        seeded = seed_from_chinese_calendar(session, None)
        policies = seed_default_policies(session, None)
        return (
            f"已载入法定节假日 / loaded holidays and make-up days {seeded.years[0]}-"
            f"{seeded.years[-1]}; {policies} default time limits"
        )

    return run_in_transaction(engine, work)


def is_server(location: str | None) -> bool:
    """True for a workbench server's address (``http://`` or ``https://``)."""
    return (location or "").strip().lower().startswith(("http://", "https://"))


def check_location(location: str) -> str:
    """``location`` if it names a workbench server or a database; else the reason, raised."""
    location = location.strip()
    if is_server(location):
        host = location.split("://", 1)[1].split("/", 1)[0]
        if not host or any(c.isspace() for c in location):
            raise DatabaseOpenError(
                f"服务器地址无效：{location} / invalid server address {location!r}"
            )
        return location.rstrip("/")
    try:
        return resolve_url(location)
    except DatabaseUrlError as exc:
        raise DatabaseOpenError(str(exc)) from exc


def connect(location: str | None):  # -> Client (imported lazily: remote needs httpx)
    """A client on ``location``: a workbench server (checked that it answers) or a
    database opened in process (the embedded file when empty)."""
    if is_server(location):
        from workbench.operations.remote import RemoteClient

        client = RemoteClient(check_location(location or ""))
        client.check()
        return client
    from workbench.operations.local import LocalClient

    return LocalClient.open(location or None)


__all__ = [
    "DatabaseOpenError",
    "check_location",
    "connect",
    "default_sqlite_path",
    "ensure_seeded",
    "is_server",
    "open_database",
]
