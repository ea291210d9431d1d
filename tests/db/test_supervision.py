"""The dashboard's reads: weekly met/breached counts by Beijing week, severe measures
awaiting approval, reviewers a case can go to."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.models import Clock
from workbench.reports.supervision import assignable_reviewers, breach_trend, pending_approvals

NOW = datetime.fromisoformat("2026-03-11T12:00+08:00")  # a Wednesday


def _clock(s, case, state, at):
    s.add(
        Clock(
            case_id=case.id,
            stage="accept",
            amount=1,
            unit="working_days",
            started_at=at - timedelta(days=2),
            due_at=at - timedelta(hours=1),
            state=state,
            met_at=at if state == "met" else None,
            breached_at=at if state == "breached" else None,
        )
    )


def test_breach_trend_counts_by_beijing_week(engine):
    with session_scope(engine) as s:
        c = f.case(s)
        # Monday 00:30 Beijing is still Sunday in UTC: it counts for the new week.
        _clock(s, c, "breached", datetime.fromisoformat("2026-03-09T00:30+08:00"))
        _clock(s, c, "met", datetime.fromisoformat("2026-03-08T23:30+08:00"))
        _clock(s, c, "met", datetime.fromisoformat("2026-03-10T10:00+08:00"))
        _clock(s, c, "breached", datetime.fromisoformat("2025-12-01T10:00+08:00"))  # too old
        _clock(s, c, "running", datetime.fromisoformat("2026-03-10T10:00+08:00"))
        s.flush()
        trend = breach_trend(s, now=NOW, weeks=3)
    assert [(w.week, w.met, w.breached) for w in trend] == [
        (date(2026, 2, 23), 0, 0),
        (date(2026, 3, 2), 1, 0),
        (date(2026, 3, 9), 1, 1),
    ]


def test_pending_approvals_and_assignable_reviewers(engine):
    with session_scope(engine) as s:
        mod = f.reviewer(s, "mod", display_name="李审核")
        f.reviewer(s, "boss", ("supervisor",), display_name="王主管")
        f.reviewer(s, "app", ("appeal_reviewer",), display_name="陈复核")
        gone = f.reviewer(s, "gone", display_name="离职者")
        gone.active = False
        c = f.case(s)
        f.measure(s, c, decided_by=mod, code="close", status="pending_approval")
        f.measure(s, c, decided_by=mod, code="warn", status="in_effect")
        s.flush()
        waiting = pending_approvals(s)
        people = [name for _id, name in assignable_reviewers(s)]
    assert [(p.code, p.decided_by) for p in waiting] == [("close", "李审核")]
    assert people == sorted(["李审核", "王主管"])
