"""Credit grades with consequences (2022/18 据以提供相应服务, 2021/13): thresholds set by
an administrator and checked, the functions a grade restricts, the grade change audited and
told to the holder, the grade weighing queue priority, and a revoked measure restoring both."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from workbench.access import auth
from workbench.cases.priority import explain_priority
from workbench.cli import main
from workbench.db import session_scope
from workbench.errors import PermissionDenied, ValidationError
from workbench.measures import credit_grades
from workbench.measures.measures import MeasureSpec, approve_measure, revoke_measure
from workbench.models import AuditEvent, Case, Reply, Setting

from .helpers import account_of, act, audit_ok, later, make_account, make_team
from .test_measures import _measures, dispose, screened_case

POLICY = {
    "thresholds": {"A": 90, "B": 70, "C": 50},
    "restricts": {"C": ["monetise"], "D": ["post", "follow", "monetise"]},
}


@pytest.fixture
def world(engine):
    team = make_team(engine)
    act(engine, credit_grades.set_policy, team.admin, POLICY, now=later())
    return engine, team, make_account(engine, contact="holder@example.com")


def _grade_events(engine):
    with session_scope(engine, write=False) as s:
        return s.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "account.credit_grade")
            .order_by(AuditEvent.id)
        ).all()


def _grade_notices(engine):
    with session_scope(engine, write=False) as s:
        return s.exec(
            select(Reply).where(Reply.template == "credit_grade_changed").order_by(Reply.id)
        ).all()


def test_a_closure_lowers_the_grade_restricts_and_tells_the_holder_and_revoking_restores_2022_18(
    world,
):
    """2022/18: closing takes 40 points (100 -> 60, grade C: monetisation restricted), audited
    and told to the holder; revoking gives the points back and with them grade A (2021/20)."""
    engine, team, account_id = world
    cid, v = screened_case(engine, team, account_id)
    dispose(engine, team, cid, v, MeasureSpec("close", "", "严重假冒"))
    (close,) = _measures(engine, cid)
    assert account_of(engine, account_id).credit_grade == "A"  # awaiting approval: no effect
    act(engine, approve_measure, team.sup, close.id, approve=True, reason="ok", now=later(hours=4))
    account = account_of(engine, account_id)
    assert (account.credit_score, account.credit_grade) == (60, "C")
    assert "monetise" in account.restrictions
    (event,) = _grade_events(engine)
    assert event.before == {"credit_grade": "A"}
    assert event.after["credit_grade"] == "C" and event.after["restricted"] == ["monetise"]
    (notice,) = _grade_notices(engine)
    assert notice.recipient_kind == "account_holder" and notice.status == "queued"
    assert notice.case_id == cid and notice.measure_id == close.id
    assert "由 A 级调整为 C 级" in notice.body and "收益" in notice.body
    assert event.after["notice_reply_id"] == notice.id

    act(engine, revoke_measure, team.sup2, close.id, reason="错误关闭", now=later(hours=5))
    account = account_of(engine, account_id)
    assert (account.credit_score, account.credit_grade) == (100, "A")
    assert account.restrictions == []
    assert [e.after["credit_grade"] for e in _grade_events(engine)] == ["C", "A"]
    assert len(_grade_notices(engine)) == 2
    assert audit_ok(engine)


def test_the_grade_weighs_queue_priority_2022_18(world):
    """A case against a D-grade account comes before the same case against an A-grade one."""
    engine, team, account_id = world
    other = make_account(engine, name="另一个号", platform_id="p-other")
    cid, _ = screened_case(engine, team, account_id)
    with session_scope(engine) as s:
        account = s.get(type(account_of(engine, account_id)), other)
        account.credit_score = 20
        s.add(account)
    act(engine, credit_grades.set_policy, team.admin, POLICY | {"thresholds": {"A": 95, "B": 70, "C": 50}}, now=later(hours=1))  # fmt: skip
    assert account_of(engine, other).credit_grade == "D"
    with session_scope(engine) as s:
        case = s.get(Case, cid)
        base, parts = explain_priority(s, case)
        assert parts["credit_grade"] == 0
        case.target_account_id = other
        lower, lower_parts = explain_priority(s, case)
    assert lower_parts["credit_grade"] == 9 and lower == pytest.approx(base + 9)


@pytest.mark.parametrize(
    ("policy", "where"),
    [
        ({"thresholds": {"A": 80, "B": 80, "C": 40}}, "thresholds.A"),
        ({"thresholds": {"A": 80, "B": 60}}, "thresholds"),
        ({"thresholds": {"A": 80, "B": 60, "C": 0}}, "thresholds.C"),
        ({"thresholds": {"A": "80", "B": 60, "C": 40}}, "thresholds.A"),
        ({"restricts": {"D": ["post", "fly"]}}, "restricts.D"),
        ({"restricts": {"E": []}}, "restricts"),
        ({"grades": {}}, "grades"),
    ],
)
def test_bad_thresholds_are_refused_naming_where_and_change_nothing_2022_18(world, policy, where):
    engine, team, _ = world
    with pytest.raises(ValidationError) as caught:
        act(engine, credit_grades.set_policy, team.admin, policy, now=later())
    assert where in str(caught.value)
    with session_scope(engine, write=False) as s:
        assert s.get(Setting, credit_grades.SETTING).value == POLICY | {
            "restricts": {"A": [], "B": [], "C": ["monetise"], "D": ["follow", "monetise", "post"]}
        }


def test_only_an_administrator_sets_the_thresholds(world):
    engine, team, _ = world
    with pytest.raises(PermissionDenied):
        act(engine, credit_grades.set_policy, team.sup, POLICY, now=later())


def test_workbench_credit_set_regrades_every_account_2022_18(
    engine, database_url, monkeypatch, capsys
):
    """``workbench credit set`` by an administrator; a bad number exits 2 naming the grade."""
    team = make_team(engine)
    with session_scope(engine) as s:
        auth.create_reviewer(
            s, team.admin, login="root", display_name="root", roles=["administrator"],
            password="pw-long-1",
        )  # fmt: skip
    account_id = make_account(engine, credit_score=75)
    monkeypatch.setenv("WORKBENCH_PASSWORD", "pw-long-1")
    args = ["credit", "set", "--as", "root", "--database", database_url]
    assert main([*args, "--thresholds", "A=80,B=60,C=x"]) == 2
    assert "--thresholds C" in capsys.readouterr().err
    assert account_of(engine, account_id).credit_grade == "A"  # not graded yet
    assert main([*args, "--thresholds", "A=80,B=60,C=40", "--restrict", "B=ads"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["thresholds"] == {"A": 80, "B": 60, "C": 40} and shown["regraded"] == 1
    assert shown["restricts"]["B"] == ["ads"]
    account = account_of(engine, account_id)
    assert (account.credit_grade, account.restrictions) == ("B", ["ads"])
    assert main(["credit", "grades", "--as", "root", "--database", database_url]) == 0
    assert json.loads(capsys.readouterr().out)["restricts"]["B"] == ["ads"]
