"""Measures the regulator orders (2022/21): a supervisor records the order (reference,
issuing body, date); the measure takes effect without a second approval, keeps the
order, and the regulator's report marks it; nothing else is skipped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.db.workflow.helpers import account_of, act, later, make_account, make_team, report
from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.errors import InvalidTransition, PermissionDenied, ValidationError
from workbench.measures import regulator_orders
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.models import AuditEvent, Case, Measure
from workbench.models.regulation import RegulatorOrder
from workbench.reports.regulator_report import build_report

ORDER = regulator_orders.OrderDetails("京网信办〔2026〕12号", "北京市网信办", later().date())


def _screening(engine, team, account_id) -> int:
    case_id = report(engine, account_id, category="impersonate_organisation").case.id
    act(engine, t.accept_case, team.mod, case_id, expected_version=1, now=later(hours=1))
    act(engine, screening.record_findings, team.mod, case_id, expected_version=2,
        findings=[("impersonate_organisation", "2022/8(2)", "")], now=later(hours=2))  # fmt: skip
    return case_id


def test_an_ordered_closure_takes_effect_at_once_and_is_marked_2022_21(engine):
    """2022/21: the platform takes the measures the regulator requires; the order is the
    authority, so a closure does not wait for a second supervisor."""
    team = make_team(engine)
    account_id = make_account(engine, "北京市公安局官方")
    case_id = _screening(engine, team, account_id)
    (measure,) = act(
        engine, regulator_orders.order_measures, team.sup, order=ORDER,
        measures=[MeasureSpec("close", "2022/8(2)", "监管部门要求关闭")], case_id=case_id,
        expected_version=3, now=later(hours=3),
    )  # fmt: skip
    with session_scope(engine, write=False) as s:
        stored = s.get(Measure, measure.id)
        order = s.exec(select(RegulatorOrder)).one()
        case = s.get(Case, case_id)
        actions = s.exec(select(AuditEvent.action).where(AuditEvent.case_id == case_id)).all()
    assert (stored.status, stored.approved_by) == ("in_effect", None)
    assert stored.basis == "2022/8(2), 2022/21"
    assert (order.measure_id, order.reference, order.issuing_body) == (
        measure.id,
        "京网信办〔2026〕12号",
        "北京市网信办",
    )
    assert case.status == "disposed" and account_of(engine, account_id).status == "closed"
    assert "measure.regulator_order" in actions
    with session_scope(engine, write=False) as s:
        report_ = build_report(s, later().date(), later().date(), now=later(hours=4))
    (line,) = report_.lines
    assert line.values["regulator_order"] == "京网信办〔2026〕12号 · 北京市网信办 · 2026-03-02"
    totals = {(section, code): value for section, code, _label, value in report_.totals()}
    assert totals[("regulation", "ordered")] == 1


def test_only_a_supervisor_records_an_order_and_its_details_are_required_2022_21(engine):
    team = make_team(engine)
    account_id = make_account(engine, "北京市公安局官方")
    case_id = _screening(engine, team, account_id)
    spec = [MeasureSpec("close", "2022/8(2)", "监管部门要求关闭")]
    with pytest.raises(PermissionDenied):
        act(engine, regulator_orders.order_measures, team.mod, order=ORDER, measures=spec,
            case_id=case_id, expected_version=3, now=later(hours=3))  # fmt: skip
    future = regulator_orders.OrderDetails("x", "北京市网信办", later(days=2).date())
    blank = regulator_orders.OrderDetails(" ", "北京市网信办", later().date())
    for bad in (future, blank):
        with pytest.raises(ValidationError):
            act(engine, regulator_orders.order_measures, team.sup, order=bad, measures=spec,
                case_id=case_id, expected_version=3, now=later(hours=3))  # fmt: skip
    with session_scope(engine, write=False) as s:
        assert s.exec(select(RegulatorOrder)).all() == []
        assert s.get(Case, case_id).status == "screening"


def test_an_order_on_an_account_without_a_case_2022_21(engine):
    team = make_team(engine)
    account_id = make_account(engine, "违规营销号")
    (measure,) = act(
        engine, regulator_orders.order_measures, team.sup, order=ORDER, account_id=account_id,
        measures=[MeasureSpec("suspend", "", "监管要求暂停", {"days": 30})],
        now=later(hours=1),
    )  # fmt: skip
    assert measure.status == "in_effect" and measure.case_id is None
    assert measure.effective_until - measure.effective_from == timedelta(days=30)
    with pytest.raises(InvalidTransition):  # a case not in screening
        case_id = report(engine, account_id, category="other").case.id
        act(engine, regulator_orders.order_measures, team.sup, order=ORDER, case_id=case_id,
            expected_version=1, measures=[MeasureSpec("warn", "", "x")], now=later(hours=2))  # fmt: skip
