"""Regulator referrals (监管转办, 2022/21 co-operation, 2022/20 督办): a report on the
regulator's channel opens its own case in the referrals queue under the referral time
limits, never joined with ordinary reports; once decided, the report back (回复监管) is
drafted from the referral templates and its sending audited."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from tests.db.audit_support import sealed
from tests.db.workflow.helpers import act, later, make_account, make_team, report
from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.measures.measures import dispose_case
from workbench.models import AuditEvent, Case, Clock, Reply
from workbench.replies import replies


def _referral(engine, account_id, n=1, **kw):
    return report(
        engine, account_id, channel="regulator_referral", category="impersonate_organisation",
        reporter="CAC-BJ", reporter_name="北京市网信办", reporter_contact="jubao@bjcac.gov.cn",
        external_id=f"京网信转〔2026〕{n}号", **kw,
    )  # fmt: skip


def test_a_referral_opens_its_own_case_under_the_referral_time_limit_2022_21(engine):
    """2022/21: referrals in their own queue; the shipped limit accepts within 4 hours."""
    account_id = make_account(engine, "某市政府发布")
    ordinary = report(engine, account_id, category="impersonate_organisation").case
    referral = _referral(engine, account_id).case
    again = report(engine, account_id, category="impersonate_organisation", reporter="r9")
    assert (ordinary.queue, referral.queue) == ("reports", "referrals")
    assert referral.id != ordinary.id and again.case.id == ordinary.id  # neither joins the other
    assert _referral(engine, account_id, n=2).case.id == referral.id  # a second referral joins
    with session_scope(engine, write=False) as s:
        clock = s.exec(select(Clock).where(Clock.case_id == referral.id)).one()
    assert clock.stage == "accept" and clock.due_at - clock.started_at == timedelta(hours=4)


def test_a_decided_referral_is_reported_back_and_the_sending_audited_2022_21(engine):
    team = make_team(engine)
    account_id = make_account(engine, "某市政府发布")
    case_id = _referral(engine, account_id).case.id
    act(engine, t.accept_case, team.mod, case_id, expected_version=1, now=later(hours=1))
    act(engine, screening.record_findings, team.mod, case_id, expected_version=2,
        findings=[("impersonate_organisation", "2022/8(2)", "")], now=later(hours=2))  # fmt: skip
    act(engine, dispose_case, team.mod, case_id, expected_version=3,
        measures=[MeasureSpec("warn", "", "冒用政府机关名义")], now=later(hours=3))  # fmt: skip
    (reply,) = act(
        engine, replies.reply_to_reporters, team.mod, case_id, expected_version=4,
        now=later(hours=4),
    )  # fmt: skip
    with session_scope(engine, write=False) as s:
        stored = s.get(Reply, reply.id)
        case = s.get(Case, case_id)
        sealed(s)
        event = s.exec(
            select(AuditEvent).where(
                AuditEvent.action == "reply.queue", AuditEvent.case_id == case_id
            )
        ).one()
    assert stored.template == "referral_measure_taken"
    assert stored.recipient_address == "jubao@bjcac.gov.cn"
    assert "京网信转〔2026〕1号" in stored.subject and "警示提醒" in stored.body
    assert case.status == "replied" and event.actor_id == team.mod.id
