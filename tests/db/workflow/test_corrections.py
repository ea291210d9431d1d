"""Correction orders (限期改正): met by a change request that passes, escalated when missed."""

from __future__ import annotations

import pytest
from sqlmodel import select

from workbench.db import session_scope
from workbench.errors import PermissionDenied, ValidationError
from workbench.measures.corrections import (
    decide_change_request,
    escalate_missed,
    screen_with,
    submit_change_request,
)
from workbench.measures.measures import MeasureSpec
from workbench.models import AccountInfoRevision, Case, ChangeRequest, CorrectionOrder

from .helpers import account_of, act, audit_ok, later, make_account, make_team
from .test_measures import dispose, screened_case


@pytest.fixture
def ordered(engine):
    """An account under a correction order due in 3 working days (end of Thu 5 March)."""
    team = make_team(engine)
    account_id = make_account(engine)
    cid, v = screened_case(engine, team, account_id)
    dispose(
        engine,
        team,
        cid,
        v,
        MeasureSpec("correct_by_deadline", "", "名称假冒媒体", {"deadline_days": 3}),
    )
    assert account_of(engine, account_id).status == "correcting"
    return engine, team, account_id, cid


def _order(engine) -> CorrectionOrder:
    with session_scope(engine, write=False) as s:
        return s.exec(select(CorrectionOrder)).one()


def clean(account, proposed):
    return []


def flags_name(account, proposed):
    if "新华" in proposed.get("name", ""):
        return [{"category": "impersonate_news_media", "rule": "media", "matched": "新华"}]
    return []


def test_a_change_that_passes_screening_meets_the_order(ordered):
    engine, team, account_id, _ = ordered
    request = act(
        engine,
        submit_change_request,
        None,
        account_id,
        {"name": "小王的日常"},
        screen=clean,
        now=later(days=2),
    )
    assert request.status == "passed"
    order = _order(engine)
    assert order.status == "met" and request.correction_order_id == order.id
    account = account_of(engine, account_id)
    assert account.name == "小王的日常" and account.status == "active"
    with session_scope(engine, write=False) as s:
        revision = s.exec(select(AccountInfoRevision)).one()
    assert (revision.old_value, revision.new_value) == ("新华社官方号", "小王的日常")
    assert act(engine, escalate_missed, later(days=10)) == []
    assert audit_ok(engine)


def test_a_change_with_hits_waits_for_a_moderator(ordered):
    engine, team, account_id, _ = ordered
    request = act(
        engine, submit_change_request, None, account_id, {"name": "新华视点"}, screen=flags_name
    )
    assert request.status == "pending" and request.screening_outcome["hits"]
    assert _order(engine).status == "open"
    with pytest.raises(PermissionDenied):
        act(engine, decide_change_request, team.appeals, request.id, approve=True, reason="x")
    act(engine, decide_change_request, team.mod, request.id, approve=False, reason="仍含媒体名称")
    assert _order(engine).status == "open"
    assert account_of(engine, account_id).name == "新华社官方号"
    with pytest.raises(ValidationError):
        act(engine, submit_change_request, None, account_id, {"credit_score": 100})


def test_a_missed_deadline_opens_one_escalation_proposing_closure(ordered):
    engine, team, account_id, cid = ordered
    assert act(engine, escalate_missed, later(days=3)) == []  # Thursday: still in time
    opened = act(engine, escalate_missed, later(days=4))  # Friday: missed
    assert len(opened) == 1
    escalation = opened[0]
    assert escalation.queue == "escalations" and escalation.status == "received"
    assert escalation.parent_case_id == cid and escalation.target_account_id == account_id
    assert "close" in escalation.resolution_note
    order = _order(engine)
    assert order.status == "missed" and order.escalation_case_id == escalation.id
    assert act(engine, escalate_missed, later(days=5)) == []  # once only
    with session_scope(engine, write=False) as s:
        assert len(s.exec(select(Case).where(Case.queue == "escalations")).all()) == 1
    # A late change no longer meets the missed order.
    late = act(
        engine,
        submit_change_request,
        None,
        account_id,
        {"name": "小王"},
        screen=clean,
        now=later(days=6),
    )
    assert late.status == "passed" and _order(engine).status == "missed"
    with session_scope(engine, write=False) as s:
        assert s.get(ChangeRequest, late.id).correction_order_id is None
    assert audit_ok(engine)


@pytest.fixture(scope="module")
def screener():
    from workbench.rules.engine import Screener

    return Screener()


def test_the_rule_engine_screens_change_requests(ordered, screener):
    engine, team, account_id, _ = ordered
    still_bad = act(
        engine,
        submit_change_request,
        None,
        account_id,
        {"name": "新华社官方号", "bio": "日常分享"},
        screen=screen_with(screener),
    )
    assert still_bad.status == "pending"
    assert "impersonate_news_media" in {h["category"] for h in still_bad.screening_outcome["hits"]}
    fixed = act(
        engine,
        submit_change_request,
        None,
        account_id,
        {"name": "小王的日常"},
        screen=screen_with(screener),
        now=later(days=1),
    )
    assert fixed.status == "passed" and _order(engine).status == "met"
