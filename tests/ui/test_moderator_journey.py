"""A moderator works a report: claim next, accept, findings, measure, reply; refusals
show in the message bar instead of failing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlmodel import select

from tests.ui.journeys import measured_case, open_window, people, reported_case
from workbench.cases import transitions
from workbench.db import session_scope
from workbench.measures.measures import approve_measure
from workbench.models import Case, Measure, Reply, RuleHit
from workbench.ui.dialogs.findings import FindingsDialog
from workbench.ui.dialogs.measures import MeasuresDialog
from workbench.ui.dialogs.reply import ReplyDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _case(engine, case_id):
    with session_scope(engine, write=False) as s:
        case = s.get(Case, case_id)
        s.expunge(case)
        return case


def test_claim_accept_findings_measure_reply(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    first = reported_case(engine, "某市人民政府", n=1, hours_ago=5)
    second = reported_case(engine, "某县公安局", n=2, hours_ago=1)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    panel, view = panels.actions, window.case_view
    window.queue_list.select("reports")
    with qtbot.waitSignal(view.case_loaded):
        window.queue_view.select_row(1)  # looking at the second case

    # Claim next: the confirmation line says what will happen, Enter-button runs it.
    panel.actions["claim_next"].trigger()
    assert "认领下一个" in panel.confirm_line.text() and panel.confirm_button.isVisible()
    with qtbot.waitSignal(view.case_loaded):
        panel.confirm()
    assert view.case_id == first  # the oldest report is claimed and opened
    assert window.queue_view.current_row().case_id == first  # the queue follows (issue 18)
    assert _case(engine, first).assignee_id == actors["mod"].id
    assert panel.actions["accept"].isEnabled() and not panel.actions["measures"].isEnabled()

    panel.actions["accept"].trigger()
    assert "待受理 → 已受理" in panel.confirm_line.text()
    with qtbot.waitSignal(view.case_loaded):
        panel.confirm()
    assert view.detail.status == "accepted"
    assert "已受理" in panel.message.text()

    # Findings: categories and basis, the hit dismissed.
    panel.actions["findings"].trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, FindingsDialog)
    dialog.hit_rows[0].dismiss.setChecked(True)
    dialog.basis.setText("2022/8(2)")
    assert "1 条不成立" in dialog.summary.text()
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    assert view.detail.status == "screening"
    with session_scope(engine, write=False) as s:
        hit = s.exec(select(RuleHit).where(RuleHit.case_id == first)).one()
        assert hit.decision == "dismissed"

    # A measure from the catalogue; a severe one would say it needs approval.
    panel.actions["measures"].trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, MeasuresDialog)
    dialog.editor.set_code("close")
    assert "需主管审批" in dialog.summary.text()
    dialog.editor.set_code("warn")
    dialog.editor.reason.setText("名称冒充政府机关")
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    assert view.detail.status == "disposed"
    with session_scope(engine, write=False) as s:
        measure = s.exec(select(Measure).where(Measure.case_id == first)).one()
        assert (measure.code, measure.status, measure.basis) == ("warn", "in_effect", "2022/8(2)")

    # Reply from a template: the preview is the reply, the edit is what goes out.
    panel.actions["reply"].trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, ReplyDialog)
    assert dialog.drafts and "@example.com" in dialog.recipients.text()
    assert "reporter1@" not in dialog.recipients.text()  # masked (2022/16)
    assert dialog.body.toPlainText().strip()
    dialog.body.setPlainText(dialog.body.toPlainText() + "\n感谢您的举报。")
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    assert _case(engine, first).status == "replied"
    with session_scope(engine, write=False) as s:
        reply = s.exec(select(Reply).where(Reply.case_id == first)).one()
        assert reply.body.endswith("感谢您的举报。")
    # Done: the next case is open.
    assert view.case_id == second


def test_a_refused_action_is_shown_not_raised(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    case_id = reported_case(engine, "某省教育厅", n=3)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    panel, view = panels.actions, window.case_view
    window.queue_list.select("reports")
    with qtbot.waitSignal(view.case_loaded):
        window.queue_view.select_row(0)
    # Another moderator accepts it meanwhile: this view's version is stale.
    with session_scope(engine) as s:
        transitions.accept_case(s, actors["mod2"], case_id, expected_version=view.detail.version)
    panel.actions["accept"].trigger()
    panel.confirm()
    text = panel.message.text()
    assert "请刷新后重试" in text and "reload" not in text  # the reviewer's language
    assert _case(engine, case_id).status == "accepted"


def test_bulk_decline_on_a_selection(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    ids = [reported_case(engine, f"重复账号{i}", n=10 + i, with_hit=False) for i in range(3)]
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    window.queue_list.select("reports")
    window.queue_view.table.selectAll()
    panels.actions.actions["bulk_decline"].trigger()
    dialog = panels.actions.active_dialog
    dialog.set_reason("duplicate")
    assert "重复举报" in dialog.summary.text()
    dialog.accept()
    assert {_case(engine, i).status for i in ids} == {"declined"}
    assert "3" in panels.actions.message.text()


def test_reply_waits_for_the_approval_of_a_severe_measure(qtbot, engine, runner, ui_settings):
    """2021/20, 2022/17: while 列入黑名单 awaits a supervisor, the reply action shows why it
    waits and sends nothing; once approved, the reply states the measure and goes out."""
    actors = people(engine)
    case_id, measure_id = measured_case(engine, actors["mod"], "某市公安局", n=21, code="blacklist")
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    panel, view = panels.actions, window.case_view
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    assert view.detail.status == "disposed" and panel.actions["reply"].isEnabled()

    panel.actions["reply"].trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, ReplyDialog)
    assert "尚待主管审批" in dialog.problem.text() and "列入黑名单" in dialog.problem.text()
    assert not dialog.drafts
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert not dialog.body.toPlainText()
    dialog.reject()
    assert _case(engine, case_id).status == "disposed"

    with session_scope(engine) as s:
        approve_measure(s, actors["boss"], measure_id, approve=True, reason="情节严重")
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    panel.actions["reply"].trigger()
    dialog = panel.active_dialog
    assert not dialog.problem.text() and dialog.drafts
    assert "平台已依法依约采取以下措施：列入黑名单" in dialog.body.toPlainText()
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    assert _case(engine, case_id).status == "replied"
    with session_scope(engine, write=False) as s:
        # The reporter's one reply; the holder is told of the credit grade on its own.
        (reply,) = s.exec(
            select(Reply).where(Reply.case_id == case_id, Reply.recipient_kind == "reporter")
        ).all()
        assert "列入黑名单" in reply.body
