"""Measures: the catalogue's parameters, approval of severe ones, effects on the account."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.errors import InvalidTransition, PermissionDenied, ValidationError
from workbench.measures.measures import (
    MeasureSpec,
    approve_measure,
    dispose_case,
    recompute_account_status,
    revoke_measure,
)
from workbench.models import AccountInfoRevision, ClosedName, CorrectionOrder, Measure, Setting

from .helpers import account_of, act, audit_ok, case_of, later, make_account, make_team, report


def screened_case(engine, team, account_id, reporter="r1"):
    """A case in screening with one finding; its id and version."""
    cid = report(engine, account_id, reporter=reporter).case.id
    act(engine, t.accept_case, team.mod, cid, expected_version=1, now=later(hours=1))
    act(
        engine,
        screening.record_findings,
        team.mod,
        cid,
        expected_version=2,
        findings=[("impersonate_news_media", "2022/8(4)", "")],
        now=later(hours=2),
    )
    return cid, 3


def dispose(engine, team, cid, version, *specs, at=None):
    return act(
        engine,
        dispose_case,
        team.mod,
        cid,
        expected_version=version,
        measures=list(specs),
        now=at or later(hours=3),
    )


@pytest.fixture
def world(engine):
    team = make_team(engine)
    return engine, team, make_account(engine)


def _measures(engine, case_id):
    with session_scope(engine, write=False) as s:
        return s.exec(select(Measure).where(Measure.case_id == case_id).order_by(Measure.id)).all()


def test_severe_measure_waits_for_and_receives_approval(world):
    engine, team, account_id = world
    with session_scope(engine) as s:
        s.add(
            AccountInfoRevision(
                account_id=account_id,
                field="name",
                old_value="旧名新闻网",
                new_value="新华社官方号",
            )
        )
    cid, v = screened_case(engine, team, account_id)
    dispose(
        engine,
        team,
        cid,
        v,
        MeasureSpec("restrict_functions", "", "冒用媒体名义", {"functions": ["post", "live"]}),
        MeasureSpec("close", "", "严重假冒"),
    )
    restrict, close = _measures(engine, cid)
    assert restrict.status == "in_effect" and close.status == "pending_approval"
    assert close.basis == "2022/8(4)"  # from the findings
    account = account_of(engine, account_id)
    assert account.status == "restricted" and account.restrictions == ["live", "post"]
    assert account.credit_score == 90
    assert close.account_snapshot["name"] == "新华社官方号"
    assert close.account_snapshot["status"] == "restricted"

    with pytest.raises(PermissionDenied):  # a moderator cannot approve
        act(engine, approve_measure, team.mod, close.id, approve=True, reason="ok")
    assert account_of(engine, account_id).status == "restricted"

    act(
        engine,
        approve_measure,
        team.sup,
        close.id,
        approve=True,
        reason="证据充分",
        now=later(hours=4),
    )
    account = account_of(engine, account_id)
    assert account.status == "closed" and account.credit_score == 50
    with session_scope(engine, write=False) as s:
        names = sorted(n.name for n in s.exec(select(ClosedName)).all())
        measure = s.get(Measure, close.id)
    assert names == ["新华社官方号", "旧名新闻网"]
    assert measure.approved_by == team.sup.id and measure.effective_from == later(hours=4)
    with pytest.raises(InvalidTransition):  # approved once only
        act(engine, approve_measure, team.sup2, close.id, approve=True, reason="again")
    assert audit_ok(engine)


def test_decider_cannot_approve_own_measure(world):
    engine, team, account_id = world
    cid = report(engine, account_id).case.id
    act(engine, t.accept_case, team.sup, cid, expected_version=1)
    act(
        engine,
        screening.record_findings,
        team.sup,
        cid,
        expected_version=2,
        findings=[("impersonate_news_media", "", "")],
    )
    act(
        engine,
        dispose_case,
        team.sup,
        cid,
        expected_version=3,
        measures=[MeasureSpec("blacklist", "", "惯犯")],
    )
    (measure,) = _measures(engine, cid)
    with pytest.raises(PermissionDenied, match="another supervisor"):
        act(engine, approve_measure, team.sup, measure.id, approve=True, reason="mine")
    # The database refuses it too.
    with pytest.raises(IntegrityError), session_scope(engine) as s:
        row = s.get(Measure, measure.id)
        row.approved_by = team.sup.id
        s.add(row)
        s.flush()
    act(engine, approve_measure, team.sup2, measure.id, approve=False, reason="证据不足")
    (measure,) = _measures(engine, cid)
    assert measure.status == "rejected"
    assert account_of(engine, account_id).status == "active"
    assert audit_ok(engine)


def test_revoking_restores_status_and_credit(world):
    engine, team, account_id = world
    cid, v = screened_case(engine, team, account_id)
    dispose(
        engine,
        team,
        cid,
        v,
        MeasureSpec("warn", "", "提醒"),
        MeasureSpec("suspend", "2022/8(4)", "暂停", {"days": 7}),
    )
    warn, suspend = _measures(engine, cid)
    assert suspend.effective_until == later(hours=3, days=7)
    account = account_of(engine, account_id)
    assert (account.status, account.credit_score) == ("suspended", 78)
    with pytest.raises(PermissionDenied):
        act(engine, revoke_measure, team.mod, suspend.id, reason="x")
    act(engine, revoke_measure, team.appeals, suspend.id, reason="申诉成立", appeal_id=None)
    account = account_of(engine, account_id)
    assert (account.status, account.credit_score) == ("warned", 98)
    with pytest.raises(InvalidTransition):
        act(engine, revoke_measure, team.sup, suspend.id, reason="twice")
    assert audit_ok(engine)


def test_closed_names_leave_when_the_closure_is_revoked(world):
    engine, team, account_id = world
    cid, v = screened_case(engine, team, account_id)
    dispose(engine, team, cid, v, MeasureSpec("close", "", "关闭"))
    (close,) = _measures(engine, cid)
    act(engine, approve_measure, team.sup, close.id, approve=True, reason="ok")
    act(engine, revoke_measure, team.sup2, close.id, reason="错误关闭")
    assert account_of(engine, account_id).status == "active"
    assert account_of(engine, account_id).credit_score == 100
    with session_scope(engine, write=False) as s:
        assert s.exec(select(ClosedName)).all() == []


def test_suspension_expires(world):
    engine, team, account_id = world
    cid, v = screened_case(engine, team, account_id)
    dispose(engine, team, cid, v, MeasureSpec("suspend", "", "暂停", {"days": 3}))
    act(engine, recompute_account_status, account_id, now=later(days=2))
    assert account_of(engine, account_id).status == "suspended"
    act(engine, recompute_account_status, account_id, now=later(days=4))
    assert account_of(engine, account_id).status == "active"
    assert _measures(engine, cid)[0].status == "expired"
    assert account_of(engine, account_id).credit_score == 80  # expiry gives no credit back


def test_credit_never_falls_below_zero_and_amounts_come_from_the_setting(world):
    engine, team, account_id = world
    with session_scope(engine) as s:
        s.add(Setting(key="measures.credit_delta", value={"warn": 70}))
    cid, v = screened_case(engine, team, account_id)
    dispose(engine, team, cid, v, MeasureSpec("warn", "", "a"), MeasureSpec("warn", "", "b"))
    assert account_of(engine, account_id).credit_score == 0
    first, second = _measures(engine, cid)
    assert (first.credit_delta, second.credit_delta) == (-70, -30)
    act(engine, revoke_measure, team.sup, second.id, reason="重复处置")
    assert account_of(engine, account_id).credit_score == 30


BAD_MEASURES = [
    (MeasureSpec("suspend", "", "r"), "days"),
    (MeasureSpec("suspend", "", "r", {"days": 0}), "days"),
    (MeasureSpec("restrict_functions", "", "r", {"functions": ["fly"]}), "fly"),
    (MeasureSpec("restrict_functions", "", "r"), "functions"),
    (MeasureSpec("correct_by_deadline", "", "r"), "deadline"),
    (MeasureSpec("warn", "", "r", {"days": 3}), "does not take"),
    (MeasureSpec("warn", "2022/99", "r"), "articles 1-24"),
    (MeasureSpec("warn", "", ""), "reason"),
    (MeasureSpec("exile", "", "r"), "unknown measure"),
    (MeasureSpec("warn", ", ".join(f"2022/8({i})" for i in range(1, 9)), "r"), "longer than 64"),
]


def test_bad_measures_are_refused_and_change_nothing(world):
    engine, team, account_id = world
    cid, v = screened_case(engine, team, account_id)
    for spec, words in BAD_MEASURES:
        with pytest.raises(ValidationError, match=words):
            dispose(engine, team, cid, v, MeasureSpec("warn", "", "ok"), spec)
    assert _measures(engine, cid) == []
    assert case_of(engine, cid).status == "screening"
    assert account_of(engine, account_id).credit_score == 100


def test_correction_measure_opens_an_order(world):
    engine, team, account_id = world
    cid, v = screened_case(engine, team, account_id)
    dispose(
        engine,
        team,
        cid,
        v,
        MeasureSpec("correct_by_deadline", "", "改名", {"deadline_days": 5, "required": "改名"}),
    )
    with session_scope(engine, write=False) as s:
        order = s.exec(select(CorrectionOrder)).one()
    # Five working days from Monday 2 March 2026: end of Monday 9 March, Beijing time.
    assert order.deadline.isoformat() == "2026-03-09T16:00:00+00:00"
    assert order.required == "改名" and order.status == "open"
    assert account_of(engine, account_id).status == "correcting"
