"""A supervisor extends a case's deadline from the action panel (2022/19, 2021/20: the
platform's handling time limits; a longer one needs a supervisor and a reason)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlmodel import select

from tests.ui.journeys import open_window, people, reported_case
from workbench.db import session_scope
from workbench.models import AuditEvent, Case
from workbench.ui.dialogs.extend_deadline import ExtendDeadlineDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _due(engine, case_id):
    with session_scope(engine, write=False) as s:
        return s.get(Case, case_id).due_at


def test_a_supervisor_extends_the_deadline_with_a_reason(qtbot, engine, runner, ui_settings):
    """2022/19, 2021/20: the dialog needs a reason; the due time moves by the hours granted
    and the extension is audited with the reason."""
    actors = people(engine)
    case_id = reported_case(engine, "某市税务局", n=31)
    before = _due(engine, case_id)
    assert before is not None
    window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
    panel, view = panels.actions, window.case_view
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    action = panel.actions["extend"]
    assert action.isVisible() and action.isEnabled()
    assert action in window.case_menu.actions()

    action.trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, ExtendDeadlineDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "理由" in dialog.summary.text()  # a reason is required
    dialog.set_unit("hours")
    dialog.amount_box.setValue(6)
    dialog.reason_edit.setText("等待外部鉴定意见")
    assert ok.isEnabled() and "延长 6 小时" in dialog.summary.text()
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    assert _due(engine, case_id) - before == timedelta(hours=6)
    assert view.detail.due_at == _due(engine, case_id)
    assert "已延长" in panel.message.text()
    with session_scope(engine, write=False) as s:
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "clock.extend")).one()
        assert (event.actor_id, event.reason) == (actors["boss"].id, "等待外部鉴定意见")


def test_a_moderator_has_no_extend_action(qtbot, engine, runner, ui_settings):
    """2022/19: extending a time limit is the supervisor's; the service refuses anyone else
    (tests/db/test_deadline_extension.py), the panel does not offer it."""
    actors = people(engine)
    case_id = reported_case(engine, "某县财政局", n=32)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    view = window.case_view
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    action = panels.actions.actions["extend"]
    assert not action.isVisible() and not action.isEnabled()
    assert panels.actions.actions["accept"].isVisible()
