"""Pausing and resuming the clock, escalating and releasing from the action panel;
an appeal row opens the appeals view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.journeys import measured_case, open_window, people, reported_case
from workbench.db import session_scope
from workbench.measures import appeals
from workbench.models import Case, utcnow
from workbench.queues import claims

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _case(engine, case_id) -> Case:
    with session_scope(engine, write=False) as s:
        case = s.get(Case, case_id)
        s.expunge(case)
        return case


def _open(qtbot, window, row=0):
    window.queue_list.select("reports")
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.queue_view.select_row(row)


def test_pause_then_resume_the_clock(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    case_id = reported_case(engine, "某市统计局", n=1)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    panel = panels.actions
    _open(qtbot, window)
    assert panel.actions["pause"].isEnabled() and not panel.actions["resume"].isEnabled()
    panel.pause_reason.setCurrentIndex(panel.pause_reason.findData("waiting_reporter"))
    panel.actions["pause"].trigger()
    assert "等待举报人补充" in panel.confirm_line.text()
    panel.cancel()  # nothing happens on cancel
    assert _case(engine, case_id).clock_state == "running"
    panel.actions["pause"].trigger()
    with qtbot.waitSignal(window.case_view.case_loaded):
        panel.confirm()
    assert _case(engine, case_id).clock_state == "paused"
    assert window.case_view.detail.due_state == "paused"
    assert panel.actions["resume"].isEnabled() and not panel.actions["pause"].isEnabled()
    panel.actions["resume"].trigger()
    with qtbot.waitSignal(window.case_view.case_loaded):
        panel.confirm()
    assert _case(engine, case_id).clock_state == "running"


def test_escalate_and_release_move_on_to_the_next_case(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    first = reported_case(engine, "某省文旅厅", n=2, hours_ago=4)
    second = reported_case(engine, "某市园林局", n=3, hours_ago=2)
    with session_scope(engine) as s:
        claims.claim_case(s, actors["mod"], second)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    panel = panels.actions
    _open(qtbot, window)
    assert window.case_view.case_id == first
    panel.actions["escalate"].trigger()
    dialog = panel.active_dialog
    dialog.setTextValue("涉及省级机关，请主管决定")
    dialog.accept()
    case = _case(engine, first)
    assert case.queue == "escalations"
    assert window.case_view.case_id == second  # the escalated case left; the next is open
    assert panel.actions["release"].isEnabled()
    panel.actions["release"].trigger()
    assert "退回队列" in panel.confirm_line.text()
    panel.confirm()
    assert _case(engine, second).assignee_id is None


def test_an_appeal_row_opens_the_appeals_view(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    _case_id, measure_id = measured_case(engine, actors["mod"], "某区市场监管局", n=4)
    with session_scope(engine) as s:
        appeal_id = appeals.file_appeal(
            s,
            None,
            measure_id=measure_id,
            appellant_name="运营者",
            text="请复核",
            received_at=utcnow(),
        ).id
    window, panels = open_window(qtbot, engine, actors["appeals"], runner, ui_settings)
    window.queue_list.select("appeals")
    row = window.queue_model.row_at(0)
    assert row.appeal_id == appeal_id
    with qtbot.waitSignal(panels.appeals.appeal_loaded):
        window.queue_view.row_activated.emit(row)
    assert window.pages.currentWidget() is panels.appeals
    assert panels.appeals.detail.id == appeal_id


def test_claim_then_find_no_violation(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    case_id = reported_case(engine, "某市图书馆", n=5)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    panel = panels.actions
    _open(qtbot, window)
    assert panel.actions["claim"].isEnabled()
    panel.actions["claim"].trigger()
    with qtbot.waitSignal(window.case_view.case_loaded):
        panel.confirm()
    assert _case(engine, case_id).assignee_id == actors["mod"].id
    assert not panel.actions["claim"].isEnabled()
    panel.actions["accept"].trigger()
    panel.confirm()
    panel.actions["findings"].trigger()
    panel.active_dialog.accept()
    assert panel.actions["no_violation"].isEnabled()
    panel.actions["no_violation"].trigger()
    panel.active_dialog.setTextValue("")
    panel.active_dialog.accept()
    assert "理由" in panel.message.text()  # a reason is required, said in words
    panel.actions["no_violation"].trigger()
    panel.active_dialog.setTextValue("名称为图书馆的正式名称，经核实无冒充")
    with qtbot.waitSignal(window.case_view.case_loaded):
        panel.active_dialog.accept()
    assert _case(engine, case_id).status == "no_violation"
    assert panel.actions["reply"].isEnabled()


def test_keyboard_claims_the_next_case(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    case_id = reported_case(engine, "某市消防救援支队", n=6)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    window.queue_list.select("reports")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.case_view.case_loaded):
        qtbot.keyClick(window.queue_view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.case_view.case_id == case_id
    assert _case(engine, case_id).assignee_id == actors["mod"].id
