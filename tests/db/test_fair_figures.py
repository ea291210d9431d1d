"""Fair figures (issue 15, item 9): each stage charged to whoever held it, from when they
took it; the wait before a claim is its own figure, and a breach already past when a
reviewer took the stage is the queue's.  Worked out by hand; the dashboard's read and
``workbench figures`` give the same numbers.  The time limits are those of 2021/16-17
(handling and reply within the limit) and 2022/17 (records of the handling)."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from tests.db.appeals.support import disposed_case
from tests.db.appeals.test_appeals import SUSPEND, _file, _review
from tests.db.timelimits_support import case, person
from tests.db.workflow.helpers import later, make_account, make_team
from workbench.access.auth import actor_of
from workbench.cases.escalation import escalate_case
from workbench.cli import main
from workbench.db import session_scope
from workbench.models import Case, Clock, ClockPause, Reviewer
from workbench.operations import supervision
from workbench.operations.local import LocalClient
from workbench.queues.claims import claim_case, reassign, release_claim
from workbench.reports import figures
from workbench.timelimits import calendar
from workbench.timelimits.clocks import stop_clock

NOW = datetime.fromisoformat("2026-03-06T12:00+08:00")  # Friday; 2-6 March are working days


def t(text: str) -> datetime:
    return datetime.fromisoformat(f"2026-03-{text}+08:00")


def closed_clock(s, owner, who, *, start, due, closed, held=None, breached=False, stage="accept"):
    c = Clock(
        case_id=owner.id,
        stage=stage,
        amount=1,
        unit="working_days",
        started_at=t(start),
        due_at=t(due),
        state="breached" if breached else "met",
        assignee_id=who.id,
        held_since=t(held) if held else None,
    )
    c.breached_at, c.met_at = (t(closed), None) if breached else (None, t(closed))
    s.add(c)
    s.flush()
    return c


@pytest.fixture
def data(engine):
    """Five closed stages of the reports queue (working days count 24 working hours):

    ====  =====  ==============  ==============  ==============  ======  ====  ======
    clock holder started          taken           closed          wait h  held  breach
    ====  =====  ==============  ==============  ==============  ======  ====  ======
    C1    alice  Mon 00:00       Wed 00:00       Wed 06:00       48      6     30 (queue's:
          due Tue 00:00 -- already past due when alice claimed it)
    C2    bob    Mon 00:00       Mon 12:00       Tue 04:00       12      16    4 (bob's)
    C3    alice  Tue 00:00       Tue 02:00       Tue 10:00 met   2       8
    C4    bob    Wed 00:00       Wed 04:00       Wed 14:00 met   2       8     paused
          02:00-06:00: 2 h of it before the claim, 2 h after
    C5    bob    Thu 00:00       (unknown)       Thu 03:00 met   0       3
    ====  =====  ==============  ==============  ==============  ======  ====  ======
    """
    with session_scope(engine) as s:
        calendar.seed_from_chinese_calendar(s, None, years=[2026])
        alice = person(s, "alice", "moderator")
        bob = person(s, "bob", "moderator")
        person(s, "sue", "supervisor")

        def new():
            return case(s, opened=t("01T09:00"))

        closed_clock(s, new(), alice, start="02T00:00", due="03T00:00", held="04T00:00",
                     closed="04T06:00", breached=True)  # fmt: skip
        closed_clock(s, new(), bob, start="02T00:00", due="03T00:00", held="02T12:00",
                     closed="03T04:00", breached=True)  # fmt: skip
        closed_clock(s, new(), alice, start="03T00:00", due="04T00:00", held="03T02:00",
                     closed="03T10:00", stage="screen")  # fmt: skip
        c4 = closed_clock(s, new(), bob, start="04T00:00", due="06T00:00", held="04T04:00",
                          closed="04T14:00", stage="dispose")  # fmt: skip
        s.add(ClockPause(clock_id=c4.id, reason="waiting_reporter",
                         started_at=t("04T02:00"), ended_at=t("04T06:00")))  # fmt: skip
        closed_clock(s, new(), bob, start="05T00:00", due="06T00:00", closed="05T03:00")
    return engine


HAND_WORKED = {
    ("queue", "reports"): {
        "handled": 5,
        "median_working_hours": 8.0,
        "p90_working_hours": 12.8,  # sorted 3, 6, 8, 8, 16: 8 + 0.6 x 8
        "median_wait_hours": 2.0,
        "p90_wait_hours": 33.6,  # sorted 0, 2, 2, 12, 48: 12 + 0.6 x 36
        "breaches": 2,
        "mean_breach_hours": 17.0,
        "max_breach_hours": 30.0,
        "breached_waiting": 1,
        "met_share": 0.6,
    },
    ("reviewer", "alice"): {
        "handled": 2,
        "median_working_hours": 7.0,  # 6 and 8, not 54 and 8
        "p90_working_hours": 7.8,
        "breaches": 0,  # C1 was past due before she took it
        "met_share": 1.0,
        "breached_waiting": 1,
        "max_breach_hours": None,
    },
    ("reviewer", "bob"): {
        "handled": 3,
        "median_working_hours": 8.0,
        "p90_working_hours": 14.4,  # sorted 3, 8, 16: 8 + 0.8 x 8
        "breaches": 1,
        "mean_breach_hours": 4.0,
        "met_share": pytest.approx(2 / 3),
        "breached_waiting": 0,
    },
}


def _as_dict(result: figures.SupervisorFigures) -> dict:
    groups = {("queue", g.group): g for g in result.per_queue}
    groups.update({("reviewer", g.group): g for g in result.per_reviewer})
    return groups


def test_the_dashboard_and_workbench_figures_agree_on_the_hand_worked_numbers(data, tmp_path):
    """2021/16: the dashboard's read (the supervisor_figures operation, last 30 days) and
    ``workbench figures --at`` give the hand-worked figures, each stage charged from its claim."""
    with session_scope(data, write=False) as s:
        actor = actor_of(s, s.exec(select(Reviewer).where(Reviewer.login == "sue")).one())
    client = LocalClient(data, actor=actor, clock=lambda: NOW)
    dashboard = _as_dict(client.call(supervision.supervisor_figures, days=30))
    for key, expected in HAND_WORKED.items():
        for name, value in expected.items():
            want = pytest.approx(value) if isinstance(value, float) else value
            assert getattr(dashboard[key], name) == want, (key, name)

    out = tmp_path / "figures.csv"
    since = (NOW - timedelta(days=30)).isoformat()
    url = data.url.render_as_string(hide_password=False)
    assert main(["--database", url, "figures", "--out", str(out), "--at", NOW.isoformat(),
                 "--since", since]) == 0  # fmt: skip
    with out.open(encoding="utf-8-sig") as fh:
        rows = {(r["scope"], r["group"], r["measure"]): r["value"] for r in csv.DictReader(fh)}
    for (scope, group), expected in HAND_WORKED.items():
        for name in expected:
            shown = getattr(dashboard[(scope, group)], name)
            written = rows[(scope, group, name)]
            assert written == ("" if shown is None else str(figures._round(shown))), name


def test_claiming_an_overdue_case_charges_the_claimer_from_the_claim_2021_16(engine):
    """The case of the issue: a case overdue for days is claimed, released, claimed by another,
    reassigned, and finished; only the last holder's time is theirs, the breach the queue's."""
    with session_scope(engine) as s:
        calendar.seed_from_chinese_calendar(s, None, years=[2026])
        alice = person(s, "alice", "moderator")
        bob = person(s, "bob", "moderator")
        sue = person(s, "sue", "supervisor")
        owner = case(s, opened=t("02T00:00"))
        s.add(Clock(case_id=owner.id, stage="accept", amount=1, unit="working_days",
                    started_at=t("02T00:00"), due_at=t("03T00:00")))  # fmt: skip
        case_id = owner.id
    with session_scope(engine) as s:
        claim_case(s, alice, case_id, now=t("04T08:00"))
    with session_scope(engine) as s:
        release_claim(s, alice, case_id, now=t("04T09:00"))
        (c,) = s.exec(select(Clock)).all()
        assert (c.assignee_id, c.held_since) == (None, None)
    with session_scope(engine) as s:
        claim_case(s, bob, case_id, now=t("04T10:00"))
        claim_case(s, bob, case_id, now=t("04T10:30"))  # still his: keeps 10:00
    with session_scope(engine) as s:
        reassign(s, sue, case_id, alice.id, reason="bob 休假", now=t("04T11:00"))
    with session_scope(engine) as s:
        owner = s.get(Case, case_id)
        stopped = stop_clock(s, stage="accept", at=t("04T12:00"), case=owner)
        assert stopped.state == "breached" and stopped.assignee_id == alice.id
        assert stopped.held_since == t("04T11:00")
    with session_scope(engine, write=False) as s:
        result = _as_dict(figures.supervisor_figures(s, now=NOW, since=t("01T00:00")))
    mine = result[("reviewer", "alice")]
    assert mine.median_working_hours == pytest.approx(1.0)  # 11:00-12:00, not 60 hours
    assert mine.breaches == 0 and mine.breached_waiting == 1 and mine.met_share == 1.0
    queue = result[("queue", "reports")]
    assert queue.median_wait_hours == pytest.approx(59.0)  # Mon 00:00 to Wed 11:00
    assert queue.breaches == 1 and queue.max_breach_hours == pytest.approx(36.0)


def test_an_appeal_reviewer_is_charged_from_taking_the_appeal_up_2021_20(engine):
    """2021/20: the appeal's decision clock is the reviewer's from 开始复核, not from receipt."""
    team = make_team(engine)
    _, (measure,) = disposed_case(engine, team.mod, make_account(engine), SUSPEND)
    appeal = _file(engine, measure.id)
    _review(engine, team.appeals, appeal, "upheld", reason="事实清楚，维持")
    with session_scope(engine, write=False) as s:
        clock = s.exec(select(Clock).where(Clock.appeal_id == appeal.id)).one()
    assert clock.assignee_id == team.appeals.id
    assert clock.held_since == later(days=3)  # start_appeal_screening in _review
    assert clock.started_at < clock.held_since < clock.met_at


def test_an_escalated_case_waits_again_until_someone_takes_it(engine):
    """Escalating releases the claim: the stage is back in a queue, no one's time runs."""
    with session_scope(engine) as s:
        calendar.seed_from_chinese_calendar(s, None, years=[2026])
        alice = person(s, "alice", "moderator")
        owner = case(s, opened=t("02T00:00"))
        s.add(Clock(case_id=owner.id, stage="screen", amount=1, unit="working_days",
                    started_at=t("02T00:00"), due_at=t("03T00:00")))  # fmt: skip
        case_id = owner.id
    with session_scope(engine) as s:
        claimed = claim_case(s, alice, case_id, now=t("02T08:00"))
        assert s.exec(select(Clock)).one().held_since == t("02T08:00")
        escalate_case(s, alice, case_id, expected_version=claimed.version, reason="需主管判断",
                      now=t("02T09:00"))  # fmt: skip
        clock = s.exec(select(Clock)).one()
        assert (clock.assignee_id, clock.held_since) == (None, None)
