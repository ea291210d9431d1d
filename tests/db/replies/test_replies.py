"""Replies: every reporter answered once, the account holder told of each measure and
the right to appeal, and never told who reported."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.db.appeals.support import disposed_case
from tests.db.workflow.helpers import act, audit_ok, case_of, later, make_account, make_team, report
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.errors import InvalidTransition, PermissionDenied, ValidationError
from workbench.measures.measures import MeasureSpec
from workbench.models import Reply
from workbench.replies import notices, replies
from workbench.replies.templates import TemplateError

REPORTERS = [
    ("rep-zhang-001", "张三丰", "zhangsan@example.com"),
    ("rep-li-002", "李四光", "13912345678"),
    ("rep-zhao-003", "赵六", "zhao6@example.org"),
]


@pytest.fixture
def world(engine):
    team = make_team(engine)
    account_id = make_account(engine, name="某某新闻", contact="holder@example.net")
    return engine, team, account_id


def _all_replies(engine):
    with session_scope(engine, write=False) as s:
        return s.exec(select(Reply).order_by(Reply.id)).all()


def test_every_reporter_gets_one_reply_and_repeat_reporters_once(world):
    engine, team, account_id = world
    cid, _ = disposed_case(
        engine, team.mod, account_id, reporters=[*REPORTERS, REPORTERS[0], REPORTERS[1]]
    )
    version = case_of(engine, cid).version
    sent = act(
        engine,
        replies.reply_to_reporters,
        team.mod,
        cid,
        expected_version=version,
        now=later(hours=5),
    )
    assert sorted(r.recipient_address for r in sent) == sorted(c for _, _, c in REPORTERS)
    assert {r.template for r in sent} == {"measure_taken"}
    for reply, (_, name, _) in zip(sent, REPORTERS, strict=True):
        assert reply.body.startswith(f"{name}，您好") and "警示提醒" in reply.body
        assert reply.status == "queued" and reply.attempts == 0
    assert case_of(engine, cid).status == "replied"
    # Asking again sends nothing twice.
    assert act(engine, replies.reply_to_reporters, team.mod, cid, template="measure_taken") == []
    assert len(_all_replies(engine)) == 3
    assert audit_ok(engine)


def test_reviewer_edits_the_text_once_and_each_reporter_gets_their_own_name(world):
    engine, team, account_id = world
    cid = report(
        engine, account_id, reporter="a", reporter_name="甲某", reporter_contact="13912345678"
    ).case.id
    report(engine, account_id, reporter="b", reporter_name="乙某")
    edited = "{reporter_name}：已收到您的举报 {report_reference}，谢谢。{{备注}}"
    drafts = act(engine, replies.preview_reply, case_id=cid, body_override=edited)
    assert [d.body.split("：")[0] for d in drafts] == ["甲某", "乙某"]
    assert drafts[0].body.endswith("谢谢。{备注}")
    assert drafts[0].masked_address == "139****5678"  # what the preview screen shows
    assert _all_replies(engine) == []  # a preview queues nothing
    with pytest.raises(TemplateError, match="undeclared placeholder"):
        act(engine, replies.preview_reply, case_id=cid, body_override="{account_contact}")
    sent = act(engine, replies.reply_to_reporters, team.mod, cid, body_override=edited)
    assert [r.body for r in sent] == [d.body for d in drafts]
    assert sent[0].template == "report_accepted"


def test_declined_reporters_get_the_template_of_the_reason(world):
    engine, team, account_id = world
    cid = report(engine, account_id, reporter="a").case.id
    act(
        engine,
        t.decline_case,
        team.mod,
        cid,
        expected_version=1,
        reason_code="insufficient_information",
        note="无证据",
        now=later(hours=1),
    )
    (reply,) = act(engine, replies.reply_to_reporters, team.mod, cid, language="en")
    assert reply.template == "report_declined_insufficient_information"
    assert "evidence" in reply.body and reply.language == "en"


def test_account_holder_notice_has_the_appeal_right_and_no_reporter_identity(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(
        engine,
        team.mod,
        account_id,
        MeasureSpec("suspend", "", "账号名称冒用新闻媒体", {"days": 30}),
        reporters=REPORTERS,
    )
    waiting = act(engine, notices.measures_awaiting_notice)
    assert [m.id for m in waiting] == [measure.id]
    for language in ("zh_CN", "en"):
        reply = act(engine, replies.notify_account_holder, team.mod, measure.id, language=language)
        text = reply.subject + reply.body + (reply.recipient_address or "")
        for ext, name, contact in REPORTERS:
            assert ext not in text and name not in text and contact not in text
        assert reply.recipient_kind == "account_holder"
        assert reply.recipient_address == "holder@example.net"
        assert "2022/8(4)" in reply.body and "15" in reply.body
    assert act(engine, notices.measures_awaiting_notice) == []
    zh = _all_replies(engine)[0].body
    assert "暂停使用" in zh and "申诉" in zh and "2026-03-17" in zh  # effective 03-02 + 15 days


def test_a_notice_naming_a_reporter_is_refused(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(
        engine,
        team.mod,
        account_id,
        MeasureSpec("warn", "", "经用户张三丰举报核实"),  # the reason names a reporter
        reporters=REPORTERS,
    )
    with pytest.raises(ValidationError, match="reporter's identity"):
        act(engine, replies.notify_account_holder, team.mod, measure.id)
    with pytest.raises(ValidationError, match="reporter's identity"):
        act(
            engine,
            replies.notify_account_holder,
            team.mod,
            measure.id,
            body_override="请联系 13912345678 了解详情",
        )
    reply = act(
        engine,
        replies.notify_account_holder,
        team.mod,
        measure.id,
        body_override="您的账号 {account_name} 已被{measure_label}，可在 {appeal_deadline} 前申诉。",
    )
    assert reply.body.startswith("您的账号 某某新闻 已被警示提醒")
    assert len(_all_replies(engine)) == 1


def test_correction_order_notice_names_the_deadline(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(
        engine,
        team.mod,
        account_id,
        MeasureSpec(
            "correct_by_deadline",
            "",
            "名称含新闻字样",
            {"deadline_days": 5, "required": "修改名称"},
        ),
    )
    reply = act(engine, replies.notify_account_holder, team.mod, measure.id)
    assert reply.template == "correction_order_notice"
    assert "修改名称" in reply.body and "申诉" in reply.body


def test_pending_measures_are_not_announced_and_roles_are_checked(world):
    engine, team, account_id = world
    _, (severe,) = disposed_case(engine, team.mod, account_id, MeasureSpec("close", "", "冒用"))
    with pytest.raises(InvalidTransition, match="not in effect"):
        act(engine, replies.notify_account_holder, team.mod, severe.id)
    with pytest.raises(PermissionDenied):
        act(engine, replies.notify_account_holder, team.admin, severe.id)
    with pytest.raises(PermissionDenied):
        act(engine, replies.reply_to_reporters, team.admin, severe.case_id)


def test_short_chinese_names_are_caught_and_common_words_do_not_block(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(
        engine,
        team.mod,
        account_id,
        MeasureSpec("warn", "", "经李四举报核实"),
        reporters=[("u-0001", "李四", None), ("u-0002", "运营者", None)],
    )
    with pytest.raises(ValidationError, match="reporter's identity"):
        act(engine, replies.notify_account_holder, team.mod, measure.id)
    # "运营者" is part of the notice's fixed wording: it names nobody.
    reply = act(
        engine,
        replies.notify_account_holder,
        team.mod,
        measure.id,
        body_override="{account_name} 的运营者：您的账号已被{measure_label}。",
    )
    assert "运营者" in reply.body


def test_reporters_hear_of_approved_measures_but_not_rejected_ones(world):
    """2021/20, 2022/17: the reply states the measures in effect; a rejected one never."""
    from workbench.measures.measures import approve_measure

    engine, team, account_id = world
    cid, (warn, close, blacklist) = disposed_case(
        engine,
        team.mod,
        account_id,
        MeasureSpec("warn", "", "冒用"),
        MeasureSpec("close", "", "冒用"),
        MeasureSpec("blacklist", "", "冒用"),
    )
    act(engine, approve_measure, team.sup, blacklist.id, approve=False, reason="过重")
    act(engine, approve_measure, team.sup, close.id, approve=True, reason="情节严重")
    (reply,) = act(engine, replies.reply_to_reporters, team.mod, cid)
    assert "警示提醒、关闭账号" in reply.body and "黑名单" not in reply.body


def test_reply_waits_while_a_severe_measure_awaits_approval(world):
    """2021/20, 2022/17: 列入黑名单 and 禁止重新注册 waiting for a supervisor are not in
    effect, so the reporters are not told of them and the case is not marked replied;
    after approval the reply states them and the case is replied."""
    from workbench.measures.measures import approve_measure

    engine, team, account_id = world
    cid, (blacklist, ban) = disposed_case(
        engine,
        team.mod,
        account_id,
        MeasureSpec("blacklist", "", "冒用"),
        MeasureSpec("ban_reregistration", "", "冒用"),
        reporters=REPORTERS[:2],
    )
    version = case_of(engine, cid).version
    for call in (
        lambda: act(engine, replies.preview_reply, case_id=cid),
        lambda: act(engine, replies.preview_reply, case_id=cid, template="report_accepted"),
        lambda: act(engine, replies.reply_to_reporters, team.mod, cid, expected_version=version),
        lambda: act(
            engine,
            replies.queue_reply,
            team.mod,
            case_id=cid,
            recipient_kind="reporter",
            template="report_accepted",
            context={},
        ),
        lambda: act(engine, replies.notify_account_holder, team.mod, blacklist.id),
    ):
        with pytest.raises(InvalidTransition, match="尚待主管审批|尚未生效"):
            call()
    with pytest.raises(InvalidTransition, match="awaiting a supervisor's approval") as refused:
        act(engine, replies.reply_to_reporters, team.mod, cid, expected_version=version)
    assert "列入黑名单、禁止重新注册" in refused.value.zh and "尚待主管审批" in refused.value.zh
    assert _all_replies(engine) == []
    assert case_of(engine, cid).status == "disposed" and case_of(engine, cid).version == version

    act(engine, approve_measure, team.sup, blacklist.id, approve=True, reason="情节严重")
    with pytest.raises(InvalidTransition, match=r"\(Ban re-registration\)") as refused:
        act(engine, replies.reply_to_reporters, team.mod, cid, expected_version=version)
    assert "黑名单" not in refused.value.zh
    act(engine, approve_measure, team.sup, ban.id, approve=True, reason="情节严重")
    version = case_of(engine, cid).version
    sent = act(
        engine,
        replies.reply_to_reporters,
        team.mod,
        cid,
        expected_version=version,
        now=later(hours=5),
    )
    assert len(sent) == 2
    assert all("平台已依法依约采取以下措施：列入黑名单、禁止重新注册" in r.body for r in sent)
    assert case_of(engine, cid).status == "replied"
    assert audit_ok(engine)


def test_queue_reply_with_an_explicit_context_is_checked_like_the_others(world):
    engine, team, account_id = world
    _, (measure,) = disposed_case(engine, team.mod, account_id, reporters=REPORTERS)
    context = {
        "account_name": "某某新闻",
        "platform_id": "p-1",
        "measure_reference": "M1",
        "measure_label": "警示提醒",
        "measure_basis": "2022/8(4)",
        "measure_reason": "举报人 zhangsan@example.com 反映",
        "effective_from": later(hours=3),
        "effective_until": "无固定期限",
        "appeal_window_days": 15,
        "appeal_deadline": "2026-03-17",
    }
    kw = {"measure_id": measure.id, "template": "measure_notice", "context": context}
    with pytest.raises(ValidationError, match="reporter's identity"):
        act(engine, replies.queue_reply, team.mod, recipient_kind="account_holder", **kw)
    context["measure_reason"] = "账号名称冒用新闻媒体"
    with pytest.raises(ValidationError, match="recipient_kind"):
        act(engine, replies.queue_reply, team.mod, recipient_kind="regulator", **kw)
    reply = act(engine, replies.queue_reply, team.mod, recipient_kind="account_holder", **kw)
    assert "2026-03-02 13:00 UTC+8" in reply.body and reply.status == "queued"
