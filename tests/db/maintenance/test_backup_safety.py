"""Backup and restore (issue 17): the newer-database check follows the audit chain, not
event times, and the temporary copies, which hold personal data unmasked (2022/16),
are owner-only and never outlive the command: not on a full disk, Ctrl+C or SIGTERM;
a copy left by a process killed outright is removed by the next run."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.db.importing.support import run, write
from workbench.db import make_engine, session_scope
from workbench.models import Account, AuditEvent, Report, utcnow
from workbench.records import audit
from workbench.records import backup as backup_module


def _count(engine, model) -> int:
    with session_scope(engine, write=False) as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def _import(engine, folder: Path, n: int, *, first: int = 0, days_ago: int = 400) -> None:
    received = utcnow() - timedelta(days=days_ago)
    rows = [
        {
            "external_id": f"r-{i}",
            "channel": "user_report",
            "reporter_id": f"u-{i}",
            "reporter_contact": f"1381234{i:04d}",
            "target_account_id": "acc-1",
            "category": "impersonate_news_media",
            "received_at": (received + timedelta(minutes=i)).isoformat(),
        }
        for i in range(first, first + n)
    ]
    path = write(folder / f"reports-{first}.jsonl", rows)
    assert run(engine, "import", "reports", str(path)) == 0


@pytest.fixture
def live(sqlite_engine):
    with session_scope(sqlite_engine) as s:
        s.add(Account(platform_id="acc-1", name="新华社官方号"))
    return sqlite_engine


def _leftovers(*folders: Path) -> list[str]:
    return sorted(
        p.name
        for f in folders
        for p in f.iterdir()
        if p.name.startswith(backup_module.TEMP_PREFIXES)
    )


def test_an_older_backup_does_not_replace_a_newer_back_dated_import(live, tmp_path, capsys):
    """The finding: reports received long ago, imported after the backup, carry old
    dates; the check follows the chain, so the newer database is kept without --force."""
    _import(live, tmp_path, 1, days_ago=1)
    backup = tmp_path / "b.sqlite3"
    assert run(live, "backup", str(backup)) == 0
    _import(live, tmp_path, 50, first=1, days_ago=400)  # received before the backup's events
    events = _count(live, AuditEvent)
    capsys.readouterr()
    assert run(live, "restore", str(backup)) == 2
    err = capsys.readouterr().err
    assert "newer database" in err and "audit events the backup lacks" in err
    assert _count(live, Report) == 51 and _count(live, AuditEvent) == events
    assert run(live, "restore", "--force", str(backup)) == 0
    assert _count(live, Report) == 1
    with session_scope(live, write=False) as s:
        assert audit.verify(s).ok


def test_diverged_histories_are_refused_and_a_continuing_backup_is_not(live, tmp_path, capsys):
    _import(live, tmp_path, 1, days_ago=1)
    older = tmp_path / "older.sqlite3"
    assert run(live, "backup", str(older)) == 0
    _import(live, tmp_path, 2, first=1, days_ago=1)
    newer = tmp_path / "newer.sqlite3"
    assert run(live, "backup", str(newer)) == 0
    assert run(live, "restore", "--force", str(older)) == 0
    # The database is now a prefix of the newer backup: restoring it needs no --force.
    assert run(live, "restore", str(newer)) == 0
    assert _count(live, Report) == 3
    # Back to the older state, then written to: the histories part ways.
    assert run(live, "restore", "--force", str(older)) == 0
    _import(live, tmp_path, 1, first=10, days_ago=1)
    capsys.readouterr()
    assert run(live, "restore", str(newer)) == 2
    assert "diverge" in capsys.readouterr().err
    assert _count(live, Report) == 2


def _spy_modes(monkeypatch, folder: Path, prefix: str) -> list[dict[str, int]]:
    """Record the modes of the temporary files while the copy is being written."""
    seen: list[dict[str, int]] = []
    real_connect = sqlite3.connect

    class Spy(sqlite3.Connection):
        def backup(self, target, *, pages=-1, progress=None, **kw):
            def step(status, remaining, total):
                seen.append(
                    {
                        p.name: stat.S_IMODE(p.stat().st_mode)
                        for p in folder.iterdir()
                        if p.name.startswith(prefix)
                    }
                )
                if progress is not None:
                    progress(status, remaining, total)

            super().backup(target, pages=1, progress=step, **kw)

    def connect(*args, **kwargs):
        kwargs.setdefault("factory", Spy)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(backup_module.sqlite3, "connect", connect)
    return seen


def test_temporary_copies_are_owner_only_and_removed(live, tmp_path, monkeypatch):
    _import(live, tmp_path, 30, days_ago=1)
    out = tmp_path / "out"
    out.mkdir()
    seen = _spy_modes(monkeypatch, out, ".backup-")
    assert run(live, "backup", str(out / "b.sqlite3")) == 0
    files = {name for step in seen for name in step}
    assert any(name.endswith(".sqlite3-journal") for name in files), files  # the journal too
    assert all(mode == 0o600 for step in seen for mode in step.values()), seen
    assert stat.S_IMODE((out / "b.sqlite3").stat().st_mode) == 0o600
    assert _leftovers(out) == []

    folder = Path(live.url.database).parent
    seen = _spy_modes(monkeypatch, folder, ".restore-")
    assert run(live, "restore", str(out / "b.sqlite3")) == 0
    assert seen and all(mode == 0o600 for step in seen for mode in step.values()), seen
    assert _leftovers(folder, out) == []


def _full_after(pages: int, prefix: str):
    """``sqlite3.connect`` for which a temporary copy's disk is full after ``pages`` pages."""
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        conn = real_connect(database, *args, **kwargs)
        if Path(str(database)).name.startswith(prefix):
            conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL beyond it
        return conn

    return connect


def test_a_full_disk_during_backup_says_so_and_leaves_nothing(live, tmp_path, capsys, monkeypatch):
    _import(live, tmp_path, 30, days_ago=1)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(backup_module.sqlite3, "connect", _full_after(3, ".backup-"))
    capsys.readouterr()
    assert run(live, "backup", str(out / "b.sqlite3")) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "the disk is full" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_a_failing_write_with_enospc_says_so_and_leaves_nothing(
    live, tmp_path, capsys, monkeypatch
):
    _import(live, tmp_path, 3, days_ago=1)
    out = tmp_path / "out"
    out.mkdir()

    def no_space(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backup_module.os, "replace", no_space)
    assert run(live, "backup", str(out / "b.sqlite3")) == 2
    assert "the disk is full" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_a_full_disk_during_restore_changes_nothing(live, tmp_path, capsys, monkeypatch):
    _import(live, tmp_path, 30, days_ago=1)
    backup = tmp_path / "b.sqlite3"
    assert run(live, "backup", str(backup)) == 0
    _import(live, tmp_path, 1, first=100, days_ago=1)
    monkeypatch.setattr(backup_module.sqlite3, "connect", _full_after(3, ".restore-"))
    capsys.readouterr()
    assert run(live, "restore", "--force", str(backup)) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "the disk is full" in err and "Traceback" not in err
    assert _count(live, Report) == 31
    assert _leftovers(Path(live.url.database).parent) == []


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from workbench.records import backup
    from workbench.cli import main

    url, command, file, marker = sys.argv[1:5]
    real = backup._check

    def slow(conn, what):  # the copy is written; wait to be stopped
        real(conn, what)
        Path(marker).write_text("copying")
        time.sleep(60)

    backup._check = slow
    sys.exit(main(["--database", url, *command.split(), file]))
    """
)


def _start(live, tmp_path: Path, command: str, file: Path) -> tuple[subprocess.Popen, Path]:
    marker = tmp_path / f"marker-{time.monotonic_ns()}"
    url = live.url.render_as_string(hide_password=False)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, command, str(file), str(marker)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "the child never started copying"
        time.sleep(0.05)
    return child, marker


@pytest.mark.parametrize(
    ("command", "sig", "code"),
    [("backup", signal.SIGTERM, 128 + signal.SIGTERM), ("backup", signal.SIGINT, 130),
     ("restore --force", signal.SIGTERM, 128 + signal.SIGTERM)],
)  # fmt: skip
def test_a_stopped_backup_or_restore_leaves_no_copy(live, tmp_path, command, sig, code):
    _import(live, tmp_path, 5, days_ago=1)
    out = tmp_path / "out"
    out.mkdir()
    folder = Path(live.url.database).parent
    file = out / "b.sqlite3"
    if command.startswith("restore"):
        assert run(live, "backup", str(file)) == 0
    child, _marker = _start(live, tmp_path, command, file)
    assert _leftovers(out, folder), "the copy exists while it is written"
    child.send_signal(sig)
    _out, err = child.communicate(timeout=60)
    assert child.returncode == code, err
    assert "Traceback" not in err
    assert _leftovers(out, folder) == []
    if command == "backup":
        assert not file.exists()
    live.dispose()
    with session_scope(live, write=False) as s:
        assert audit.verify(s).ok and s.execute(select(func.count(Report.id))).scalar_one() == 5


def test_a_copy_left_by_a_killed_backup_is_owner_only_and_removed_by_the_next(live, tmp_path):
    """SIGKILL cannot be caught: the copy it leaves is readable by its owner only, and the
    next backup into that folder removes it (its process is gone)."""
    _import(live, tmp_path, 5, days_ago=1)
    out = tmp_path / "out"
    out.mkdir()
    child, _marker = _start(live, tmp_path, "backup", out / "b.sqlite3")
    child.kill()
    child.communicate(timeout=60)
    left = [p for p in out.iterdir() if p.name.startswith(".backup-")]
    assert left and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in left)
    assert run(live, "backup", str(out / "again.sqlite3")) == 0
    assert _leftovers(out) == []
    assert sorted(p.name for p in out.iterdir()) == ["again.sqlite3"]


def test_a_running_backups_copy_is_not_taken_for_a_leftover(tmp_path):
    mine = tmp_path / f".backup-{os.getpid()}-abc.sqlite3"
    gone = tmp_path / ".backup-999999999-abc.sqlite3"
    old_style = tmp_path / ".backup-k2j_x9a.sqlite3"
    for p in (mine, gone, old_style):
        p.write_bytes(b"")
    backup_module._remove_stale(tmp_path, ".backup-")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, old_style.name])
    long_ago = time.time() - 2 * backup_module.UNOWNED_TEMP_AGE_S
    os.utime(old_style, (long_ago, long_ago))
    backup_module._remove_stale(tmp_path, ".backup-")
    assert [p.name for p in tmp_path.iterdir()] == [mine.name]


def test_postgresql_restore_is_still_pg_restore(pg_engine, tmp_path, capsys):
    assert run(pg_engine, "restore", str(tmp_path / "b.sqlite3")) == 2
    assert "pg_restore" in capsys.readouterr().err


def test_make_engine_of_a_restored_file_reads_it(live, tmp_path):
    _import(live, tmp_path, 2, days_ago=1)
    backup = tmp_path / "b.sqlite3"
    assert run(live, "backup", str(backup)) == 0
    other = make_engine(f"sqlite:///{backup}")
    try:
        assert _count(other, Report) == 2
    finally:
        other.dispose()
