"""Muting a reporter and snoozing an account (issue 15 item 11): their cases leave the
default queue view until the expiry, are still filed and timed (2022/19, 2021/20:
every complaint is accepted and answered in time), come back before they are due,
and every mute, snooze and lift is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from workbench.cases import holds
from workbench.db import session_scope
from workbench.errors import InvalidTransition, PermissionDenied, ValidationError
from workbench.models import AuditEvent, Case
from workbench.models.views import QueueFilter
from workbench.operations import cases
from workbench.operations.local import LocalClient
from workbench.queues import read

from .helpers import T0, act, audit_ok, later, make_account, make_team, report


def _shown(engine, now, *, show_held=False, queue="reports"):
    with session_scope(engine, write=False) as s:
        flt = QueueFilter(show_held=show_held)
        page = read.fetch_page(s, queue, flt, now=now)
        count = read.count_rows(s, queue, flt, now=now)
    ids = {r.case_id for r in page.rows}
    assert count == len(ids)
    return ids


def _far(engine, *case_ids):
    """Give the cases a distant deadline, so only the hold decides whether they show."""
    with session_scope(engine) as s:
        for case_id in case_ids:
            case = s.get(Case, case_id)
            case.due_at = T0 + timedelta(days=20)
            s.add(case)


@pytest.fixture
def world(engine):
    team = make_team(engine)
    noisy, quiet = make_account(engine, name="被刷账号"), make_account(engine, name="别的账号")
    first = report(engine, noisy, reporter="spammer")
    other = report(engine, quiet, reporter="spammer", category="impersonate_state")
    return engine, team, noisy, quiet, first, other


def test_a_muted_reporters_new_reports_are_filed_but_held_until_the_mute_expires(world):
    engine, team, noisy, quiet, first, _other = world
    hold = act(engine, holds.mute_reporter, team.mod, report_id=first.report.id, hours=48,
               reason="恶意举报：一小时内 40 条", now=later(minutes=5))  # fmt: skip
    fresh = report(engine, make_account(engine, name="第三个"), reporter="spammer", at=later(hours=1))
    assert fresh.report.id is not None and fresh.case.status == "received"  # filed and timed
    assert fresh.case.due_at is not None
    _far(engine, first.case.id, fresh.case.id)
    now = later(hours=2)
    shown = _shown(engine, now)
    assert fresh.case.id not in shown
    assert first.case.id in shown  # reported before the mute began
    assert fresh.case.id in _shown(engine, now, show_held=True)
    with session_scope(engine, write=False) as s:
        rows = read.fetch_page(s, "reports", QueueFilter(show_held=True), now=now).rows
    held = {r.case_id: r.held for r in rows}
    assert held[fresh.case.id] and not held[first.case.id]
    assert fresh.case.id in _shown(engine, hold.until)  # the mute has run out
    assert audit_ok(engine)


def test_a_case_another_reporter_also_reported_stays_in_view(world):
    engine, team, noisy, quiet, first, _other = world
    act(engine, holds.mute_reporter, team.mod, report_id=first.report.id, hours=48,
        reason="恶意举报", now=later(minutes=5))  # fmt: skip
    target = make_account(engine, name="两人举报")
    muted = report(engine, target, reporter="spammer", at=later(hours=1))
    _far(engine, muted.case.id)
    assert muted.case.id not in _shown(engine, later(hours=2))
    joined = report(engine, target, reporter="someone-else", at=later(hours=2))
    assert joined.joined and joined.case.id == muted.case.id
    assert muted.case.id in _shown(engine, later(hours=3))


def test_a_held_case_comes_back_two_hours_before_its_deadline(world):
    engine, team, noisy, quiet, first, _other = world
    act(engine, holds.snooze_account, team.mod, account_id=noisy, hours=24 * 30,
        reason="热点事件，举报集中", now=later(minutes=5))  # fmt: skip
    with session_scope(engine, write=False) as s:
        due = s.get(Case, first.case.id).due_at
    assert first.case.id not in _shown(engine, due - timedelta(hours=3))
    assert first.case.id in _shown(engine, due - timedelta(hours=2))
    assert first.case.id in _shown(engine, due + timedelta(minutes=1))


def test_a_snoozed_accounts_cases_are_held_and_new_reports_join_them(world):
    engine, team, noisy, quiet, first, other = world
    _far(engine, first.case.id, other.case.id)
    hold = act(engine, holds.snooze_account, team.sup, account_id=noisy, hours=72,
               reason="同一热点，统一处理", now=later(minutes=5))  # fmt: skip
    again = report(engine, noisy, reporter="r-new", at=later(hours=1))
    assert again.joined and again.case.id == first.case.id  # grouped in its open case
    _far(engine, first.case.id)
    shown = _shown(engine, later(hours=2))
    assert first.case.id not in shown and other.case.id in shown
    act(engine, holds.lift_hold, team.mod, hold.id, now=later(hours=3))
    assert first.case.id in _shown(engine, later(hours=3))
    with session_scope(engine, write=False) as s:
        actions = [
            e.action
            for e in s.exec(select(AuditEvent).where(AuditEvent.entity == "queue_hold")).all()
        ]
    assert actions == ["snooze.set", "snooze.lift"]
    assert audit_ok(engine)


def test_claim_next_skips_held_cases(world):
    engine, team, noisy, quiet, first, other = world
    _far(engine, first.case.id, other.case.id)
    act(engine, holds.snooze_account, team.mod, account_id=noisy, hours=72, reason="热点",
        now=later(minutes=5))  # fmt: skip
    client = LocalClient(engine, actor=team.mod, clock=lambda: later(hours=1))
    assert client.call(cases.claim_next, queue="reports") == other.case.id
    assert client.call(cases.claim_next, queue="reports") is None  # the held one is not next


def test_the_list_shows_running_holds_masked_and_lifted_ones_on_request(world):
    engine, team, noisy, quiet, first, _other = world
    mute = act(engine, holds.mute_reporter, team.mod, report_id=first.report.id, hours=24,
               reason="电话 13912345678 多次骚扰", now=later(minutes=5))  # fmt: skip
    act(engine, holds.snooze_account, team.mod, account_id=quiet, hours=24, reason="热点",
        now=later(minutes=6))  # fmt: skip
    act(engine, holds.lift_hold, team.sup, mute.id, now=later(minutes=7))
    with session_scope(engine, write=False) as s:
        running = holds.list_holds(s, team.appeals, now=later(minutes=8))
        every = holds.list_holds(s, team.appeals, include_ended=True, now=later(minutes=8))
    assert [(h.kind, h.target) for h in running] == [("snooze", "别的账号")]
    lifted = next(h for h in every if h.kind == "mute")
    assert not lifted.active and lifted.lifted_by == team.sup.display_name
    assert "13912345678" not in lifted.reason and "139****5678" in lifted.reason


def test_refusals_in_words(world):
    engine, team, noisy, quiet, first, _other = world
    with pytest.raises(PermissionDenied):
        act(engine, holds.snooze_account, team.appeals, account_id=noisy, hours=5, reason="x")
    with pytest.raises(ValidationError, match="reason"):
        act(engine, holds.snooze_account, team.mod, account_id=noisy, hours=5, reason="  ")
    with pytest.raises(ValidationError, match="90 days"):
        act(engine, holds.snooze_account, team.mod, account_id=noisy, hours=24 * 91, reason="x")
    hold = act(engine, holds.snooze_account, team.mod, account_id=noisy, hours=5, reason="x",
               now=T0)  # fmt: skip
    with pytest.raises(InvalidTransition, match="lift it first"):
        act(engine, holds.snooze_account, team.mod, account_id=noisy, hours=5, reason="y", now=T0)
    with pytest.raises(InvalidTransition, match="ended"):
        act(engine, holds.lift_hold, team.mod, hold.id, now=later(hours=6))
