"""Appeals (申诉, 2021/20): filing within the window, one open appeal per measure,
an independent appeal reviewer, and the three outcomes on the account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.db.appeals.support import WARN, disposed_case, make_reviewer
from tests.db.workflow.helpers import account_of, act, audit_ok, later, make_account, make_team
from workbench.db import session_scope
from workbench.errors import (
    InvalidTransition,
    PermissionDenied,
    StaleVersion,
    ValidationError,
)
from workbench.measures import appeals
from workbench.measures.measures import MeasureSpec, approve_measure
from workbench.models import Appeal, Clock, Measure, Reply
from workbench.settings import put_setting

SUSPEND = MeasureSpec("suspend", "", "冒用新闻媒体名义", {"days": 30})


@pytest.fixture
def world(engine):
    team = make_team(engine)
    account_id = make_account(engine)
    return engine, team, account_id


def _file(engine, measure_id, *, days=1, name="王五", contact="wangwu@example.com"):
    return act(
        engine,
        appeals.file_appeal,
        None,
        measure_id=measure_id,
        appellant_name=name,
        appellant_contact=contact,
        text="账号名称为本单位注册商标，并非冒用",
        received_at=later(hours=3, days=days),
    )


def _review(engine, reviewer, appeal, outcome, *, revised=None, reason="复核意见", now=None):
    act(
        engine,
        appeals.start_appeal_screening,
        reviewer,
        appeal.id,
        expected_version=appeal.version,
        now=later(days=3),
    )
    return act(
        engine,
        appeals.decide_appeal,
        reviewer,
        appeal.id,
        expected_version=appeal.version + 1,
        outcome=outcome,
        reason=reason,
        revised_measure=revised,
        now=now or later(days=4),
    )


def _get(engine, model, row_id):
    with session_scope(engine, write=False) as s:
        return s.get(model, row_id)


def _replies(engine, appeal_id):
    with session_scope(engine, write=False) as s:
        return s.exec(select(Reply).where(Reply.appeal_id == appeal_id).order_by(Reply.id)).all()


def test_upheld_appeal_leaves_the_measure_and_answers_the_appellant(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(engine, team.mod, account_id, SUSPEND)
    before = account_of(engine, account_id)
    assert before.status == "suspended" and before.credit_score < 100
    appeal = _file(engine, measure.id)
    assert appeal.status == "appeal_received" and appeal.due_at is not None
    decided = _review(engine, team.appeals, appeal, "upheld", reason="事实清楚，维持")
    assert decided.status == "upheld" and decided.decided_by == team.appeals.id
    after = account_of(engine, account_id)
    assert (after.status, after.credit_score) == (before.status, before.credit_score)
    assert _get(engine, Measure, measure.id).status == "in_effect"
    reply = act(
        engine,
        appeals.reply_appeal,
        team.appeals,
        appeal.id,
        expected_version=decided.version,
        now=later(days=4, hours=1),
    )
    assert _get(engine, Appeal, appeal.id).status == "replied"
    sent = _replies(engine, appeal.id)
    assert [r.template for r in sent] == ["appeal_received", "appeal_upheld"]
    assert reply.recipient_kind == "appellant" and reply.recipient_address == "wangwu@example.com"
    assert "王五" in reply.body and "维持" in reply.body and "事实清楚，维持" in reply.body
    with session_scope(engine, write=False) as s:
        clock = s.exec(select(Clock).where(Clock.appeal_id == appeal.id)).one()
    assert clock.stage == "appeal_decision" and clock.state == "met"
    assert audit_ok(engine)


def test_revoked_appeal_restores_the_account_and_its_credit(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(engine, team.mod, account_id, SUSPEND)
    assert account_of(engine, account_id).credit_score < 100
    appeal = _file(engine, measure.id)
    decided = _review(engine, team.appeals, appeal, "revoked", reason="注册商标，不构成冒用")
    account = account_of(engine, account_id)
    assert (account.status, account.credit_score, account.restrictions) == ("active", 100, [])
    undone = _get(engine, Measure, measure.id)
    assert undone.status == "revoked" and undone.revoked_by == team.appeals.id
    reply = act(
        engine, appeals.reply_appeal, team.appeals, appeal.id, expected_version=decided.version
    )
    assert reply.template == "appeal_revoked" and "撤销" in reply.subject
    assert audit_ok(engine)


def test_revised_appeal_replaces_the_measure_with_a_lighter_one(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(engine, team.mod, account_id, SUSPEND)
    appeal = _file(engine, measure.id)
    decided = _review(
        engine,
        team.appeals,
        appeal,
        "revised",
        revised=MeasureSpec("warn", "2022/8(4)", "情节轻微，改为警示"),
    )
    old = _get(engine, Measure, measure.id)
    new = _get(engine, Measure, decided.revised_measure_id)
    assert old.status == "revised"
    assert (new.code, new.status, new.supersedes_id) == ("warn", "in_effect", old.id)
    account = account_of(engine, account_id)
    assert account.status == "warned" and account.credit_score == 100 + new.credit_delta
    reply = act(
        engine,
        appeals.reply_appeal,
        team.appeals,
        appeal.id,
        expected_version=decided.version,
        language="en",
    )
    assert reply.template == "appeal_revised" and "Warning" in reply.body
    assert audit_ok(engine)


def test_a_second_open_appeal_on_a_measure_is_refused(world, monkeypatch):
    engine, team, account_id = world
    _, (measure,) = disposed_case(engine, team.mod, account_id)
    _file(engine, measure.id)
    with pytest.raises(InvalidTransition, match="open appeal"):
        _file(engine, measure.id, days=2)
    # Two reviewers filing at the same moment: the partial unique index decides, readably.
    monkeypatch.setattr(appeals, "open_appeal_id", lambda session, measure_id: None)
    with pytest.raises(InvalidTransition, match="已有一项未结的申诉"):
        _file(engine, measure.id, days=2)
    with session_scope(engine, write=False) as s:
        assert len(s.exec(select(Appeal)).all()) == 1


def test_late_appeal_is_refused_and_the_window_is_a_setting(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(engine, team.mod, account_id)
    with pytest.raises(ValidationError, match="15 days") as info:
        _file(engine, measure.id, days=16)
    assert "申诉期限" in str(info.value)
    with session_scope(engine) as s:
        put_setting(s, team.admin, "appeals.window_days", 20)
    assert _file(engine, measure.id, days=16).status == "appeal_received"


def test_the_last_day_of_the_window_still_counts(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(engine, team.mod, account_id)
    # Effective 2026-03-02 13:00 Beijing; the 15th day after ends 2026-03-17 24:00 Beijing.
    last_minute = measure.effective_from + timedelta(days=15, hours=10, minutes=59)
    appeal = act(
        engine,
        appeals.file_appeal,
        None,
        measure_id=measure.id,
        appellant_name="王五",
        text="申诉",
        received_at=last_minute,
    )
    assert appeal.id is not None


def test_the_decider_or_approver_cannot_review_the_appeal(world):
    engine, team, account_id = world
    both = make_reviewer(engine, "modappeals", "moderator", "appeal_reviewer")
    _, (measure,) = disposed_case(engine, both, account_id)
    appeal = _file(engine, measure.id)
    with pytest.raises(PermissionDenied, match="another appeal reviewer") as info:
        act(engine, appeals.start_appeal_screening, both, appeal.id, expected_version=1)
    assert "不能复核" in str(info.value)
    # The supervisor who approved a severe measure may not review it either.
    approver = make_reviewer(engine, "supappeals", "supervisor", "appeal_reviewer")
    other = make_account(engine, name="另一个账号")
    _, (severe,) = disposed_case(engine, team.mod, other, MeasureSpec("close", "", "冒用"))
    act(
        engine,
        approve_measure,
        approver,
        severe.id,
        approve=True,
        reason="同意",
        now=later(hours=4),
    )
    appeal2 = _file(engine, severe.id)
    with pytest.raises(PermissionDenied):
        act(engine, appeals.start_appeal_screening, approver, appeal2.id, expected_version=1)
    # ...nor the decider of a measure that an appeal replaced.
    decided = _review(engine, team.appeals, appeal, "revised", revised=WARN)
    appeal3 = _file(engine, decided.revised_measure_id, days=4)
    with pytest.raises(PermissionDenied):
        act(engine, appeals.start_appeal_screening, both, appeal3.id, expected_version=1)


def test_appeal_reviewer_role_and_version_are_checked(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(engine, team.mod, account_id)
    appeal = _file(engine, measure.id)
    with pytest.raises(PermissionDenied, match="Appeal reviewer"):
        act(engine, appeals.start_appeal_screening, team.mod2, appeal.id, expected_version=1)
    with pytest.raises(StaleVersion):
        act(engine, appeals.start_appeal_screening, team.appeals, appeal.id, expected_version=7)
    with pytest.raises(InvalidTransition, match="cannot be decided"):
        act(
            engine,
            appeals.decide_appeal,
            team.appeals,
            appeal.id,
            expected_version=1,
            outcome="upheld",
            reason="x",
        )
    assert _get(engine, Appeal, appeal.id).version == 1


def test_only_a_measure_in_effect_can_be_appealed(world):
    engine, team, account_id = world
    _, (severe,) = disposed_case(engine, team.mod, account_id, MeasureSpec("close", "", "冒用"))
    assert severe.status == "pending_approval"
    with pytest.raises(InvalidTransition, match="took effect"):
        _file(engine, severe.id)
