"""Clocks on cases and appeals: start, stop, pauses, extensions, policy changes, warnings."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from tests.db.audit_support import sealed
from tests.db.timelimits_support import case, person
from workbench.db import session_scope
from workbench.errors import InvalidTransition, PermissionDenied
from workbench.models import AuditEvent, Case, Clock, ClockPause
from workbench.timelimits import alerts, calendar, clocks, policies, retime


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def world(engine):
    """A database with 2025-2026 seeded, default policies and three people."""
    with session_scope(engine) as s:
        calendar.seed_from_chinese_calendar(s, None, years=[2025, 2026])
        policies.seed_default_policies(s, None)
        people = {
            "admin": person(s, "admin", "administrator"),
            "boss": person(s, "boss", "supervisor"),
            "mod": person(s, "mod", "moderator"),
        }
    return engine, people


def actions(s) -> list[str]:
    sealed(s)
    return list(s.exec(select(AuditEvent.action).order_by(AuditEvent.id)).all())


def test_start_uses_policy_and_calendar_and_sets_case_due(world):
    engine, _ = world
    with session_scope(engine) as s:
        c = case(s, opened=t("2026-02-13T18:00+08:00"))
        clock = clocks.start_clock(s, stage="accept", at=c.opened_at, case=c)
        # Default accept limit: 1 working day; Saturday 14 Feb is a make-up day.
        assert clock.due_at == t("2026-02-15T00:00+08:00")
        assert (clock.amount, clock.unit, clock.provisional) == (1, "working_days", False)
        assert clock.policy_id is not None and clock.policy_version == 1
        assert clock.calendar_version == calendar.calendar_version(s) == 1
        assert (c.due_at, c.clock_state) == (clock.due_at, "running")
        # Starting again returns the same open clock.
        assert clocks.start_clock(s, stage="accept", at=c.opened_at, case=c).id == clock.id


def test_most_specific_policy_wins(world):
    engine, people = world
    with session_scope(engine) as s:
        policies.set_policy(s, people["admin"], stage="accept", amount=4, unit="hours", grade="key")
        policies.set_policy(
            s,
            people["admin"],
            stage="accept",
            amount=2,
            unit="hours",
            queue="complaints",
            grade="key",
        )
        start = t("2026-03-02T10:00+08:00")
        general = clocks.start_clock(s, stage="accept", at=start, case=case(s, opened=start))
        key = clocks.start_clock(
            s, stage="accept", at=start, case=case(s, opened=start, grade="key")
        )
        complaint = clocks.start_clock(
            s, stage="accept", at=start, case=case(s, opened=start, queue="complaints", grade="key")
        )
        assert general.due_at == t("2026-03-04T00:00+08:00")
        assert key.due_at == start + timedelta(hours=4)
        assert complaint.due_at == start + timedelta(hours=2)


def test_stop_met_or_breached_and_case_follows(world):
    engine, _ = world
    with session_scope(engine) as s:
        c = case(s, opened=t("2026-03-02T10:00+08:00"))
        clocks.start_clock(s, stage="accept", at=c.opened_at, case=c)
        met = clocks.stop_clock(s, stage="accept", at=t("2026-03-03T23:59:59+08:00"), case=c)
        assert (met.state, met.met_at) == ("met", t("2026-03-03T23:59:59+08:00"))
        assert (c.due_at, c.clock_state) == (None, "met")
        clocks.start_clock(s, stage="screen", at=met.met_at, case=c)
        late = clocks.stop_clock(s, stage="screen", at=t("2026-03-06T00:00:01+08:00"), case=c)
        # Screen: 2 working days from 3 March -> 4, 5 March -> due 6 March 00:00.
        assert late.due_at == t("2026-03-06T00:00+08:00")
        assert late.state == "breached" and late.breached_at == t("2026-03-06T00:00:01+08:00")
        assert clocks.stop_clock(s, stage="screen", at=late.breached_at, case=c) is None


def test_pause_and_resume_push_the_due_time_and_are_audited(world):
    engine, people = world
    with session_scope(engine) as s:
        start = t("2026-03-02T10:00+08:00")  # Monday
        c = case(s, opened=start)
        clock = clocks.start_clock(s, stage="dispose", at=start, case=c)
        assert clock.due_at == t("2026-03-06T00:00+08:00")  # 3, 4, 5 March
        with pytest.raises(PermissionDenied):
            clocks.pause_clocks(s, None, case=c, reason="waiting_reporter", at=start)
        clocks.pause_clocks(
            s, people["mod"], case=c, reason="waiting_reporter", at=t("2026-03-03T12:00+08:00")
        )
        assert (clock.state, c.clock_state) == ("paused", "paused")
        with pytest.raises(InvalidTransition):
            clocks.pause_clocks(
                s, people["mod"], case=c, reason="waiting_reporter", at=t("2026-03-03T13:00+08:00")
            )
        # Paused a whole working day (12:00 Tue - 12:00 Wed): due one working day later.
        clocks.resume_clocks(s, people["mod"], case=c, at=t("2026-03-04T12:00+08:00"))
        assert clock.state == "running"
        assert clock.paused_seconds == 86_400
        assert clock.due_at == t("2026-03-07T00:00+08:00")
        assert c.due_at == clock.due_at
        # Paused from Friday 12:00 over the weekend until Monday 00:00: only Friday's
        # twelve working hours count, so the due time moves to Monday 12:00.
        clocks.pause_clocks(
            s,
            people["mod"],
            case=c,
            reason="waiting_account_holder",
            at=t("2026-03-06T12:00+08:00"),
        )
        clocks.resume_clocks(s, people["mod"], case=c, at=t("2026-03-09T00:00+08:00"))
        assert clock.due_at == t("2026-03-09T12:00+08:00")
        pauses = s.exec(select(ClockPause).where(ClockPause.clock_id == clock.id)).all()
        assert [p.reason for p in pauses] == ["waiting_reporter", "waiting_account_holder"]
        assert actions(s)[-4:] == ["clock.pause", "clock.resume", "clock.pause", "clock.resume"]


def test_pause_stops_every_running_clock_of_the_case(world):
    engine, people = world
    with session_scope(engine) as s:
        start = t("2026-03-02T10:00+08:00")
        c = case(s, opened=start)
        a = clocks.start_clock(s, stage="dispose", at=start, case=c)
        b = clocks.start_clock(s, stage="reply", at=start, case=c)
        paused = clocks.pause_clocks(s, people["mod"], case=c, reason="waiting_reporter", at=start)
        assert {x.id for x in paused} == {a.id, b.id}
        assert {a.state, b.state} == {"paused"}


def test_hours_clock_pause_and_stop_while_paused(world):
    engine, people = world
    with session_scope(engine) as s:
        policies.set_policy(s, people["admin"], stage="reply", amount=24, unit="hours")
        start = t("2026-03-02T10:00+08:00")
        c = case(s, opened=start)
        clocks.start_clock(s, stage="reply", at=start, case=c)
        clocks.pause_clocks(
            s, people["mod"], case=c, reason="waiting_reporter", at=t("2026-03-03T09:00+08:00")
        )
        # Stopped while paused: the pause ends there (2 h), due 3 March 12:00.
        done = clocks.stop_clock(s, stage="reply", at=t("2026-03-03T11:00+08:00"), case=c)
        assert done.due_at == t("2026-03-03T12:00+08:00")
        assert done.state == "met" and done.paused_seconds == 7200


def test_extension_needs_a_supervisor_and_a_reason(world):
    engine, people = world
    with session_scope(engine) as s:
        start = t("2026-03-02T10:00+08:00")
        c = case(s, opened=start)
        clock = clocks.start_clock(s, stage="dispose", at=start, case=c)
        with pytest.raises(PermissionDenied):
            clocks.extend_clock(
                s,
                people["mod"],
                clock_id=clock.id,
                amount=2,
                unit="working_days",
                reason="需要鉴定",
                at=start,
            )
        clocks.extend_clock(
            s,
            people["boss"],
            clock_id=clock.id,
            amount=2,
            unit="working_days",
            reason="需要外部鉴定 / external expertise",
            at=t("2026-03-03T10:00+08:00"),
        )
        # 3 + 2 working days: 3, 4, 5, 6, 9 March.
        assert clock.due_at == t("2026-03-10T00:00+08:00") == c.due_at
        sealed(s)
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "clock.extend")).one()
        assert event.actor_id == people["boss"].id
        assert event.before["due_at"].startswith("2026-03-05T16:00")


def test_clock_in_an_uncovered_year_is_provisional(world):
    engine, _ = world
    with session_scope(engine) as s:
        start = t("2026-12-31T10:00+08:00")
        clock = clocks.start_clock(s, stage="accept", at=start, case=case(s, opened=start))
        assert clock.provisional is True
        assert clock.due_at == t("2027-01-05T00:00+08:00")


def test_policy_change_moves_only_open_clocks(world):
    engine, people = world
    admin = people["admin"]
    with session_scope(engine) as s:
        start = t("2026-03-02T10:00+08:00")
        open_case = case(s, opened=start)
        closed_case = case(s, opened=start)
        open_clock = clocks.start_clock(s, stage="dispose", at=start, case=open_case)
        closed_clock = clocks.start_clock(s, stage="dispose", at=start, case=closed_case)
        clocks.stop_clock(s, stage="dispose", at=t("2026-03-04T10:00+08:00"), case=closed_case)
        ids = (open_clock.id, closed_clock.id)

    def longer(session):
        policies.set_policy(session, admin, stage="dispose", amount=5, unit="working_days")

    with session_scope(engine) as s:
        moves = retime.preview_change(s, longer)
        assert [(m.clock_id, m.old_due, m.new_due) for m in moves] == [
            (ids[0], t("2026-03-06T00:00+08:00"), t("2026-03-10T00:00+08:00"))
        ]
        assert moves[0].delta == timedelta(days=4)
        # The preview changed nothing.
        assert policies.resolve_policy(s, stage="dispose").amount == 3
        assert s.get(Clock, ids[0]).due_at == t("2026-03-06T00:00+08:00")
    with session_scope(engine) as s, pytest.raises(PermissionDenied):
        retime.apply_change(s, people["boss"], longer, at=t("2026-03-04T12:00+08:00"))
    with session_scope(engine) as s:
        result = retime.apply_change(s, admin, longer, at=t("2026-03-04T12:00+08:00"))
        assert [m.clock_id for m in result.moves] == [ids[0]]
    with session_scope(engine, write=False) as s:
        moved, kept = s.get(Clock, ids[0]), s.get(Clock, ids[1])
        assert moved.due_at == t("2026-03-10T00:00+08:00") and moved.policy_version == 2
        assert kept.due_at == t("2026-03-06T00:00+08:00") and kept.state == "met"
        assert s.get(type(open_case), open_case.id).due_at == moved.due_at
        sealed(s)
        retimed = s.exec(select(AuditEvent).where(AuditEvent.action == "clocks.retime")).one()
        assert retimed.after["moves"][0]["clock_id"] == ids[0]


def test_calendar_change_moves_open_clocks(world):
    engine, people = world
    admin = people["admin"]
    with session_scope(engine) as s:
        start = t("2026-03-02T10:00+08:00")
        clock = clocks.start_clock(s, stage="accept", at=start, case=case(s, opened=start))
        assert clock.due_at == t("2026-03-04T00:00+08:00")
        from datetime import date

        result = retime.apply_change(
            s,
            admin,
            lambda session: calendar.set_day(session, admin, date(2026, 3, 3), "holiday"),
            at=start,
        )
        assert clock.due_at == t("2026-03-05T00:00+08:00")
        assert clock.calendar_version == result.calendar_version == 2


def test_warning_and_breach_are_raised_once(world):
    engine, _ = world
    with session_scope(engine) as s:
        start = t("2026-03-02T10:00+08:00")  # Monday; dispose due Friday 00:00
        clock = clocks.start_clock(s, stage="dispose", at=start, case=case(s, opened=start))
    with session_scope(engine) as s:
        # Tuesday noon: 2.5 of 3 working days left -> nothing.
        assert not alerts.tick(s, t("2026-03-03T12:00+08:00")).changed
        # Wednesday 18:00: 30 h of 72 h left -> 58% used, 1.25 days left -> nothing.
        assert not alerts.tick(s, t("2026-03-04T18:00+08:00")).changed
        # Thursday 00:00: 24 h left = one working day left -> warned.
        result = alerts.tick(s, t("2026-03-05T00:00+08:00"))
        assert [a.clock_id for a in result.warned] == [clock.id] and not result.breached
        # Later ticks do not warn again.
        assert not alerts.tick(s, t("2026-03-05T12:00+08:00")).changed
        assert not alerts.tick(s, t("2026-03-06T00:00+08:00")).changed  # due, not past
        result = alerts.tick(s, t("2026-03-06T00:00:01+08:00"))
        assert [a.clock_id for a in result.breached] == [clock.id]
        assert not alerts.tick(s, t("2026-03-07T00:00+08:00")).changed
        assert actions(s).count("clock.warning") == 1
        assert actions(s).count("clock.breach") == 1
        assert s.get(Clock, clock.id).warning_level == 2


def test_elapsed_share_threshold_is_configurable(world):
    engine, people = world
    with session_scope(engine) as s:
        alerts.set_thresholds(s, people["boss"], alerts.Thresholds(0.5, 0))
        start = t("2026-03-02T10:00+08:00")
        clock = clocks.start_clock(s, stage="dispose", at=start, case=case(s, opened=start))
        # Wednesday 11:00: 37 h of 72 h left -> 48.6% used: nothing yet.
        assert not alerts.tick(s, t("2026-03-04T11:00+08:00")).changed
        # Wednesday 13:00: 35 h left -> 51.4% used -> warned.
        assert alerts.tick(s, t("2026-03-04T13:00+08:00")).warned[0].clock_id == clock.id


def test_paused_clock_is_not_breached_and_extension_rearms_the_warning(world):
    engine, people = world
    with session_scope(engine) as s:
        start = t("2026-03-02T10:00+08:00")
        c = case(s, opened=start)
        clock = clocks.start_clock(s, stage="accept", at=start, case=c)  # due 4 March 00:00
        clocks.pause_clocks(s, people["mod"], case=c, reason="waiting_reporter", at=start)
        assert not alerts.tick(s, t("2026-03-05T00:00+08:00")).changed
        clocks.resume_clocks(s, people["mod"], case=c, at=t("2026-03-03T10:00+08:00"))
        # Paused 24 working hours: due 5 March 00:00.  Warned on the 4th.
        assert clock.due_at == t("2026-03-05T00:00+08:00")
        assert alerts.tick(s, t("2026-03-04T01:00+08:00")).warned
        clocks.extend_clock(
            s,
            people["boss"],
            clock_id=clock.id,
            amount=2,
            unit="working_days",
            reason="等待材料",
            at=t("2026-03-04T02:00+08:00"),
        )
        assert clock.warning_level == 0  # more than one working day left again
        assert alerts.tick(s, t("2026-03-06T00:00+08:00")).warned


def test_two_ticks_at_once_raise_a_breach_once(pg_engine):
    """A desktop that read the clock before another tick committed does not raise it again."""
    start = t("2026-03-02T10:00+08:00")
    with session_scope(pg_engine) as s:
        calendar.seed_from_chinese_calendar(s, None, years=[2026])
        clock_id = clocks.start_clock(s, stage="accept", at=start, case=case(s, opened=start)).id
    late = t("2026-03-05T00:00+08:00")
    with session_scope(pg_engine) as slow:
        stale = slow.get(Clock, clock_id)
        assert stale.warning_level == 0  # read before the other tick
        with session_scope(pg_engine) as fast:
            assert len(alerts.tick(fast, late).breached) == 1
        assert alerts.tick(slow, late).breached == []
    with session_scope(pg_engine, write=False) as s:
        assert actions(s).count("clock.breach") == 1


def test_appeal_and_correction_order_clocks_keep_their_owner_due(world):
    from workbench.models import Appeal, CorrectionOrder, Measure

    engine, people = world
    with session_scope(engine) as s:
        start = t("2026-09-28T10:00+08:00")  # Monday before National Day 2026
        c = case(s, opened=start, grade="key")
        measure = Measure(
            case_id=c.id,
            account_id=c.target_account_id,
            code="correct_by_deadline",
            basis="2022/15",
            decided_by=people["mod"].id,
            status="in_effect",
        )
        s.add(measure)
        s.flush()
        appeal = Appeal(measure_id=measure.id, account_id=c.target_account_id, received_at=start)
        order = CorrectionOrder(
            account_id=c.target_account_id, case_id=c.id, measure_id=measure.id, deadline=start
        )
        s.add_all([appeal, order])
        s.flush()
        decision = clocks.start_clock(s, stage="appeal_decision", at=start, appeal=appeal)
        # 5 working days: 29, 30 Sep; 1-7 Oct off; 8, 9, 10 (make-up Saturday) Oct.
        assert decision.due_at == t("2026-10-11T00:00+08:00") == appeal.due_at
        correction = clocks.start_clock(s, stage="correction", at=start, correction_order=order)
        # 7 working days: 29, 30 Sep, 8, 9, 10, 12, 13 Oct.
        assert correction.due_at == t("2026-10-14T00:00+08:00") == order.deadline
        with pytest.raises(InvalidTransition):
            clocks.start_clock(s, stage="accept", at=start, appeal=appeal)
        clocks.pause_clocks(
            s, people["mod"], appeal=appeal, reason="waiting_account_holder", at=start
        )
        assert decision.state == "paused"
        done = clocks.stop_clock(
            s, stage="appeal_decision", at=t("2026-09-29T10:00+08:00"), appeal=appeal
        )
        assert done.state == "met" and appeal.due_at is None


def test_a_clock_stopped_or_extended_after_the_scan_is_left_alone(world):
    """The server scans every running clock once, then raises in short transactions
    (2022/16: time limits); a case closed or given more time in between keeps its state."""
    engine, people = world
    start = t("2026-03-02T10:00+08:00")  # accept due 4 March 00:00
    with session_scope(engine) as s:
        made = [case(s, opened=start) for _ in range(3)]
        ids = [clocks.start_clock(s, stage="accept", at=start, case=c).id for c in made]
        case_ids = [c.id for c in made]
    late = t("2026-03-04T00:00:01+08:00")
    with session_scope(engine, write=False) as s:
        checked, due = alerts.due_raises(s, late)
    assert checked == 3 and [d.alert.clock_id for d in due] == ids
    with session_scope(engine) as s:
        clocks.stop_clock(
            s, stage="accept", at=t("2026-03-03T09:00+08:00"), case=s.get(Case, case_ids[0])
        )
        clocks.extend_clock(
            s,
            people["boss"],
            clock_id=ids[1],
            amount=3,
            unit="working_days",
            reason="等待材料",
            at=start,
        )
    with session_scope(engine) as s:
        warned, breached = alerts.raise_due(s, late, due)
    assert (warned, [a.clock_id for a in breached]) == ([], [ids[2]])
    with session_scope(engine, write=False) as s:
        assert [s.get(Clock, i).warning_level for i in ids] == [0, 0, 2]
        assert s.get(Clock, ids[0]).state == "met"
        assert actions(s).count("clock.breach") == 1
