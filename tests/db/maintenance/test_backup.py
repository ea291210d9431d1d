"""workbench backup / restore: a consistent copy taken during writes, restored in one step."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from tests.db.importing.support import run
from workbench.db import make_engine, session_scope
from workbench.models import Account, AuditEvent
from workbench.records import audit
from workbench.records import backup as backup_module
from workbench.records.audit import verify

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def _write_account(engine, n: int) -> None:
    with session_scope(engine) as s:
        account = Account(platform_id=f"w{n}", name=f"账号{n}")
        s.add(account)
        s.flush()
        audit.record(s, None, "account.create", "account", account.id, account_id=account.id,
                     after={"name": account.name}, at=T0 + timedelta(seconds=n))  # fmt: skip


def _rows(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]  # fmt: skip
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        conn.close()


def test_backup_during_writes_restores_to_an_identical_consistent_database(sqlite_engine, tmp_path):
    engine = sqlite_engine
    for n in range(50):
        _write_account(engine, n)
    stop = threading.Event()
    written = []

    def writer():
        other = make_engine(engine.url.render_as_string(hide_password=False))
        n = 1000
        try:
            while not stop.is_set() and n < 1400:
                _write_account(other, n)
                written.append(n)
                n += 1
        finally:
            other.dispose()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:  # the backup starts while the writer is busy
            stop.wait(0.01)
        backup = tmp_path / "copy.sqlite3"
        assert run(engine, "backup", str(backup)) == 0
    finally:
        stop.set()
        thread.join()
    copy = _rows(backup)
    names = [row[1] for row in copy["account"]]
    # A snapshot: the first 50 accounts and an unbroken run of the writer's, each with its event.
    taken = len(names) - 50
    assert taken > 0 and names == [f"w{n}" for n in range(50)] + [
        f"w{n}" for n in range(1000, 1000 + taken)
    ]
    assert len(copy["audit_event"]) == len(names)
    assert not Path(f"{backup}-wal").exists()

    target = tmp_path / "restored.sqlite3"
    restored = make_engine(f"sqlite:///{target}")
    try:
        assert run(restored, "restore", str(backup)) == 0
        assert _rows(target) == copy
        with session_scope(restored, write=False) as s:
            assert verify(s).ok
            assert len(s.exec(select(Account)).all()) == len(names)
    finally:
        restored.dispose()


def test_restore_refuses_a_newer_database_unless_forced(sqlite_engine, tmp_path, capsys):
    engine = sqlite_engine
    _write_account(engine, 1)
    backup = tmp_path / "b.sqlite3"
    assert run(engine, "backup", str(backup)) == 0
    _write_account(engine, 2)  # the live database moves on
    capsys.readouterr()
    assert run(engine, "restore", str(backup)) == 2
    assert "newer database" in capsys.readouterr().err
    with session_scope(engine, write=False) as s:
        assert len(s.exec(select(Account)).all()) == 2
    assert run(engine, "restore", "--force", str(backup)) == 0
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Account.platform_id)).all() == ["w1"]
        assert len(s.exec(select(AuditEvent)).all()) == 1
        assert verify(s).ok
    _write_account(engine, 3)  # the restored database works as before
    assert run(engine, "restore", str(backup)) == 2


def test_restore_of_the_same_state_needs_no_force(sqlite_engine, tmp_path):
    _write_account(sqlite_engine, 1)
    backup = tmp_path / "b.sqlite3"
    assert run(sqlite_engine, "backup", str(backup)) == 0
    assert run(sqlite_engine, "restore", str(backup)) == 0


def test_restore_refuses_a_file_that_is_no_database(sqlite_engine, tmp_path, capsys):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert run(sqlite_engine, "restore", "--force", str(junk)) == 2
    assert "not a database" in capsys.readouterr().err


def test_postgresql_is_told_to_use_pg_dump(pg_engine, tmp_path, capsys):
    assert run(pg_engine, "backup", str(tmp_path / "b.sqlite3")) == 2
    assert "pg_dump" in capsys.readouterr().err
    assert run(pg_engine, "restore", str(tmp_path / "b.sqlite3")) == 2


def _names(engine) -> list[str]:
    with session_scope(engine, write=False) as s:
        return s.exec(select(Account.platform_id).order_by(Account.id)).all()


def test_restore_while_a_desktop_has_the_database_open(sqlite_engine, tmp_path):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    _write_account(sqlite_engine, 1)
    backup = tmp_path / "b.sqlite3"
    assert run(sqlite_engine, "backup", str(backup)) == 0
    _write_account(sqlite_engine, 2)
    _write_account(sqlite_engine, 3)
    desktop = make_engine(url)  # a desktop with the database open and idle
    reader = sqlite3.connect(sqlite_engine.url.database, isolation_level=None)
    try:
        assert _names(desktop) == ["w1", "w2", "w3"]
        reader.execute("BEGIN")  # another one in the middle of a read
        assert reader.execute("SELECT COUNT(*) FROM account").fetchone() == (3,)

        assert run(sqlite_engine, "restore", "--force", str(backup)) == 0

        # The read in progress finishes on what it started with, whole; the next sees the backup.
        assert reader.execute("SELECT COUNT(*) FROM audit_event").fetchone() == (3,)
        reader.execute("COMMIT")
        assert reader.execute("SELECT platform_id FROM account").fetchall() == [("w1",)]
        assert _names(desktop) == ["w1"]
        _write_account(desktop, 4)  # the open desktop goes on working on the restored database
    finally:
        reader.close()
        desktop.dispose()
    fresh = make_engine(url)
    try:
        assert _names(fresh) == ["w1", "w4"]
        with session_scope(fresh, write=False) as s:
            assert verify(s).ok
    finally:
        fresh.dispose()
    assert _rows(Path(sqlite_engine.url.database))["account"][0][1] == "w1"  # integrity ok


def test_restore_waits_for_a_write_in_progress_then_refuses(
    sqlite_engine, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(backup_module, "RESTORE_LOCK_WAIT_S", 0.3)
    _write_account(sqlite_engine, 1)
    backup = tmp_path / "b.sqlite3"
    assert run(sqlite_engine, "backup", str(backup)) == 0
    _write_account(sqlite_engine, 2)
    busy = sqlite3.connect(sqlite_engine.url.database, isolation_level=None)
    try:
        busy.execute("BEGIN IMMEDIATE")
        busy.execute("INSERT INTO setting (key, value, updated_at) VALUES ('x', '1', '2026-01-01')")
        assert run(sqlite_engine, "restore", "--force", str(backup)) == 2
        err = capsys.readouterr().err
        assert sqlite_engine.url.database in err and "nothing was changed" in err
        assert "try again" in err and "正被其他程序写入" in err
    finally:
        busy.execute("COMMIT")
        busy.close()
    assert _names(sqlite_engine) == ["w1", "w2"]  # the other program's write is kept whole
    assert run(sqlite_engine, "restore", "--force", str(backup)) == 0  # once it is done
    assert _names(sqlite_engine) == ["w1"]


def test_a_change_made_while_the_restore_prepares_is_not_lost(
    sqlite_engine, tmp_path, capsys, monkeypatch
):
    _write_account(sqlite_engine, 1)
    backup = tmp_path / "b.sqlite3"
    assert run(sqlite_engine, "backup", str(backup)) == 0  # same state: no --force needed
    copy = backup_module._copy

    def copy_while_a_desktop_writes(source, target):
        copy(source, target)
        _write_account(sqlite_engine, 2)  # lands after the backup was read, before it is written

    monkeypatch.setattr(backup_module, "_copy", copy_while_a_desktop_writes)
    assert run(sqlite_engine, "restore", str(backup)) == 2
    assert "newer database" in capsys.readouterr().err
    assert _names(sqlite_engine) == ["w1", "w2"]


def test_restore_over_an_unreadable_database_says_to_move_it_away(sqlite_engine, tmp_path, capsys):
    _write_account(sqlite_engine, 1)
    backup = tmp_path / "b.sqlite3"
    assert run(sqlite_engine, "backup", str(backup)) == 0
    sqlite_engine.dispose()
    live = Path(sqlite_engine.url.database)
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    live.write_bytes(b"garbage" * 1000)
    assert run(sqlite_engine, "restore", "--force", str(backup)) == 2
    err = capsys.readouterr().err
    assert str(live) in err and "move it away" in err
    live.rename(tmp_path / "broken.sqlite3")
    assert run(sqlite_engine, "restore", str(backup)) == 0
    assert _names(sqlite_engine) == ["w1"]
