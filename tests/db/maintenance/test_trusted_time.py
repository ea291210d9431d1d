"""Audit time is the writer's clock, never a time from input (issue 17, item 2).

The audit log records when each change was written (2022/17, 2017/13) and is
kept, then purged, by that time (2017/16: at least six months).  A report's
``received_at`` comes from the platform or an import file: it dates the
report and its case, is checked for plausibility, and never becomes an event
time.  These tests use the real clock where the finding did (imports, purge).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.db.importing.support import run, write
from tests.db.workflow.helpers import act, make_account, make_team, report
from workbench.archive.retention import RETENTION_DAYS
from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.cases.intake import RECEIVED_AT_MAX_AGE_SETTING, ReportInput
from workbench.cases.intake_batch import receive_report, receive_reports
from workbench.db import session_scope
from workbench.errors import ValidationError
from workbench.measures.appeals import file_appeal
from workbench.measures.measures import MeasureSpec, dispose_case
from workbench.models import SHANGHAI, Account, AuditEvent, Case, Measure, Report, utcnow
from workbench.records import audit
from workbench.settings import put_setting


def _latest_purge_date():
    """The latest date a purge may use today (the 183-day floor, in Beijing)."""
    return (utcnow() - timedelta(days=RETENTION_DAYS + 1)).astimezone(SHANGHAI).date()


def _events(engine) -> list[AuditEvent]:
    with session_scope(engine, write=False) as s:
        rows = s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
        s.expunge_all()
        return rows


def _verifies(engine) -> bool:
    with session_scope(engine, write=False) as s:
        result = audit.verify(s)
    assert result.ok, result.problem
    return True


def _reports(n: int, received_at: datetime, target: str = "acc-1") -> list[dict]:
    return [
        {
            "external_id": f"old-{i}",
            "channel": "user_report",
            "reporter_id": f"u-{i}",
            "target_account_id": target,
            "category": "impersonate_news_media",
            "received_at": (received_at + timedelta(minutes=i)).isoformat(),
        }
        for i in range(n)
    ]


def test_back_dated_import_then_purge_removes_nothing_written_today(engine, tmp_path, capsys):
    """Reports received on the platform long ago are imported today; a purge by the
    latest date 2017/16 allows removes none of today's events, and the chain verifies."""
    with session_scope(engine) as s:
        s.add(Account(platform_id="acc-1", name="新华社官方号"))
    # Well before any date a purge may use (a whole second: the file keeps seconds).
    received = (utcnow() - timedelta(days=400)).replace(microsecond=0)
    path = write(tmp_path / "old.jsonl", _reports(20, received))
    started = utcnow()
    assert run(engine, "import", "reports", str(path)) == 0
    written = _events(engine)
    assert written and all(e.occurred_at >= started - timedelta(seconds=1) for e in written)
    with session_scope(engine, write=False) as s:
        reports = s.execute(select(Report)).scalars().all()
        assert len(reports) == 20
        assert min(r.received_at for r in reports) == received
        case = s.execute(select(Case)).scalars().first()
        assert case.opened_at < started - timedelta(days=300)  # the case keeps the platform's date

    before = _latest_purge_date().isoformat()
    capsys.readouterr()
    assert run(engine, "purge", "--before", before, "--export", str(tmp_path / "p.jsonl")) == 0
    assert "audit_event 0" in capsys.readouterr().out
    kept = _events(engine)
    assert [e.id for e in kept[:-1]] == [e.id for e in written]
    assert kept[-1].action == "retention.purge"
    _verifies(engine)
    assert run(engine, "audit", "verify") == 0
    with session_scope(engine, write=False) as s:
        assert s.execute(select(func.count()).select_from(Report)).scalar_one() == 20


def test_a_purge_never_cuts_the_chain_where_event_times_go_back(engine, tmp_path):
    """A database written before this fix holds events dated from input, so times go back
    and forth along the chain; a purge removes only the chain's oldest part (2017/16) and
    ``audit verify`` still passes."""
    old = datetime(2025, 1, 1, 2, 0, tzinfo=UTC)
    with session_scope(engine) as s:
        for n, at in enumerate([old, old, utcnow(), old, utcnow()]):
            audit.record(s, None, "test.event", "test", n, at=at)
    before = _latest_purge_date().isoformat()
    assert run(engine, "purge", "--before", before, "--export", str(tmp_path / "p.jsonl")) == 0
    kept = _events(engine)
    assert [e.entity_id for e in kept[:-1]] == [2, 3, 4]  # the back-dated event 3 stays
    purge = kept[-1]
    assert purge.after["removed"]["audit_event"] == 2 and purge.after["audit_kept_from_id"] == 3
    _verifies(engine)
    assert run(engine, "audit", "verify") == 0


def test_single_intake_writes_events_at_its_own_time(engine):
    account = make_account(engine)
    received = utcnow() - timedelta(days=30)
    started = utcnow()
    with session_scope(engine) as s:
        result = receive_report(s, None, external_id="r-1", kind="report",
                                channel="user_report", target_account_id=account,
                                category="impersonate_news_media", reporter_external_id="u-1",
                                received_at=received)  # fmt: skip
        case_id = result.case.id
    events = _events(engine)
    assert [e.action for e in events] == ["case.open", "report.receive"]
    assert all(e.occurred_at >= started for e in events)
    with session_scope(engine, write=False) as s:
        assert s.get(Case, case_id).opened_at == received
        assert s.execute(select(Report.received_at)).scalar_one() == received


@pytest.mark.parametrize(
    ("received_at", "words"),
    [
        ("2099-01-01T10:00:00+08:00", "in the future"),
        ("2016-01-01T10:00:00+08:00", RECEIVED_AT_MAX_AGE_SETTING),
    ],
)
def test_an_implausible_received_at_is_refused_naming_field_and_line(
    engine, tmp_path, capsys, received_at, words
):
    with session_scope(engine) as s:
        s.add(Account(platform_id="acc-1", name="新华社官方号"))
    rows = _reports(2, utcnow() - timedelta(days=1))
    rows.append(dict(rows[0], external_id="bad-1", received_at=received_at))
    path = write(tmp_path / "reports.csv", rows)
    events = len(_events(engine))
    capsys.readouterr()
    assert run(engine, "import", "reports", str(path)) == 2
    err = capsys.readouterr().err
    line = [x for x in err.splitlines() if x.startswith("第 4 行")]  # header, two good rows
    assert line and "received_at" in line[0] and words in line[0], err
    assert len(_events(engine)) == events
    with session_scope(engine, write=False) as s:
        assert s.execute(select(func.count()).select_from(Report)).scalar_one() == 0


def test_the_services_refuse_an_implausible_received_at_and_write_nothing(engine):
    account = make_account(engine)
    future = utcnow() + timedelta(minutes=6)
    with session_scope(engine) as s:
        with pytest.raises(ValidationError) as refused:
            receive_report(s, None, external_id="f-1", kind="report", channel="user_report",
                           target_account_id=account, category="other", received_at=future)  # fmt: skip
        assert "received_at" in refused.value.en and "f-1" in refused.value.en
        assert "收到时间" in refused.value.zh
        item = ReportInput("f-2", "report", "user_report", account, "other", future)
        with pytest.raises(ValidationError, match="received_at"):
            receive_reports(s, None, [item])
    assert _events(engine) == []
    # Within the skew a platform clock slightly ahead is accepted.
    with session_scope(engine) as s:
        receive_report(s, None, external_id="f-3", kind="report", channel="user_report",
                       target_account_id=account, category="other",
                       received_at=utcnow() + timedelta(minutes=4))  # fmt: skip


def test_how_far_back_is_a_setting(engine):
    account = make_account(engine)
    long_ago = utcnow() - timedelta(days=5 * 365)
    with (
        session_scope(engine) as s,
        pytest.raises(ValidationError, match=RECEIVED_AT_MAX_AGE_SETTING),
    ):
        receive_report(s, None, external_id="o-1", kind="report", channel="user_report",
                       target_account_id=account, category="other", received_at=long_ago)  # fmt: skip
    with session_scope(engine) as s:
        put_setting(s, None, RECEIVED_AT_MAX_AGE_SETTING, 6 * 365)
    with session_scope(engine) as s:
        result = receive_report(s, None, external_id="o-1", kind="report",
                                channel="user_report", target_account_id=account,
                                category="other", received_at=long_ago)  # fmt: skip
        assert result.report.received_at == long_ago


def test_an_appeal_dated_in_the_future_is_refused(engine):
    """An appeal (2022/19, 2021/20) arrives dated by the platform; the date is checked
    and the appeal's events are written at the writer's clock."""
    team = make_team(engine)
    account = make_account(engine)
    start = utcnow() - timedelta(days=2)
    cid = report(engine, account, at=start).case.id
    act(engine, t.accept_case, team.mod, cid, expected_version=1, now=start)
    act(engine, screening.record_findings, team.mod, cid, expected_version=2,
        findings=[("impersonate_news_media", "2022/8(4)", "")], now=start)  # fmt: skip
    act(engine, dispose_case, team.mod, cid, expected_version=3,
        measures=[MeasureSpec("warn", "", "冒用媒体名义")], now=start)  # fmt: skip
    with session_scope(engine, write=False) as s:
        measure_id = s.execute(select(Measure.id)).scalar_one()
    with session_scope(engine) as s, pytest.raises(ValidationError, match="received_at"):
        file_appeal(s, None, measure_id=measure_id, appellant_name="运营者", text="误判",
                    received_at=utcnow() + timedelta(days=1))  # fmt: skip
    started = utcnow()
    received = utcnow() - timedelta(days=1)
    appeal = act(engine, file_appeal, None, measure_id=measure_id, appellant_name="运营者",
                 text="误判", received_at=received)  # fmt: skip
    assert appeal.received_at == received
    filed = [e for e in _events(engine) if e.action in ("appeal.file", "reply.queue")]
    assert filed and all(e.occurred_at >= started for e in filed)
    _verifies(engine)
