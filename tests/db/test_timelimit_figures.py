"""Supervisor figures checked against a small data set worked out by hand."""

from __future__ import annotations

import csv
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.db.timelimits_support import case, person
from workbench.db import session_scope
from workbench.models import Clock, ClockPause
from workbench.reports import figures
from workbench.timelimits import calendar

NOW = datetime.fromisoformat("2026-03-04T10:00+08:00")  # Wednesday


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def clock(
    s,
    owner,
    *,
    stage,
    start,
    due,
    state="running",
    amount=1,
    unit="working_days",
    closed=None,
    assignee=None,
):
    c = Clock(
        case_id=owner.id,
        stage=stage,
        amount=amount,
        unit=unit,
        started_at=t(start),
        due_at=t(due),
        state=state,
        assignee_id=assignee.id if assignee else None,
    )
    if state == "met":
        c.met_at = t(closed)
    elif state == "breached":
        c.breached_at = t(closed)
    elif state == "paused":
        c.paused_since = NOW
    s.add(c)
    s.flush()
    return c


@pytest.fixture
def data(engine):
    with session_scope(engine) as s:
        calendar.seed_from_chinese_calendar(s, None, years=[2026])
        alice = person(s, "alice", "moderator")
        bob = person(s, "bob", "moderator")

        def new_case(queue="reports"):
            return case(s, opened=t("2026-02-20T09:00+08:00"), queue=queue)

        # Open clocks at NOW (Wednesday 4 March, 10:00):
        # O1 due 24:00 today; 14 working hours of its one day left -> due today, at risk.
        clock(
            s,
            new_case(),
            stage="accept",
            start="2026-03-03T09:00+08:00",
            due="2026-03-05T00:00+08:00",
        )
        # O2 a 10-hour clock due 18:00 today; 2 of 10 hours used -> due today, not at risk.
        clock(
            s,
            new_case(),
            stage="reply",
            start="2026-03-04T08:00+08:00",
            due="2026-03-04T18:00+08:00",
            amount=10,
            unit="hours",
        )
        # O3 due 24:00 Thursday -> tomorrow; 38 of 72 working hours left (47% used).
        clock(
            s,
            new_case(),
            stage="dispose",
            start="2026-03-02T10:00+08:00",
            due="2026-03-06T00:00+08:00",
            amount=3,
        )
        # O4 paused, due 24:00 Sunday -> this week, never at risk while paused.
        clock(
            s,
            new_case(),
            stage="dispose",
            start="2026-03-02T10:00+08:00",
            due="2026-03-09T00:00+08:00",
            state="paused",
            amount=3,
        )
        # O5 due 24:00 Monday 9 March -> next week; 86 of 120 working hours left.
        clock(
            s,
            new_case(),
            stage="dispose",
            start="2026-03-02T10:00+08:00",
            due="2026-03-10T00:00+08:00",
            amount=5,
        )
        # O6 due 09:00 today, still open -> breached.
        clock(
            s,
            new_case(),
            stage="reply",
            start="2026-03-04T08:00+08:00",
            due="2026-03-04T09:00+08:00",
            amount=1,
            unit="hours",
        )

        # Closed clocks.  Queue "reports":
        a, b = new_case(), new_case()
        # C1 alice, case A: Monday 10:00-16:00 = 6 working hours, met.
        clock(
            s,
            a,
            stage="accept",
            start="2026-03-02T10:00+08:00",
            due="2026-03-04T00:00+08:00",
            state="met",
            closed="2026-03-02T16:00+08:00",
            assignee=alice,
        )
        # C2 alice, case A: Monday 16:00 - Tuesday 16:00 = 24 working hours, met.
        clock(
            s,
            a,
            stage="screen",
            start="2026-03-02T16:00+08:00",
            due="2026-03-05T00:00+08:00",
            state="met",
            closed="2026-03-03T16:00+08:00",
            assignee=alice,
            amount=2,
        )
        # C3 bob, case B: Friday 27 Feb 12:00 - Tuesday 3 March 12:00:
        #    Fri 12 h + Sat 28 Feb (make-up working day) 24 h + Sun 0 + Mon 24 h + Tue 12 h
        #    = 72 h, less a 12-hour pause on Monday = 60 working hours.
        #    Due Tuesday 00:00, closed 12:00 -> breached by 12 hours.
        c3 = clock(
            s,
            b,
            stage="dispose",
            start="2026-02-27T12:00+08:00",
            due="2026-03-03T00:00+08:00",
            state="breached",
            closed="2026-03-03T12:00+08:00",
            assignee=bob,
            amount=3,
        )
        s.add(
            ClockPause(
                clock_id=c3.id,
                reason="waiting_reporter",
                started_at=t("2026-03-02T00:00+08:00"),
                ended_at=t("2026-03-02T12:00+08:00"),
            )
        )
        # Queue "complaints":
        # C4 bob, case C: Monday 09:00-11:00 = 2 working hours, met.
        clock(
            s,
            new_case("complaints"),
            stage="accept",
            start="2026-03-02T09:00+08:00",
            due="2026-03-04T00:00+08:00",
            state="met",
            closed="2026-03-02T11:00+08:00",
            assignee=bob,
        )
        # C5 unassigned, case D: a 6-hour clock, Tuesday 08:00-20:00 = 12 working hours,
        #    due 14:00 -> breached by 6 hours.
        clock(
            s,
            new_case("complaints"),
            stage="accept",
            start="2026-03-03T08:00+08:00",
            due="2026-03-03T14:00+08:00",
            state="breached",
            closed="2026-03-03T20:00+08:00",
            amount=6,
            unit="hours",
        )
        # C0 alice, closed in February: outside the period asked for.
        clock(
            s,
            new_case(),
            stage="accept",
            start="2026-02-20T09:00+08:00",
            due="2026-02-24T00:00+08:00",
            state="met",
            closed="2026-02-20T10:00+08:00",
            assignee=alice,
        )
    return engine


def compute(engine):
    with session_scope(engine, write=False) as s:
        return figures.supervisor_figures(s, now=NOW, since=t("2026-03-01T00:00+08:00"))


def test_due_summary(data):
    due = compute(data).due
    assert due.due_today == 2  # O1 (24:00 today counts as today), O2
    assert due.due_tomorrow == 1  # O3
    assert due.due_this_week == 4  # O1, O2, O3, O4 (O5 is next Monday)
    assert due.at_risk == 1  # O1
    assert due.breached == 1  # O6
    assert (due.open_clocks, due.paused) == (6, 1)


def test_per_queue(data):
    by_queue = {g.group: g for g in compute(data).per_queue}
    assert sorted(by_queue) == ["complaints", "reports"]
    complaints = by_queue["complaints"]
    # C4 2 h, C5 12 h: median (2 + 12) / 2 = 7; p90 at rank 0.9 -> 2 + 0.9 * 10 = 11.
    assert complaints.handled == 2 and complaints.closed_clocks == 2
    assert complaints.median_working_hours == pytest.approx(7)
    assert complaints.p90_working_hours == pytest.approx(11)
    assert complaints.met_share == pytest.approx(0.5)
    assert (complaints.breaches, complaints.mean_breach_hours, complaints.max_breach_hours) == (
        1,
        pytest.approx(6),
        pytest.approx(6),
    )
    reports = by_queue["reports"]
    # C1 6 h, C2 24 h, C3 60 h (cases A and B; C0 is outside the period).
    # median 24; p90 at rank 0.9 * 2 = 1.8 -> 24 + 0.8 * (60 - 24) = 52.8.
    assert (reports.handled, reports.closed_clocks) == (2, 3)
    assert reports.median_working_hours == pytest.approx(24)
    assert reports.p90_working_hours == pytest.approx(52.8)
    assert reports.met_share == pytest.approx(2 / 3)
    assert (reports.breaches, reports.max_breach_hours) == (1, pytest.approx(12))


def test_per_reviewer(data):
    rows = compute(data).per_reviewer
    assert [g.group for g in rows] == ["alice", "bob", "(未分配 / unassigned)"]
    # Their display names beside the logins, for the dashboard (issue 18); nobody has none.
    assert [g.name for g in rows] == ["Alice", "Bob", None]
    alice, bob, nobody = rows
    # alice: C1 6 h, C2 24 h, one case: median 15; p90 6 + 0.9 * 18 = 22.2; all met.
    assert (alice.handled, alice.closed_clocks) == (1, 2)
    assert alice.median_working_hours == pytest.approx(15)
    assert alice.p90_working_hours == pytest.approx(22.2)
    assert alice.met_share == 1 and alice.breaches == 0 and alice.mean_breach_hours is None
    # bob: C4 2 h, C3 60 h: median 31; p90 2 + 0.9 * 58 = 54.2; half met; 12 h late once.
    assert bob.handled == 2
    assert bob.median_working_hours == pytest.approx(31)
    assert bob.p90_working_hours == pytest.approx(54.2)
    assert bob.met_share == pytest.approx(0.5)
    assert (bob.breaches, bob.mean_breach_hours) == (1, pytest.approx(12))
    # unassigned: C5 12 h, late 6 h.
    assert nobody.median_working_hours == pytest.approx(12) == nobody.p90_working_hours
    assert nobody.met_share == 0 and nobody.max_breach_hours == pytest.approx(6)


def test_without_a_period_everything_closed_counts(data):
    with session_scope(data, write=False) as s:
        result = figures.supervisor_figures(s, now=NOW)
    reports = {g.group: g for g in result.per_queue}["reports"]
    assert reports.closed_clocks == 4  # C0 included


def test_export_csv_and_xlsx(data, tmp_path):
    result = compute(data)
    figures.export(result, tmp_path / "f.csv")
    with (tmp_path / "f.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    lookup = {(r["scope"], r["group"], r["measure"]): r["value"] for r in rows}
    assert lookup[("summary", "", "due_today")] == "2"
    assert lookup[("queue", "reports", "p90_working_hours")] == "52.8"
    assert lookup[("reviewer", "alice", "mean_breach_hours")] == ""
    names = {(r["scope"], r["group"]): r["name"] for r in rows}
    assert names[("reviewer", "alice")] == "Alice" and names[("queue", "reports")] == ""
    figures.export(result, tmp_path / "f.xlsx")
    book = load_workbook(tmp_path / "f.xlsx")
    assert book.sheetnames == ["概况 Summary", "按队列 Queues", "按审核员 Reviewers"]
    queues = list(book["按队列 Queues"].iter_rows(values_only=True))
    assert queues[0][0] == "分组 / group"
    assert [r[0] for r in queues[1:]] == ["投诉", "举报"]  # queues by name (issue 18)
    assert queues[2][4] == pytest.approx(52.8)
    people = [r[0] for r in book["按审核员 Reviewers"].iter_rows(min_row=2, values_only=True)]
    assert people == ["Alice（alice）", "Bob（bob）", "(未分配 / unassigned)"]
    with pytest.raises(ValueError):
        figures.export(result, tmp_path / "f.pdf")
