"""The rumour path (2021/13): screening finds rumour-spreading, the debunk and trace are
recorded, and the response is the one 2021/13 gives, the credit grade lowered one step or
the account blacklisted (after approval); the regulator's report counts it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.db.workflow.helpers import account_of, act, later, make_account, make_team, report
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.errors import ValidationError
from workbench.measures import rumours
from workbench.measures.measures import revoke_measure
from workbench.models import Case, Finding, Measure
from workbench.models.regulation import RumourRecord
from workbench.reports.regulator_report import build_report


def _accepted(engine, team, account_id) -> int:
    case_id = report(engine, account_id, category="false_information").case.id
    act(engine, t.accept_case, team.mod, case_id, expected_version=1, now=later(hours=1))
    return case_id


def _rumour(engine, team, case_id, response="downgrade_credit", **kw):
    return act(
        engine, rumours.record_rumour, team.mod, case_id, expected_version=2, response=response,
        debunk=kw.pop("debunk", "官方已发布辟谣声明：某市并未发生所述事件"),
        trace=kw.pop("trace", "首发于 2026-03-01 的一条转发"), reason="编造并传播不实信息",
        now=later(hours=2),
    )  # fmt: skip


def test_a_rumour_lowers_the_grade_one_step_and_revoking_restores_it_2021_13(engine):
    """2021/13: 降低信用等级; the grade's restrictions follow (2022/18), and revoking the
    measure gives the points and the grade back."""
    team = make_team(engine)
    account_id = make_account(engine, "本地热点速递", credit_score=95)
    assert account_of(engine, account_id).credit_grade == "A"
    case_id = _accepted(engine, team, account_id)
    row = _rumour(engine, team, case_id)
    account = account_of(engine, account_id)
    assert (account.credit_grade, account.credit_score) == ("B", 79)
    with session_scope(engine, write=False) as s:
        record = s.get(RumourRecord, row.record.id)
        measure = s.get(Measure, record.measure_id)
        finding = s.get(Finding, record.finding_id)
        case = s.get(Case, case_id)
    assert (measure.code, measure.status, measure.basis) == (
        "downgrade_credit",
        "in_effect",
        "2021/13",
    )
    assert (finding.category, finding.basis) == ("false_information", "2021/13")
    assert case.status == "disposed" and "官方已发布辟谣声明" in record.debunk
    act(engine, revoke_measure, team.sup, measure.id, reason="复核认定非谣言", now=later(hours=3))
    account = account_of(engine, account_id)
    assert (account.credit_grade, account.credit_score) == ("A", 95)


def test_a_serious_rumour_is_blacklisted_after_approval_2021_13(engine):
    """2021/13: 列入黑名单 for serious cases; a severe measure still waits for a supervisor."""
    team = make_team(engine)
    account_id = make_account(engine, "震惊内幕", credit_score=70)
    row = _rumour(engine, team, _accepted(engine, team, account_id), response="blacklist")
    with session_scope(engine, write=False) as s:
        measure = s.get(Measure, row.record.measure_id)
    assert (measure.code, measure.status) == ("blacklist", "pending_approval")
    assert account_of(engine, account_id).status == "active"


def test_the_lowest_grade_cannot_fall_and_other_responses_are_refused_2021_13(engine):
    team = make_team(engine)
    low = make_account(engine, "谣言工厂", credit_score=20, platform_id="p-low")
    case_id = _accepted(engine, team, low)
    with pytest.raises(ValidationError, match="blacklisted"):
        _rumour(engine, team, case_id)
    with pytest.raises(ValidationError, match="2021/13"):
        _rumour(engine, team, case_id, response="suspend")
    with pytest.raises(ValidationError):
        _rumour(engine, team, case_id, response="blacklist", debunk="  ")
    with session_scope(engine, write=False) as s:
        assert s.exec(select(RumourRecord)).all() == []
        assert s.get(Case, case_id).status == "accepted"


def test_the_regulator_report_counts_rumours_2021_13(engine):
    team = make_team(engine)
    account_id = make_account(engine, "本地热点速递", credit_score=95)
    _rumour(engine, team, _accepted(engine, team, account_id))
    with session_scope(engine, write=False) as s:
        report_ = build_report(s, later().date(), later(days=1).date(), now=later(days=1))
    totals = {(section, code): value for section, code, _label, value in report_.totals()}
    assert totals[("regulation", "rumours")] == 1
    assert totals[("measure", "downgrade_credit")] == 1
