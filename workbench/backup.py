"""Backing up and restoring the embedded SQLite database.

``backup_database`` copies the database with SQLite's online backup API: the
copy is one consistent snapshot even while the workbench keeps writing (WAL
readers never block writers).  The copy is written to a temporary file
beside the destination, switched to a single self-contained file (no WAL),
checked with ``PRAGMA integrity_check`` and only then moved into place.

``restore_database`` refuses to overwrite a database that is newer than the
backup (a later schema revision, or a later last change: the newest audit
event) unless forced.  It copies the backup to a temporary file beside the
database, checks it, checkpoints and empties the live database's WAL, then
replaces the file in one rename and removes the old WAL and shared-memory
files, so no stale WAL is ever replayed onto the restored database.  It
refuses while another program holds the database open for writing.

PostgreSQL databases are backed up with ``pg_dump`` and restored with
``pg_restore``; these functions say so.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from workbench.schema import _known_revisions, script_directory


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why ("zh / en")."""


@dataclass(frozen=True)
class DatabaseState:
    """What a restore compares: the schema revision and the last change."""

    revision: str | None
    last_change: datetime | None
    events: int


def sqlite_file(engine: Engine) -> Path:
    """The file of an SQLite engine; BackupError for PostgreSQL."""
    if engine.dialect.name != "sqlite":
        raise BackupError(
            "PostgreSQL 数据库请使用 pg_dump 备份、pg_restore 恢复 / this is a PostgreSQL "
            "database: back it up with pg_dump and restore it with pg_restore"
        )
    name = engine.url.database
    if not name or name == ":memory:":
        raise BackupError("内存数据库无法备份 / an in-memory database has no file to back up")
    return Path(name)


def _check(conn: sqlite3.Connection, what: str) -> None:
    result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{what} 完整性检查失败 / {what} failed its integrity check: {result}")


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy ``source`` into the new file ``target`` as one self-contained file."""
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)  # one step: a single consistent snapshot of the source
        dest.execute("PRAGMA journal_mode=DELETE")
        _check(dest, "备份副本 / the copy")
    finally:
        dest.close()


def _temp_beside(path: Path, prefix: str) -> Path:
    fd, name = tempfile.mkstemp(dir=path.resolve().parent, prefix=prefix, suffix=".sqlite3")
    os.close(fd)
    os.remove(name)  # sqlite creates it
    return Path(name)


def backup_database(engine: Engine, destination: Path) -> DatabaseState:
    """Write a consistent copy of the embedded database to ``destination``."""
    source_path = sqlite_file(engine)
    if not source_path.exists():
        raise BackupError(f"数据库文件不存在 / no database file at {source_path}")
    if destination.resolve() == source_path.resolve():
        raise BackupError("备份文件不能是数据库本身 / the backup cannot be the database itself")
    tmp = _temp_beside(destination, ".backup-")
    source = sqlite3.connect(source_path, timeout=30)
    try:
        _copy(source, tmp)
        os.replace(tmp, destination)
    finally:
        source.close()
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return database_state(destination)


def database_state(path: Path) -> DatabaseState:
    """The schema revision, newest audit event time and event count of an SQLite file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        last, events = None, 0
        if "audit_event" in tables:
            newest, events = conn.execute(
                "SELECT MAX(occurred_at), COUNT(*) FROM audit_event"
            ).fetchone()
            if newest:
                last = datetime.fromisoformat(newest).replace(tzinfo=UTC)
        return DatabaseState(revision, last, events)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"不是有效的数据库文件 / {path} is not a database: {exc}") from exc
    finally:
        conn.close()


def _revision_order() -> dict[str, int]:
    """Revision -> its place in the migration chain (0 the first)."""
    order = list(reversed([r.revision for r in script_directory().walk_revisions()]))
    return {rev: i for i, rev in enumerate(order)}


def newer_reasons(current: DatabaseState, backup: DatabaseState) -> list[str]:
    """Why the current database is newer than the backup (empty: it is not)."""
    reasons = []
    order = _revision_order()
    if backup.revision is not None and backup.revision not in _known_revisions():
        reasons.append(
            f"备份的数据库版本 {backup.revision} 比本程序新 / the backup's schema {backup.revision} "
            "is newer than this workbench"
        )
    elif current.revision is not None and (
        backup.revision is None or order.get(current.revision, -1) > order[backup.revision]
    ):
        reasons.append(
            f"当前数据库版本 {current.revision} 比备份 {backup.revision} 新 / the database's "
            f"schema {current.revision} is newer than the backup's {backup.revision}"
        )
    if current.last_change and (
        backup.last_change is None or current.last_change > backup.last_change
    ):
        reasons.append(
            f"当前数据库最后变更 {current.last_change:%Y-%m-%d %H:%M:%S} UTC 晚于备份 / the "
            f"database was last changed {current.last_change.isoformat()}, after the backup "
            f"({backup.last_change.isoformat() if backup.last_change else 'no changes'})"
        )
    return reasons


def restore_database(engine: Engine, source: Path, *, force: bool = False) -> DatabaseState:
    """Replace the embedded database with the backup ``source``."""
    target = sqlite_file(engine)
    if not source.is_file():
        raise BackupError(f"备份文件不存在 / no backup file at {source}")
    backup_state = database_state(source)
    if backup_state.revision is None:
        raise BackupError(f"{source} 不是工作台数据库 / {source} is not a workbench database")
    if target.exists() and not force:
        reasons = newer_reasons(database_state(target), backup_state)
        if reasons:
            raise BackupError(
                "拒绝用较旧的备份覆盖较新的数据库（可用 --force） / refusing to overwrite a newer "
                "database with an older backup (use --force): " + "; ".join(reasons)
            )
    engine.dispose()  # this program's own connections let go of the file
    tmp = _temp_beside(target, ".restore-")
    try:
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            _copy(backup, tmp)
        finally:
            backup.close()
        if target.exists():
            _quiesce(target)
        os.replace(tmp, target)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{target}{suffix}").unlink()
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return database_state(target)


def _quiesce(target: Path) -> None:
    """Fold the WAL into the database file and make sure no one else is writing to it."""
    conn = sqlite3.connect(target, timeout=2)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise BackupError(
                "数据库正被其他程序使用，请先关闭工作台 / the database is in use by another "
                "program: close the workbench first"
            )
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise BackupError(
                "数据库正被其他程序使用，请先关闭工作台 / the database is in use by another "
                f"program: close the workbench first ({exc})"
            ) from exc
    finally:
        conn.close()
