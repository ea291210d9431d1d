"""Backing up and restoring the embedded SQLite database.

``backup_database`` copies the database with SQLite's online backup API: the
copy is one consistent snapshot even while the workbench keeps writing (WAL
readers never block writers).  The copy is written to a temporary file
beside the destination, switched to a single self-contained file (no WAL),
checked with ``PRAGMA integrity_check`` and only then moved into place.

``restore_database`` refuses to overwrite a database that is newer than the
backup (a later schema revision, or a later last change: the newest audit
event) unless forced.  It copies the backup to a temporary file beside the
database and checks it, then writes it INTO the live database with the same
backup API.  The live file is never replaced: the copy is one write
transaction through SQLite's own locks and WAL, so a desktop that has the
database open keeps a consistent view (a read in progress finishes on the old
content, the next one sees the restored content) and a restore killed midway
changes nothing.  The newer-database check runs while that write lock is held,
so no change can slip in between the check and the restore.  If another
program keeps the write lock longer than ``RESTORE_LOCK_WAIT_S`` the restore
is refused and nothing is changed.

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

RESTORE_LOCK_WAIT_S = 10.0
"""How long a restore waits for another program's write transaction to end."""


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
    """Write the backup ``source`` into the embedded database, in one transaction."""
    target = sqlite_file(engine)
    if not source.is_file():
        raise BackupError(f"备份文件不存在 / no backup file at {source}")
    backup_state = database_state(source)
    if backup_state.revision is None:
        raise BackupError(f"{source} 不是工作台数据库 / {source} is not a workbench database")
    engine.dispose()  # this program's own idle connections
    tmp = _temp_beside(target, ".restore-")
    try:
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            _copy(backup, tmp)  # checked before the live database is touched
        finally:
            backup.close()
        _write_into(tmp, target, None if force else backup_state)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return database_state(target)


def _in_use(target: Path, detail: object) -> BackupError:
    return BackupError(
        f"数据库 {target} 正被其他程序写入，{RESTORE_LOCK_WAIT_S:g} 秒内未能取得写锁，未作任何更改；"
        "请等其他工作台完成当前操作（或关闭它）后重试 / the database "
        f"{target} is being written by another program and its write lock was not free within "
        f"{RESTORE_LOCK_WAIT_S:g} s; nothing was changed: let the other workbench finish (or "
        f"close it) and try again ({detail})"
    )


def _write_into(copy: Path, target: Path, unless_newer_than: DatabaseState | None) -> None:
    """Overwrite the live ``target`` with ``copy`` through the backup API, in one transaction.

    Steps of one page keep SQLite's write lock on ``target`` from the first
    step to the commit; the first step's callback checks, under that lock,
    that ``target`` is not newer than ``unless_newer_than`` (None: forced).
    Raising from the callback rolls the whole copy back.
    """
    source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    dest = sqlite3.connect(target, timeout=RESTORE_LOCK_WAIT_S, isolation_level=None)
    checked = False

    def step(status: int, _remaining: int, _total: int) -> None:
        nonlocal checked
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise _in_use(target, "busy")
        if not checked and unless_newer_than is not None:
            reasons = newer_reasons(database_state(target), unless_newer_than)
            if reasons:
                raise BackupError(
                    "拒绝用较旧的备份覆盖较新的数据库（可用 --force），未作任何更改 / refusing to "
                    "overwrite a newer database with an older backup (use --force); nothing was "
                    "changed: " + "; ".join(reasons)
                )
        checked = True

    try:
        try:
            dest.execute("PRAGMA journal_mode=WAL")  # as the workbench opens it; no-op if so
            source.backup(dest, pages=1, progress=step)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise _in_use(target, exc) from exc
            raise BackupError(
                f"恢复失败，未作任何更改 / the restore failed, nothing was changed: {exc}"
            ) from exc
        except sqlite3.DatabaseError as exc:  # the live file itself is unreadable
            raise BackupError(
                f"数据库文件 {target} 已损坏，无法写入；请关闭工作台，将它连同 -wal、-shm 文件移走后"
                f"再恢复 / the database file {target} is unreadable ({exc}): close the workbench, "
                "move it away with its -wal and -shm files, and restore again"
            ) from exc
        _check(dest, "恢复后的数据库 / the restored database")
        dest.execute("PRAGMA wal_checkpoint(PASSIVE)")  # fold the WAL in where no reader holds it
    finally:
        dest.close()
        source.close()
