"""Backing up and restoring the embedded SQLite database.

``backup_database`` copies the database with SQLite's online backup API: the
copy is one consistent snapshot even while the workbench keeps writing (WAL
readers never block writers).  The copy is written to a temporary file
beside the destination, switched to a single self-contained file (no WAL),
checked with ``PRAGMA integrity_check`` and only then moved into place.

``restore_database`` refuses to overwrite a database that is newer than the
backup (a later schema revision, or audit events the backup lacks) or whose
history went another way (its audit chain and the backup's diverge) unless
forced.  The histories are compared by the audit chain, never by event
times: the backup is older when its last event (id and hash) is in the
database's chain, newer when the database's last event is in the backup's.  It copies the backup to a temporary file beside the
database and checks it, then writes it INTO the live database with the same
backup API.  The live file is never replaced: the copy is one write
transaction through SQLite's own locks and WAL, so a desktop that has the
database open keeps a consistent view (a read in progress finishes on the old
content, the next one sees the restored content) and a restore killed midway
changes nothing.  The newer-database check runs while that write lock is held,
so no change can slip in between the check and the restore.  If another
program keeps the write lock longer than ``RESTORE_LOCK_WAIT_S`` the restore
is refused and nothing is changed.

The temporary copies (``.backup-PID-*`` beside the backup, ``.restore-PID-*``
beside the database, with SQLite's journal beside them) hold the whole
database, personal data unmasked: they are created readable by their owner
only (SQLite gives its journal the mode of its database file) and removed
on every way out, also a full disk, Ctrl+C and SIGTERM (which raise while a
copy exists).  A process killed outright (SIGKILL, power loss) cannot clean
up; the next backup or restore in that folder removes the copies of
processes that are gone.  A full disk is reported in words; nothing is left
behind and the database is unchanged.

PostgreSQL databases are backed up with ``pg_dump`` and restored with
``pg_restore``; these functions say so.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from workbench.schema import _known_revisions, script_directory

RESTORE_LOCK_WAIT_S = 10.0
"""How long a restore waits for another program's write transaction to end."""

GENESIS = "0" * 64  # the chain's first link (workbench.records.audit.GENESIS)
TEMP_PREFIXES = (".backup-", ".restore-")
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
UNOWNED_TEMP_AGE_S = 3600.0
"""A temporary copy named without a process id (written by an older version) is
removed once it is this old."""


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why ("zh / en")."""


@dataclass(frozen=True)
class DatabaseState:
    """What a restore compares: the schema revision and the audit chain's head.

    ``last_change`` (the newest event time) is shown to people, never compared.
    """

    revision: str | None
    last_change: datetime | None
    events: int
    last_event_id: int | None = None
    last_hash: str = GENESIS


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
    """A new empty file beside ``path``, readable and writable by its owner only (0600).

    SQLite opens the empty file as an empty database and creates its journal
    with the same mode.  The name carries this process's id, so a later run can
    tell a copy left by a killed process from one still being written.
    """
    folder = path.resolve().parent
    _remove_stale(folder, prefix)
    fd, name = tempfile.mkstemp(dir=folder, prefix=f"{prefix}{os.getpid()}-", suffix=".sqlite3")
    os.close(fd)
    return Path(name)


def _remove_temp(path: Path) -> None:
    """Remove a temporary copy and the journal, WAL and shared-memory files beside it."""
    for name in (str(path), *(f"{path}{side}" for side in SQLITE_SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError):
            os.remove(name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _remove_stale(folder: Path, prefix: str) -> None:
    """Remove the temporary copies in ``folder`` whose process is gone (killed outright)."""
    now = time.time()
    for path in folder.glob(f"{prefix}*"):
        owner = path.name[len(prefix) :].split("-", 1)[0]
        try:
            if owner.isdigit():
                if int(owner) == os.getpid() or _alive(int(owner)):
                    continue
            elif now - path.stat().st_mtime < UNOWNED_TEMP_AGE_S:
                continue
            path.unlink()
        except OSError:  # gone meanwhile, or not ours to remove
            continue


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """While a temporary copy exists, SIGTERM and SIGHUP raise SystemExit (as Ctrl+C
    raises KeyboardInterrupt), so the code that removes the copy runs.

    Signal handlers belong to the main thread; elsewhere (a desktop worker)
    the application's own handling applies.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {}
    try:
        for signum in wanted:
            previous[signum] = signal.signal(signum, stop)
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _disk_full(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or (
            "disk is full" in str(exc)
        )
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def _write_failed(exc: BaseException, folder: Path, what_zh: str, what_en: str) -> BackupError:
    """A BackupError in words for a failed write of a temporary copy in ``folder``."""
    if _disk_full(exc):
        return BackupError(
            f"磁盘空间不足，无法在 {folder} 写入{what_zh}；未留下任何临时文件，数据库未作更改。"
            f"请腾出空间后重试 / the disk is full: {what_en} could not be written in {folder}; "
            "no temporary file was left and the database is unchanged. Free some space and "
            "try again"
        )
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return BackupError(
        f"无法在 {folder} 写入{what_zh}，数据库未作更改 / {what_en} could not be written in "
        f"{folder}; the database is unchanged: {detail}"
    )


def backup_database(engine: Engine, destination: Path) -> DatabaseState:
    """Write a consistent copy of the embedded database to ``destination``."""
    source_path = sqlite_file(engine)
    if not source_path.exists():
        raise BackupError(f"数据库文件不存在 / no database file at {source_path}")
    if destination.resolve() == source_path.resolve():
        raise BackupError("备份文件不能是数据库本身 / the backup cannot be the database itself")
    folder = destination.resolve().parent
    with _terminate_as_exit():
        tmp: Path | None = None
        source = None
        try:
            tmp = _temp_beside(destination, ".backup-")
            source = sqlite3.connect(source_path, timeout=30)
            _copy(source, tmp)
            os.replace(tmp, destination)
        except (OSError, sqlite3.Error) as exc:
            raise _write_failed(exc, folder, "备份", "the backup") from exc
        finally:
            if source is not None:
                source.close()
            if tmp is not None:
                _remove_temp(tmp)
    return database_state(destination)


def database_state(path: Path) -> DatabaseState:
    """The schema revision, audit chain head, newest event time and event count of a file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        last, events = None, 0
        head_id, head_hash = None, GENESIS
        if "audit_event" in tables:
            newest, events = conn.execute(
                "SELECT MAX(occurred_at), COUNT(*) FROM audit_event"
            ).fetchone()
            if newest:
                last = datetime.fromisoformat(newest).replace(tzinfo=UTC)
            head = None
            if "audit_head" in tables:
                head = conn.execute(
                    "SELECT last_event_id, last_hash FROM audit_head WHERE id = 1"
                ).fetchone()
            if head is None:  # no head row: the newest event is the head
                head = conn.execute(
                    "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1"
                ).fetchone()
            if head is not None and head[0] is not None:
                head_id, head_hash = head[0], head[1]
        return DatabaseState(revision, last, events, head_id, head_hash)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"不是有效的数据库文件 / {path} is not a database: {exc}") from exc
    finally:
        conn.close()


def _revision_order() -> dict[str, int]:
    """Revision -> its place in the migration chain (0 the first)."""
    order = list(reversed([r.revision for r in script_directory().walk_revisions()]))
    return {rev: i for i, rev in enumerate(order)}


def _chain_holds(path: Path, event_id: int | None, event_hash: str) -> bool | None:
    """Whether the audit chain in ``path`` passes through the link (``event_id``, its hash).

    None when it cannot tell: that part of the chain was purged from ``path``.
    """
    if not event_id:
        return True  # the empty chain is where every chain starts
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT hash FROM audit_event WHERE id = ?", (event_id,)).fetchone()
        if row is not None:
            return row[0] == event_hash
        row = conn.execute(
            "SELECT prev_hash FROM audit_event WHERE id = ?", (event_id + 1,)
        ).fetchone()
        if row is not None:  # the event itself was purged, the one after names it
            return row[0] == event_hash
        first = conn.execute("SELECT MIN(id) FROM audit_event").fetchone()[0]
        return None if first is None or first > event_id else False
    finally:
        conn.close()


def chain_reasons(
    current: DatabaseState, current_path: Path, backup: DatabaseState, backup_path: Path
) -> list[str]:
    """Why the database's audit history is not a prefix of the backup's (empty: it is).

    The backup may be older (the database has events the backup lacks), or
    the two histories diverge (each has events the other lacks, e.g. a backup
    of another database, or one restored and written to since).
    """
    here, there = current.last_event_id or 0, backup.last_event_id or 0
    if here == there and current.last_hash == backup.last_hash:
        return []
    if here > there and _chain_holds(current_path, there, backup.last_hash):
        return [
            f"当前数据库有 {here - there} 条备份中没有的审计记录（第 {there + 1}–{here} 条）/ the "
            f"database has {here - there} audit events the backup lacks (events "
            f"{there + 1}-{here}): the backup is older"
        ]
    if here < there and _chain_holds(backup_path, here, current.last_hash):
        return []  # the backup continues the database's history
    return [
        f"当前数据库与备份的审计记录链不一致（数据库至第 {here} 条，备份至第 {there} 条），两者记录了"
        f"不同的变更 / the audit chains of the database (to event {here}) and the backup (to "
        f"event {there}) diverge: each holds changes the other lacks"
    ]


def newer_reasons(
    current: DatabaseState,
    backup: DatabaseState,
    *,
    current_path: Path | None = None,
    backup_path: Path | None = None,
) -> list[str]:
    """Why the current database must not be overwritten by the backup (empty: it may).

    A later schema, or an audit history that is not a prefix of the backup's
    (compared through the files when both paths are given, else by the heads).
    """
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
    if current_path is not None and backup_path is not None:
        reasons += chain_reasons(current, current_path, backup, backup_path)
    elif (current.last_event_id, current.last_hash) != (backup.last_event_id, backup.last_hash):
        reasons.append(
            f"当前数据库的审计记录链与备份不同（数据库至第 {current.last_event_id or 0} 条，备份至第 "
            f"{backup.last_event_id or 0} 条）/ the database's audit chain (to event "
            f"{current.last_event_id or 0}) is not the backup's (to event "
            f"{backup.last_event_id or 0})"
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
    with _terminate_as_exit():
        tmp: Path | None = None
        try:
            try:
                tmp = _temp_beside(target, ".restore-")
                backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
                try:
                    _copy(backup, tmp)  # checked before the live database is touched
                finally:
                    backup.close()
            except (OSError, sqlite3.Error) as exc:
                raise _write_failed(
                    exc, target.resolve().parent, "恢复用的临时副本", "the restore's temporary copy"
                ) from exc
            _write_into(tmp, target, None if force else backup_state)
        finally:
            if tmp is not None:
                _remove_temp(tmp)
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
            reasons = newer_reasons(
                database_state(target), unless_newer_than, current_path=target, backup_path=copy
            )
            if reasons:
                raise BackupError(
                    "拒绝用备份覆盖较新的数据库或记录了其他变更的数据库（可用 --force），未作任何更改 / "
                    "refusing to overwrite a newer database, or one whose history differs from "
                    "the backup's, with the backup (use --force); nothing was changed: "
                    + "; ".join(reasons)
                )
        checked = True

    try:
        try:
            dest.execute("PRAGMA journal_mode=WAL")  # as the workbench opens it; no-op if so
            source.backup(dest, pages=1, progress=step)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise _in_use(target, exc) from exc
            if _disk_full(exc):
                raise BackupError(
                    f"磁盘空间不足，无法写入数据库 {target}，未作任何更改；请腾出空间后重试 / the "
                    f"disk is full: the database {target} could not be written and nothing was "
                    "changed. Free some space and try again"
                ) from exc
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
