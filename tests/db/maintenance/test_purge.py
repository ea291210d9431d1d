"""workbench purge: the 183-day floor, export before removal, audit chain still verifies."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.db.importing.support import run
from tests.db.workflow.helpers import act, later, make_account, make_team, report
from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.measures.appeals import decide_appeal, file_appeal, start_appeal_screening
from workbench.measures.measures import MeasureSpec, dispose_case
from workbench.models import (
    Appeal,
    AuditEvent,
    Case,
    Clock,
    Finding,
    Measure,
    Report,
)
from workbench.records.audit import verify

RECENT = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def _version(engine, cid):
    with session_scope(engine, write=False) as s:
        return s.get(Case, cid).version


def _close(engine, actor, cid, at):
    act(engine, t.mark_replied, actor, cid, expected_version=_version(engine, cid), now=at)
    act(engine, t.close_case, actor, cid, expected_version=_version(engine, cid), now=at)


def _disposed(engine, actor, account, reporter, spec):
    cid = report(engine, account, reporter=reporter).case.id
    act(engine, t.accept_case, actor, cid, expected_version=1, now=later(hours=1))
    act(engine, screening.record_findings, actor, cid, expected_version=2,
        findings=[("impersonate_news_media", "2022/8(4)", "")], now=later(hours=2))  # fmt: skip
    act(engine, dispose_case, actor, cid, expected_version=3, measures=[spec],
        now=later(hours=3))  # fmt: skip
    return cid


def _world(engine):
    """Old: a declined case, a case whose measure an appeal revoked, a case whose measure
    is in force (all closed in March 2026); recent: an open case."""
    team = make_team(engine)
    declined = report(engine, make_account(engine, "甲", platform_id="a1"), reporter="r1").case.id
    act(engine, t.decline_case, team.mod, declined, expected_version=1, reason_code="duplicate",
        now=later(hours=1))  # fmt: skip
    _close(engine, team.mod, declined, later(days=1))
    revoked = _disposed(engine, team.mod, make_account(engine, "乙", platform_id="a2"), "r2",
                        MeasureSpec("warn", "", "冒用媒体名义"))  # fmt: skip
    with session_scope(engine, write=False) as s:
        measure_id = s.execute(select(Measure.id).where(Measure.case_id == revoked)).scalar_one()
    appeal = act(engine, file_appeal, None, measure_id=measure_id, appellant_name="运营者",
                 text="误判", received_at=later(days=1), now=later(days=1))  # fmt: skip
    act(engine, start_appeal_screening, team.appeals, appeal.id, expected_version=1,
        now=later(days=1, hours=1))  # fmt: skip
    act(engine, decide_appeal, team.appeals, appeal.id, expected_version=2, outcome="revoked",
        reason="已授权", now=later(days=2))  # fmt: skip
    _close(engine, team.mod, revoked, later(days=3))
    in_force = _disposed(engine, team.mod, make_account(engine, "丙", platform_id="a3"), "r3",
                         MeasureSpec("warn", "", "仍在生效"))  # fmt: skip
    _close(engine, team.mod, in_force, later(days=3))
    recent = report(engine, make_account(engine, "丁", platform_id="a4"), reporter="r4",
                    at=RECENT).case.id  # fmt: skip
    return declined, revoked, in_force, recent


def _count(engine, model, *where):
    with session_scope(engine, write=False) as s:
        return s.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def test_purge_refuses_dates_younger_than_183_days(engine, tmp_path, capsys):
    _world(engine)
    before = _count(engine, AuditEvent)
    export = tmp_path / "x.jsonl"
    assert run(engine, "purge", "--before", "2026-10-01", "--export", str(export)) == 2
    assert "183" in capsys.readouterr().err
    assert not export.exists() and _count(engine, AuditEvent) == before


def test_purge_exports_then_removes_and_the_chain_still_verifies(engine, tmp_path):
    declined, revoked, in_force, recent = _world(engine)
    old_events = _count(
        engine, AuditEvent, AuditEvent.occurred_at < datetime(2026, 4, 30, 16, tzinfo=UTC)
    )
    assert old_events > 0
    export = tmp_path / "purged.jsonl"
    assert run(engine, "purge", "--before", "2026-05-01", "--export", str(export)) == 0
    lines = [json.loads(x) for x in export.read_text(encoding="utf-8").splitlines()]
    exported = {}
    for line in lines:
        exported.setdefault(line["table"], []).append(line["row"])
    assert sorted(r["id"] for r in exported["cases"]) == sorted([declined, revoked])
    assert {r["case_id"] for r in exported["report"]} == {declined, revoked}
    assert len(exported["appeal"]) == 1 and len(exported["measure"]) == 1
    assert len(exported["audit_event"]) == old_events
    assert all(r["occurred_at"] < "2026-05" for r in exported["audit_event"])
    with session_scope(engine, write=False) as s:
        assert sorted(s.execute(select(Case.id)).scalars()) == sorted([in_force, recent])
        assert s.execute(select(func.count()).select_from(Appeal)).scalar_one() == 0
        assert set(s.execute(select(Report.case_id)).scalars()) == {in_force, recent}
        assert set(s.execute(select(Clock.case_id)).scalars()) <= {in_force, recent}
        assert set(s.execute(select(Finding.case_id)).scalars()) == {in_force}
        remaining = s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
        assert remaining[-1].action == "retention.purge"
        assert remaining[-1].after["removed"]["cases"] == 2
        assert all(e.occurred_at >= datetime(2026, 4, 30, 16, tzinfo=UTC) for e in remaining)
        result = verify(s)
        assert result.ok, result.problem
    assert run(engine, "audit", "verify") == 0


def test_purge_to_xlsx_has_a_sheet_per_table(engine, tmp_path):
    _world(engine)
    export = tmp_path / "purged.xlsx"
    assert run(engine, "purge", "--before", "2026-05-01", "--export", str(export)) == 0
    book = load_workbook(export)
    assert {"cases", "report", "audit_event", "measure", "appeal"} <= set(book.sheetnames)
    header = next(book["cases"].values)
    assert "closed_at" in header and book["cases"].max_row == 3
