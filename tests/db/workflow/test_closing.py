"""Replied cases close once nothing can reopen them (``replied → closed``): after the
appeal window of their measures (2021/20) with no appeal left open, or a quiet period
for cases without measures; only closed cases are ever purged (retention)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.db.appeals.support import WARN, disposed_case, make_reviewer
from workbench.cases import transitions as t
from workbench.cases.closing import close_settled
from workbench.cli import main
from workbench.db import session_scope
from workbench.errors import ValidationError
from workbench.measures import appeals
from workbench.models import AuditEvent
from workbench.settings import put_setting

from .helpers import act, audit_ok, case_of, later, make_account, make_team, report


def _replied(engine, team, account_id, reporter="r1"):
    cid, measures = disposed_case(engine, team.mod, account_id, WARN, reporters=(reporter,))
    act(
        engine,
        t.mark_replied,
        team.mod,
        cid,
        expected_version=case_of(engine, cid).version,
        now=later(hours=4),
    )
    return cid, measures


def _declined_and_replied(engine, team, account_id):
    cid = report(engine, account_id, reporter="r9").case.id
    act(
        engine,
        t.decline_case,
        team.mod,
        cid,
        expected_version=1,
        reason_code="insufficient_information",
        now=later(hours=1),
    )
    act(
        engine,
        t.mark_replied,
        team.mod,
        cid,
        expected_version=case_of(engine, cid).version,
        now=later(hours=2),
    )
    return cid


def test_a_case_with_a_measure_stays_open_for_its_appeal_window_2021_20(engine):
    team = make_team(engine)
    cid, _ = _replied(engine, team, make_account(engine))
    # The window is 15 Beijing calendar days after the measure took effect (default).
    assert act(engine, close_settled, later(days=10)) == []
    assert case_of(engine, cid).status == "replied"
    assert act(engine, close_settled, later(days=16)) == [cid]
    case = case_of(engine, cid)
    assert case.status == "closed" and case.closed_at == later(days=16)
    with session_scope(engine, write=False) as s:
        close = s.exec(
            select(AuditEvent).where(AuditEvent.case_id == cid, AuditEvent.action == "case.close")
        ).one()
    assert close.actor_id is None and "自动结案" in (close.reason or "")
    assert act(engine, close_settled, later(days=17)) == []  # once
    assert audit_ok(engine)


def test_an_open_appeal_keeps_the_case_open_until_it_is_replied_2021_20(engine):
    team = make_team(engine)
    account_id = make_account(engine)
    cid, measures = _replied(engine, team, account_id)
    appeal = act(
        engine,
        appeals.file_appeal,
        None,
        measure_id=measures[0].id,
        appellant_name="王五",
        appellant_contact="wangwu@example.com",
        text="并非冒用",
        received_at=later(days=5),
    )
    assert appeal.id is not None
    assert act(engine, close_settled, later(days=40)) == []
    assert case_of(engine, cid).status == "replied"
    reviewer = make_reviewer(engine, "appeals2", "appeal_reviewer")
    act(
        engine,
        appeals.start_appeal_screening,
        reviewer,
        appeal.id,
        expected_version=appeal.version,
        now=later(days=41),
    )
    act(
        engine,
        appeals.decide_appeal,
        reviewer,
        appeal.id,
        expected_version=appeal.version + 1,
        outcome="upheld",
        reason="维持原处置",
        now=later(days=42),
    )
    assert act(engine, close_settled, later(days=43)) == []  # decided, not yet replied
    assert case_of(engine, cid).status == "replied"


def test_a_case_without_measures_closes_after_the_quiet_period(engine):
    team = make_team(engine)
    cid = _declined_and_replied(engine, team, make_account(engine))
    assert act(engine, close_settled, later(days=3)) == []
    assert act(engine, close_settled, later(days=8)) == [cid]


def test_the_quiet_period_is_a_setting_and_a_bad_one_is_refused_in_words(engine):
    team = make_team(engine)
    cid = _declined_and_replied(engine, team, make_account(engine))
    with session_scope(engine) as s:
        put_setting(s, team.admin, "cases.close_after_days", 0)
    assert act(engine, close_settled, later(days=1)) == [cid]
    with session_scope(engine) as s:
        put_setting(s, team.admin, "cases.close_after_days", -3)
    with pytest.raises(ValidationError, match="cases.close_after_days"):
        act(engine, close_settled, later(days=9))


def test_the_sweep_command_closes_settled_cases(engine, capsys):
    team = make_team(engine)
    cid, _ = _replied(engine, team, make_account(engine))
    open_one = report(engine, make_account(engine, name="另一个"), reporter="r5").case.id
    url = engine.url.render_as_string(hide_password=False)
    assert main(["cases", "sweep", "--database", url, "--now", later(days=20).isoformat()]) == 0
    assert "replied cases closed: 1" in capsys.readouterr().out
    assert case_of(engine, cid).status == "closed"
    assert case_of(engine, open_one).status != "closed"
