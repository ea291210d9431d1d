"""Engines and sessions for the embedded SQLite file and a shared PostgreSQL.

``make_engine(url)`` is called once at start (never at import).  Every SQLite
connection gets WAL and foreign keys; write sessions on SQLite begin with
``BEGIN IMMEDIATE`` so two writers never deadlock half-way through a change,
and a ``database is locked`` answer is retried, not shown to the reviewer.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

APP_NAME = "workbench"
ENV_URL = "WORKBENCH_DATABASE_URL"
SQLITE_BUSY_MS = 30_000

T = TypeVar("T")


class DatabaseUrlError(ValueError):
    """The database URL names no database the workbench can use."""


def default_sqlite_path() -> Path:
    """The embedded database in the user's data directory."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "workbench.sqlite3"


def resolve_url(url: str | None = None) -> str:
    """The URL to use: the given one, else ``WORKBENCH_DATABASE_URL``, else the embedded file."""
    url = url or os.environ.get(ENV_URL) or ""
    if not url:
        path = default_sqlite_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a terse text
        raise DatabaseUrlError(
            f"数据库地址无效：{url!r}（{exc}） / invalid database URL {url!r}: {exc}"
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(
            f"不支持的数据库 {parsed.get_backend_name()!r}：请使用 SQLite 文件（sqlite:///路径）"
            "或 PostgreSQL（postgresql+psycopg://…） / unsupported database "
            f"{parsed.get_backend_name()!r}: use an SQLite file (sqlite:///PATH) or PostgreSQL "
            "(postgresql+psycopg://…)"
        )
    return url


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """An engine for ``url`` (see :func:`resolve_url`), configured for the workbench."""
    url = resolve_url(url)
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        kwargs.setdefault("connect_args", {})
        kwargs["connect_args"].setdefault("timeout", SQLITE_BUSY_MS / 1000)
        kwargs["connect_args"].setdefault("check_same_thread", False)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        engine = create_engine(url, **kwargs)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Take transaction control from the driver so BEGIN IMMEDIATE is possible.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def is_sqlite(engine_or_session) -> bool:
    bind = (
        engine_or_session.get_bind()
        if isinstance(engine_or_session, Session)
        else engine_or_session
    )
    return bind.dialect.name == "sqlite"


@contextmanager
def session_scope(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error.

    ``write=True`` on SQLite takes the write lock at BEGIN (``BEGIN IMMEDIATE``)
    so the whole change is one atomic step against other writers.
    """
    bind = engine
    if write and engine.dialect.name == "sqlite":
        bind = engine.execution_options(sqlite_begin="IMMEDIATE")
    session = Session(bind, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def is_locked_error(exc: BaseException) -> bool:
    """True for SQLite's transient 'database is locked' / 'busy' answers, and for a
    PostgreSQL deadlock (two transactions locking rows in opposite orders: one is
    rolled back and may simply run again)."""
    text = str(getattr(exc, "orig", exc)).lower()
    return (
        "database is locked" in text
        or "database table is locked" in text
        or "busy" in text
        or "deadlock detected" in text
    )


def run_in_transaction(
    engine: Engine, work: Callable[[Session], T], *, attempts: int = 8, write: bool = True
) -> T:
    """Run ``work(session)`` in one transaction, retrying when SQLite is locked.

    The reviewer's action fails only if the lock outlasts every attempt; each
    attempt starts from scratch, so nothing half-done is ever kept.
    """
    for attempt in range(1, attempts + 1):
        try:
            with session_scope(engine, write=write) as session:
                return work(session)
        except OperationalError as exc:
            if attempt == attempts or not is_locked_error(exc):
                raise
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def explain_integrity_error(exc: BaseException) -> str:
    """A sentence naming the table and rule a refused write broke.

    Works from PostgreSQL's diagnostics or SQLite's message, so the reviewer
    reads "cases.status: value not allowed" instead of a driver traceback.
    """
    orig = getattr(exc, "orig", exc)
    diag = getattr(orig, "diag", None)
    message = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    constraint = getattr(diag, "constraint_name", None) if diag else None
    column = getattr(diag, "column_name", None) if diag else None
    table = getattr(diag, "table_name", None) if diag else None
    lowered = message.lower()
    if constraint is None and "constraint failed:" in lowered:
        constraint = message.split(":", 1)[1].strip()
    if "not null" in lowered or "null value" in lowered:
        where = f"{table}.{column}" if table and column else constraint or message
        return f"必填项缺失：{where}（{message}） / required value missing: {where} ({message})"
    if constraint and constraint.startswith("ck_"):
        return (
            f"取值不符合规则 {constraint}（{message}） / value not allowed by rule {constraint} "
            f"({message})"
        )
    if constraint and (constraint.startswith("uq_") or "unique" in lowered):
        return (
            f"重复记录：{constraint}（{message}） / duplicate of an existing record: {constraint} "
            f"({message})"
        )
    if "foreign key" in lowered:
        return f"引用的记录不存在（{message}） / refers to a record that does not exist ({message})"
    return f"数据被拒绝：{message} / the database refused the change: {message}"


def transaction_cached(session: Session, key: str, build: Callable[[], T]) -> T:
    """``build()`` once per transaction of ``session`` (a savepoint counts as its own).

    For what many calls in one change need and nothing in it alters behind the
    cache's back: the audit chain's locked head, a calendar snapshot of one version.
    """
    scope = (session.get_transaction(), session.get_nested_transaction())
    cached = session.info.get(key)
    if cached is not None and cached[0][0] is scope[0] and cached[0][1] is scope[1]:
        return cached[1]
    value = build()
    session.info[key] = (scope, value)
    return value
