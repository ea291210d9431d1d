"""A process killed (SIGKILL) while applying a measure or importing leaves all of it or none.

The child (``crash_child.py``) says when it is at the moment to kill: every
row flushed but not committed, just committed, or half-way through an
import; other runs are killed at a random moment.  Afterwards the audit chain
verifies, the database agrees with itself, and the same work succeeds.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.db.security import crash_child
from tests.db.workflow.helpers import act, audit_ok, later, make_account, make_team, report
from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.importing.run import import_reports_file
from workbench.measures.measures import MeasureSpec, apply_measure
from workbench.models import AuditEvent, AuditPending, Case, Measure, Report
from workbench.records.sealer import seal_all

IMPORT_ROWS = 500


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


class _Child:
    """A forked process running :func:`crash_child.run`."""

    def __init__(self, *args: str):
        ctx = multiprocessing.get_context("fork")
        self.inbox, outbox = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=crash_child.run, args=(outbox, *args), daemon=True)
        self.process.start()

    def wait_for(self, word: str) -> None:
        while self.inbox.poll(60):
            if self.inbox.recv() == word:
                return
        raise AssertionError(f"the child did not say {word} (exit {self.process.exitcode})")

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(30)
        self.inbox.close()


def _count(engine, model, *where) -> int:
    with session_scope(engine, write=False) as s:
        return s.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def _sealed(engine) -> None:
    """Seal what is pending, as `audit verify` does first: nothing stays unsealed."""
    seal_all(engine)
    with session_scope(engine, write=False) as s:
        assert s.execute(select(func.count()).select_from(AuditPending)).scalar_one() == 0


def _screened_case(engine, team, account) -> tuple[int, int]:
    cid = report(engine, account, reporter=f"r{account}").case.id
    act(engine, t.accept_case, team.mod, cid, expected_version=1, now=later(hours=1))
    act(engine, screening.record_findings, team.mod, cid, expected_version=2,
        findings=[("impersonate_news_media", "2022/8(4)", "")], now=later(hours=2))  # fmt: skip
    return cid, 3


def _measure_state(engine, cid) -> tuple[int, str, int, int]:
    # A writer killed between its commit and its seal leaves its events pending on
    # PostgreSQL; the next seal (any commit's, the server's timer) chains them.
    _sealed(engine)
    with session_scope(engine, write=False) as s:
        case = s.get(Case, cid)
        status, version = case.status, case.version
    return (
        _count(engine, Measure, Measure.case_id == cid),
        status,
        version,
        _count(engine, AuditEvent, AuditEvent.case_id == cid),
    )


@pytest.fixture
def world(engine):
    return engine, make_team(engine)


def test_a_measure_killed_before_or_after_commit_is_all_or_nothing(world):
    engine, team = world
    runs = ["measure-before-commit", "measure-after-commit", "measure", "measure"]
    rnd = random.Random(7)
    for n, mode in enumerate(runs):
        account = make_account(engine, name=f"号{n}", platform_id=f"crash-{n}")
        cid, version = _screened_case(engine, team, account)
        before = _measure_state(engine, cid)
        child = _Child(mode, _url(engine), str(cid), str(version), str(team.mod.id))
        child.wait_for("READY" if mode != "measure" else "STARTED")
        if mode == "measure":
            time.sleep(rnd.uniform(0, 0.1))
        child.kill()
        after = _measure_state(engine, cid)
        applied = (2, "disposed", version + 1)
        if mode == "measure-before-commit":
            assert after == before, mode
        elif mode == "measure-after-commit":
            assert after[:3] == applied and after[3] > before[3], mode
        else:
            assert after == before or (after[:3] == applied and after[3] > before[3]), after
        assert audit_ok(engine)
        if after == before:  # nothing was left half-done or locked: the decision goes through
            act(engine, apply_measure, team.mod, cid, expected_version=version,
                measures=[MeasureSpec("warn", "", "提醒")], now=later(hours=3))  # fmt: skip
            assert _measure_state(engine, cid)[1] == "disposed"
    assert audit_ok(engine)


def _report_file(tmp_path: Path, accounts: list[str]) -> Path:
    path = tmp_path / "reports.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(IMPORT_ROWS):
            row = {
                "external_id": f"crash-rep-{i}",
                "channel": "user_report",
                "reporter_id": f"u-{i % 97}",
                "target_account_id": accounts[i % len(accounts)],
                "category": "other" if i % 3 else "misleading_claim",
                "text": "举报" * (i % 5),
                "received_at": f"2026-03-02T{8 + i % 10:02d}:{i % 60:02d}:00+08:00",
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def test_an_import_killed_half_way_stores_nothing_and_can_be_run_again(world, tmp_path):
    engine, _ = world
    accounts = [f"imp-{i}" for i in range(20)]
    for pid in accounts:
        make_account(engine, name=pid, platform_id=pid)
    path = _report_file(tmp_path, accounts)
    events = _count(engine, AuditEvent)
    for mode in ("import-mid", "import"):
        child = _Child(mode, _url(engine), str(path))
        child.wait_for("READY" if mode == "import-mid" else "STARTED")
        if mode == "import":
            time.sleep(random.uniform(0.1, 0.5))
        child.kill()
        reports = _count(engine, Report)
        assert reports in (0, IMPORT_ROWS), reports
        if reports == 0:
            assert _count(engine, Case) == 0 and _count(engine, AuditEvent) == events
        assert audit_ok(engine)
    import_reports_file(engine, path)
    assert _count(engine, Report) == IMPORT_ROWS
    assert audit_ok(engine)
