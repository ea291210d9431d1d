"""What account holders send in, entered by hand, and what they are told (issue 15):
an appeal received by phone (2021/20), change requests screened on arrival and decided
(2022/10, 2022/15), notices to the holder previewed and sent (2021/20, 2022/15)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlmodel import select

from tests.ui import factories as f
from tests.ui.journeys import measured_case, open_window, people
from tests.ui.test_team_server import team_server  # noqa: F401  (a fixture)
from workbench.db import session_scope
from workbench.measures.corrections import open_correction_order
from workbench.models import (
    Account,
    Appeal,
    AuditEvent,
    ChangeRequest,
    Clock,
    CorrectionOrder,
    Measure,
    Reply,
    utcnow,
)
from workbench.operations import appeals
from workbench.ui.dialogs.appeal_intake import AppealIntakeDialog
from workbench.ui.dialogs.change_request_intake import ChangeRequestIntakeDialog
from workbench.ui.dialogs.holder_notice import HolderNoticeDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _platform_id(engine, measure_id: int) -> str:
    with session_scope(engine, write=False) as s:
        return s.get(Account, s.get(Measure, measure_id).account_id).platform_id


def test_an_appeal_by_phone_is_entered_by_hand_and_decided(qtbot, engine, runner, ui_settings):
    """2021/20: the appeal names a measure of the account that took effect; a time before
    the measure is refused in words and nothing is kept; once filed the decision clock runs
    from receipt, a second appeal on the measure cannot be chosen, and the decided appeal's
    answer is previewed and sent from the case."""
    actors = people(engine)
    case_id, measure_id = measured_case(engine, actors["mod"], "某市卫生健康委员会", n=601)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    action = window.intake.actions["appeal"]
    assert action.isVisible() and action in window.intake.menu.actions()
    action.trigger()
    dialog = window.intake.dialog
    assert isinstance(dialog, AppealIntakeDialog)
    dialog.platform_id.setText("no-such-account")
    dialog.find_button.click()
    assert "不存在" in dialog.problem.text()
    dialog.platform_id.setText(_platform_id(engine, measure_id))
    dialog.find_button.click()
    assert dialog.measure.count() == 1 and dialog.measure.currentData() == measure_id
    assert "可申诉至" in dialog.measure.currentText() and not _ok(dialog).isEnabled()
    dialog.appellant.setText("运营者张某")
    dialog.contact.setText("13900001111")
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    dialog.statement.setPlainText("账号名称为本单位正式简称，请求撤销")
    assert _ok(dialog).isEnabled()

    dialog.set_received(utcnow() - timedelta(days=2))  # before the measure took effect
    _ok(dialog).click()
    assert "早于处置生效" in dialog.problem.text() and dialog.isVisible()
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Appeal)).all() == []

    received = utcnow() + timedelta(seconds=1)
    dialog.set_received(received)
    with qtbot.waitSignal(dialog.filed) as filed:
        _ok(dialog).click()
    appeal_id = filed.args[0]
    assert "已登记申诉" in window.statusBar().currentMessage()
    with session_scope(engine, write=False) as s:
        appeal = s.get(Appeal, appeal_id)
        assert (appeal.measure_id, appeal.appellant_name, appeal.status) == (
            measure_id, "运营者张某", "appeal_received")  # fmt: skip
        clock = s.exec(select(Clock).where(Clock.appeal_id == appeal_id)).one()
        assert abs(clock.started_at - received) < timedelta(minutes=1)
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "appeal.file")).one()
        assert (event.actor_id, event.after["channel"]) == (actors["mod"].id, "phone")

    window.intake.enter_appeal()  # one open appeal per measure: it cannot be chosen again
    again = window.intake.dialog
    again.platform_id.setText(_platform_id(engine, measure_id))
    again.find_button.click()
    assert f"已有未结申诉 A{appeal_id}" in again.measure.itemText(0)
    assert again.measure.currentIndex() == -1
    again.reject()

    # Decided by an appeal reviewer in the 申诉复核 tab, then answered from the case view.
    window2, panels2 = open_window(qtbot, engine, actors["appeals"], runner, ui_settings)
    review = panels2.appeals
    window2.pages.setCurrentWidget(review)
    with qtbot.waitSignal(review.appeal_loaded):
        review.show_appeal(appeal_id)
    assert "账号名称为本单位正式简称" in review.appeal_text.text()
    review.reason.setText("名称仍易误认为机关")
    with qtbot.waitSignal(review.decided) as decided:
        review.buttons["upheld"].click()
    assert decided.args == [appeal_id, "upheld"]
    window2.pages.setCurrentIndex(0)
    with qtbot.waitSignal(window2.case_view.case_loaded):
        window2.case_view.show_case(case_id)
    panels2.actions.actions["notify"].trigger()
    notice = panels2.actions.active_dialog
    assert isinstance(notice, HolderNoticeDialog)
    kinds = [t.kind for t in notice.targets]
    notice.subject_of.setCurrentIndex(kinds.index("appeal"))
    assert "维持" in notice.body.toPlainText() or "upheld" in notice.body.toPlainText()
    with qtbot.waitSignal(notice.sent):
        _ok(notice).click()
    with session_scope(engine, write=False) as s:
        assert s.get(Appeal, appeal_id).status == "replied"


def _ordered_account(engine, name: str, bio: str = "") -> tuple[str, int]:
    with session_scope(engine) as s:
        account = f.account(s, name=name, bio=bio)
        order = open_correction_order(s, None, account_id=account.id, required="名称冒充机关",
                                      deadline=utcnow() + timedelta(days=3))  # fmt: skip
        return account.platform_id, order.id


def _enter_change(qtbot, window, platform_id: str, value: str, *, bio: str = ""):
    window.intake.actions["change_request"].trigger()
    dialog = window.intake.dialog
    assert isinstance(dialog, ChangeRequestIntakeDialog)
    dialog.platform_id.setText(platform_id)
    dialog.find_button.click()
    dialog.field.setCurrentIndex(dialog.field.findData("bio"))
    assert dialog.current.text() == bio  # phones in it masked (2022/16)
    dialog.field.setCurrentIndex(dialog.field.findData("name"))
    assert dialog.current.text()  # the current name beside the field
    dialog.value.setText(value)
    dialog.reason.setText("按限期改正要求更名")
    with qtbot.waitSignal(dialog.submitted) as submitted:
        _ok(dialog).click()
    return submitted.args[0]


def test_change_requests_entered_by_hand_are_screened_and_decided(qtbot, engine, runner,
                                                                  ui_settings):  # fmt: skip
    """2022/10: screened on arrival, a clean name is made at once and meets the correction
    order it answers (2022/15); names of news outlets are held for the 信息变更审核 tab (the
    信息变更 queue entry counts and opens it), where one is refused with 不予变更 and the
    article and another approved, closing its order."""
    actors = people(engine)
    clean_pid, clean_order = _ordered_account(engine, "某市税务局")
    refused_pid, _ = _ordered_account(engine, "某县公安局", bio="合作请电话13812345678")
    approved_pid, approved_order = _ordered_account(engine, "某区教育局")
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)

    passed = _enter_change(qtbot, window, clean_pid, "小王的茶叶店")
    assert passed.status == "passed" and "已生效" in window.statusBar().currentMessage()
    held = _enter_change(qtbot, window, refused_pid, "人民日报", bio="合作请电话138****5678")
    assert held.status == "pending" and "2022/8(4)" in {h.basis for h in held.hits}
    other = _enter_change(qtbot, window, approved_pid, "新华视点")
    assert other.status == "pending"
    assert window.queue_list.count_of("change_requests").total == 2
    with session_scope(engine, write=False) as s:
        assert s.get(CorrectionOrder, clean_order).status == "met"
        assert s.exec(select(Account).where(Account.platform_id == clean_pid)).one().name \
            == "小王的茶叶店"  # fmt: skip

    view = panels.change_requests
    with qtbot.waitSignal(view.loaded):
        window.queue_list.select("change_requests")
    assert window.pages.currentWidget() is view and view.list.rowCount() == 2
    view.select(held.id)
    view.reason.setText("仍含新闻媒体名称")
    view.basis.setText("2022/8(4)")
    with qtbot.waitSignal(view.decided):
        view.buttons["refuse"].click()
    view.select(other.id)
    assert view.current.id == other.id
    with qtbot.waitSignal(view.decided):
        view.buttons["approve"].click()
    with session_scope(engine, write=False) as s:
        assert s.get(ChangeRequest, held.id).status == "rejected"
        assert s.get(ChangeRequest, other.id).status == "passed"
        assert s.get(CorrectionOrder, approved_order).status == "met"
        assert s.exec(select(Account).where(Account.platform_id == refused_pid)).one().name \
            == "某县公安局"  # fmt: skip
    window.intake.count_changes()
    assert window.queue_list.count_of("change_requests").total == 0


def test_the_holder_is_notified_of_a_measure_from_the_case(qtbot, engine, runner, ui_settings):
    """2021/20: the notice of a measure, its basis and the right to appeal is previewed
    (address masked) and queued; an edited notice naming the reporter is refused."""
    actors = people(engine)
    case_id, measure_id = measured_case(engine, actors["mod"], "某市交通运输局", n=602)
    with session_scope(engine) as s:
        s.get(Account, s.get(Measure, measure_id).account_id).contact = "holder602@example.com"
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.case_view.show_case(case_id)
    action = panels.actions.actions["notify"]
    assert action.isEnabled() and action in window.case_menu.actions()
    action.trigger()
    dialog = panels.actions.active_dialog
    assert isinstance(dialog, HolderNoticeDialog)
    assert [(t.kind, t.id) for t in dialog.targets] == [("measure", measure_id)]
    assert "holder602@example.com" not in dialog.recipient.text() and "@" in dialog.recipient.text()
    body = dialog.body.toPlainText()
    assert "2022/8(2)" in body and "申诉" in body and "举报人602" not in body
    dialog.body.setPlainText(body + "\n举报人：举报人602")
    _ok(dialog).click()
    assert "举报人的身份信息" in dialog.problem.text() and dialog.isVisible()
    dialog.preview()  # back to the template's text
    with qtbot.waitSignal(dialog.sent) as sent:
        _ok(dialog).click()
    with session_scope(engine, write=False) as s:
        reply = s.get(Reply, sent.args[0])
        assert (reply.measure_id, reply.recipient_kind, reply.template) == (
            measure_id, "account_holder", "measure_notice")  # fmt: skip
        assert reply.recipient_address == "holder602@example.com"
        assert "举报人602" not in reply.body and "reporter602" not in reply.body
    assert "发件箱" in panels.actions.message.text()


def test_intake_and_notices_cross_the_team_server(engine, team_server):  # noqa: F811
    """2021/20, 2022/10: through a team server the appeal's measures, the appeal, the
    screened change request and the holder's notice carry their values over the wire."""
    from workbench.operations import change_requests, holder_notices

    _server, actors, client = team_server
    case_id, measure_id = measured_case(engine, actors["mod"], "某市民政局", n=603)
    mod = client("mod")
    target = mod.call(appeals.appeal_targets, platform_id=_platform_id(engine, measure_id))
    assert [m.id for m in target.measures] == [measure_id] and target.window_days > 0
    appeal_id = mod.call(appeals.file_appeal, measure_id=measure_id, appellant_name="运营者",
                         text="请求复核", channel="letter", received_at=utcnow())  # fmt: skip
    assert mod.call(appeals.appeal_targets, platform_id=target.platform_id).measures[0] \
        .open_appeal_id == appeal_id  # fmt: skip
    held = mod.call(change_requests.submit_change_request, platform_id=target.platform_id,
                    field="name", value="人民日报")  # fmt: skip
    assert held.status == "pending" and held.hits
    targets = mod.call(holder_notices.case_notices, case_id=case_id)
    assert [(t.kind, t.id) for t in targets] == [("measure", measure_id)]
    draft = mod.call(holder_notices.preview_holder_notice, kind="measure", entity_id=measure_id)
    assert draft.template == "measure_notice" and draft.context == {}
    reply_id = mod.call(holder_notices.send_holder_notice, kind="measure", entity_id=measure_id)
    with session_scope(engine, write=False) as s:
        assert s.get(Reply, reply_id).measure_id == measure_id


@pytest.mark.parametrize("who", ["admin", "appeals", "mod"])
def test_the_change_count_is_asked_only_by_roles_that_may(
    qtbot, engine, runner, ui_settings, monkeypatch, who
):
    """The pending change-request count needs a moderator or supervisor (2022/10): an
    administrator or appeal reviewer is not asked for it, so no refusal reaches the status
    bar; a moderator gets the number beside 信息变更."""
    from workbench.operations import change_requests
    from workbench.operations.local import LocalClient

    actors = people(engine)
    asked: list[str] = []
    call = LocalClient.call

    def spy(self, op, *args, **kw):
        asked.append(getattr(op, "__operation__", str(op)))
        return call(self, op, *args, **kw)

    monkeypatch.setattr(LocalClient, "call", spy)
    window, _panels = open_window(qtbot, engine, actors[who], runner, ui_settings)
    window.bus.changed.emit("change_request", [])
    counted = asked.count(change_requests.pending_change_request_count.__operation__)
    assert window.statusBar().currentMessage() == ""
    if who == "mod":
        assert counted == 2  # at start and on the change
    else:
        assert counted == 0
