"""The case lifecycle walked through the services, on both databases."""

from __future__ import annotations

import pytest
from sqlmodel import select

from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.errors import (
    ClaimConflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    StaleVersion,
    ValidationError,
)
from workbench.measures.measures import MeasureSpec, dispose_case
from workbench.models import AuditEvent, Clock, Finding, ReporterCredibility
from workbench.queues import claims

from .helpers import account_of, act, audit_ok, case_of, later, make_account, make_team, report


@pytest.fixture
def world(engine):
    team = make_team(engine)
    account_id = make_account(engine)
    case = report(engine, account_id, reporter="r1").case
    return engine, team, account_id, case.id


def _events(engine, case_id):
    with session_scope(engine, write=False) as s:
        rows = s.exec(
            select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
        )
        return [e.action for e in rows.all()]


def _clock_states(engine, case_id):
    with session_scope(engine, write=False) as s:
        rows = s.exec(select(Clock).where(Clock.case_id == case_id).order_by(Clock.id)).all()
        return [(c.stage, c.state) for c in rows]


def test_accept_screen_dispose_reply(world):
    engine, team, account_id, cid = world
    c = act(engine, t.accept_case, team.mod, cid, expected_version=1, now=later(hours=1))
    assert c.status == "accepted" and c.version == 2
    act(
        engine,
        screening.record_findings,
        team.mod,
        cid,
        expected_version=2,
        findings=[("impersonate_news_media", "", "名称含新华社")],
        notes="checked the card",
        now=later(hours=2),
    )
    c = case_of(engine, cid)
    assert c.status == "screening" and c.version == 3
    c = act(
        engine,
        dispose_case,
        team.mod,
        cid,
        expected_version=3,
        measures=[MeasureSpec("warn", "", "名称假冒新闻媒体")],
        now=later(hours=3),
    )
    assert c.status == "disposed"
    assert account_of(engine, account_id).status == "warned"
    c = act(engine, t.mark_replied, team.mod, cid, expected_version=c.version, now=later(hours=4))
    c = act(engine, t.close_case, team.mod, cid, expected_version=c.version, now=later(hours=5))
    assert c.status == "closed" and c.closed_at is not None
    assert _events(engine, cid) == [
        "case.open",
        "report.receive",
        "case.accept",
        "case.screen",
        "reporter.outcome",
        "measure.decide",
        "measure.in_effect",
        "case.dispose",
        "case.reply",
        "case.close",
    ]
    # Each stage's clock ran and stopped in time.
    assert _clock_states(engine, cid) == [
        ("accept", "met"),
        ("screen", "met"),
        ("dispose", "met"),
        ("reply", "met"),
    ]
    with session_scope(engine, write=False) as s:
        finding = s.exec(select(Finding).where(Finding.case_id == cid)).one()
        assert finding.basis == "2022/8(4)"  # the category's basis by default
        cred = s.exec(select(ReporterCredibility)).one()
        assert (cred.reports_made, cred.upheld, cred.declined) == (1, 1, 0)
    assert audit_ok(engine)


def test_decline_needs_a_reason_code(world):
    engine, team, _, cid = world
    with pytest.raises(ValidationError, match="reason code"):
        act(engine, t.decline_case, team.mod, cid, expected_version=1, reason_code="bored")
    c = act(
        engine,
        t.decline_case,
        team.mod,
        cid,
        expected_version=1,
        reason_code="insufficient_information",
        now=later(hours=1),
    )
    assert c.status == "declined" and c.decline_reason == "insufficient_information"
    assert _clock_states(engine, cid) == [("accept", "met"), ("reply", "running")]
    c = act(engine, t.mark_replied, team.mod, cid, expected_version=c.version, now=later(hours=2))
    assert c.status == "replied"
    assert audit_ok(engine)


def test_no_violation_needs_a_reason(world):
    engine, team, _, cid = world
    act(engine, t.accept_case, team.mod, cid, expected_version=1)
    act(engine, t.start_screening, team.mod, cid, expected_version=2)
    with pytest.raises(ValidationError):
        act(engine, t.find_no_violation, team.mod, cid, expected_version=3, reason="  ")
    c = act(engine, t.find_no_violation, team.mod, cid, expected_version=3, reason="名称为本人真名")
    assert c.status == "no_violation" and c.resolution_note == "名称为本人真名"
    c = act(engine, t.mark_replied, team.mod, cid, expected_version=c.version)
    act(engine, t.close_case, team.mod, cid, expected_version=c.version)
    assert case_of(engine, cid).status == "closed"
    assert audit_ok(engine)


def test_moves_outside_the_lifecycle_are_refused_and_change_nothing(world):
    engine, team, _, cid = world
    with pytest.raises(InvalidTransition, match="received"):
        act(engine, t.mark_replied, team.mod, cid, expected_version=1)
    with pytest.raises(InvalidTransition):
        act(
            engine,
            dispose_case,
            team.mod,
            cid,
            expected_version=1,
            measures=[MeasureSpec("warn", "2022/8(4)", "x")],
        )
    c = case_of(engine, cid)
    assert (c.status, c.version) == ("received", 1)
    assert account_of(engine, c.target_account_id).status == "active"


def test_disposing_without_findings_is_refused(world):
    engine, team, _, cid = world
    act(engine, t.accept_case, team.mod, cid, expected_version=1)
    act(engine, t.start_screening, team.mod, cid, expected_version=2)
    with pytest.raises(InvalidTransition, match="findings"):
        act(
            engine,
            dispose_case,
            team.mod,
            cid,
            expected_version=3,
            measures=[MeasureSpec("warn", "2022/8(4)", "x")],
        )


def test_stale_version_fails_cleanly_and_changes_nothing(world):
    engine, team, _, cid = world
    act(engine, t.accept_case, team.mod, cid, expected_version=1)
    before = _events(engine, cid)
    with pytest.raises(StaleVersion) as err:
        act(engine, t.start_screening, team.mod2, cid, expected_version=1)
    assert "version 1" in str(err.value) and "version 2" in str(err.value)
    assert "刷新" in err.value.zh
    c = case_of(engine, cid)
    assert (c.status, c.version) == ("accepted", 2)
    assert _events(engine, cid) == before
    assert audit_ok(engine)


def test_roles_are_enforced(world):
    engine, team, _, cid = world
    with pytest.raises(PermissionDenied):
        act(engine, t.accept_case, team.appeals, cid, expected_version=1)
    with pytest.raises(PermissionDenied):
        act(engine, t.accept_case, team.admin, cid, expected_version=1)
    with pytest.raises(NotFound):
        act(engine, t.accept_case, team.mod, 999, expected_version=1)
    assert case_of(engine, cid).status == "received"
    # Supervisors may work cases too.
    assert act(engine, t.accept_case, team.sup, cid, expected_version=1).status == "accepted"


def test_only_the_claimant_or_a_supervisor_acts_on_a_claimed_case(world):
    engine, team, _, cid = world
    c = act(engine, claims.claim_case, team.mod, cid, now=later(minutes=1))
    with pytest.raises(ClaimConflict):
        act(engine, t.accept_case, team.mod2, cid, expected_version=c.version, now=later(minutes=2))
    assert case_of(engine, cid).status == "received"
    c = act(engine, t.accept_case, team.sup, cid, expected_version=c.version, now=later(minutes=3))
    assert c.status == "accepted"
    # Once the lease runs out, another moderator may act.
    c = act(
        engine, t.start_screening, team.mod2, cid, expected_version=c.version, now=later(hours=1)
    )
    assert c.status == "screening"
