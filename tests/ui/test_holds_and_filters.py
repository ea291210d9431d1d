"""A reporter muted and an account snoozed from the 案件 menu, each with an expiry, listed
and lifted; a saved filter applied from the filter bar (issue 15 item 11), on the test
database (SQLite or PostgreSQL).  Muted reports are still filed and timed (2022/19)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.db.workflow.helpers import report
from tests.ui import factories as f
from tests.ui.journeys import open_window, people, reported_case
from workbench.db import session_scope
from workbench.models import Case, QueueHold, utcnow
from workbench.models.views import QueueFilter
from workbench.ui.dialogs.holds import HoldDialog, HoldsDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _far(engine, *case_ids) -> None:
    with session_scope(engine) as s:
        for case_id in case_ids:
            case = s.get(Case, case_id)
            case.due_at = utcnow() + timedelta(days=10)
            s.add(case)


def _shown(window) -> set[int]:
    window.queue_view.refresh()
    model = window.queue_view.model
    return {model.row_at(i).case_id for i in range(model.rowCount())}


def _open(qtbot, window, case_id) -> None:
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.case_view.show_case(case_id)


def _hold_dialog(panels, key: str) -> HoldDialog:
    panels.holds.actions[key].trigger()
    dialog = panels.holds.dialog
    assert isinstance(dialog, HoldDialog)
    return dialog


def test_a_reporter_is_muted_for_two_days_and_the_mute_is_lifted(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    first = reported_case(engine, "被刷屏的账号", n=70, with_hit=False)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    window.queue_list.select("reports")
    _open(qtbot, window, first)
    dialog = _hold_dialog(panels, "mute")  # Ctrl+Alt+U
    assert dialog.report.count() == 1 and "举报人70" in dialog.report.currentText()
    dialog.length.setValue(2)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.reason_edit.setText("恶意举报，一小时内 40 条")
    assert "新举报照常登记、计时" in dialog.summary.text()
    dialog.accept()
    with session_scope(engine, write=False) as s:
        hold = s.exec(select(QueueHold)).one()
    assert hold.kind == "mute" and hold.until - hold.starts_at == timedelta(days=2)
    assert "已静音举报人" in window.statusBar().currentMessage()

    with session_scope(engine) as s:  # the muted reporter reports another account
        account = f.account(s, name="第二个被举报账号").id
    fresh = report(engine, account, reporter="reporter-70", at=utcnow()).case.id
    _far(engine, first, fresh)
    assert fresh not in _shown(window) and first in _shown(window)
    window.queue_view.held_action.trigger()  # 筛选 ▸ 显示静音与暂缓的案件
    assert fresh in _shown(window)
    model, status = window.queue_view.model, window.queue_view.column_of("status")
    marks = {model.row_at(i).case_id: model.index(i, status).data() for i in range(model.rowCount())}
    assert marks[fresh] == "待受理 · 静音/暂缓" and marks[first] == "待受理"
    window.queue_view.held_action.trigger()

    panels.holds.actions["list"].trigger()  # Ctrl+Alt+H
    listing = panels.holds.dialog
    assert isinstance(listing, HoldsDialog) and listing.table.rowCount() == 1
    assert listing.table.item(0, 0).text() == "静音举报人"
    listing.table.selectRow(0)
    listing.lift_button.click()
    assert "已撤销" in listing.message.text() and listing.table.rowCount() == 0
    assert fresh in _shown(window)


def test_an_account_is_snoozed_and_its_cases_leave_the_default_view(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    noisy = reported_case(engine, "热点账号", n=80, with_hit=False)
    other = reported_case(engine, "别的账号", n=81, with_hit=False)
    _far(engine, noisy, other)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    window.queue_list.select("reports")
    _open(qtbot, window, noisy)
    dialog = _hold_dialog(panels, "snooze")  # Ctrl+Alt+Z
    dialog.unit.setCurrentIndex(dialog.unit.findData("hours"))
    dialog.length.setValue(12)
    dialog.reason_edit.setText("热点事件，统一处理")
    assert "热点账号" in dialog.summary.text()
    dialog.accept()
    with session_scope(engine, write=False) as s:
        hold = s.exec(select(QueueHold)).one()
    assert hold.kind == "snooze" and hold.until - hold.starts_at == timedelta(hours=12)
    assert _shown(window) == {other}


def test_a_saved_filter_is_applied_in_one_click(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    reported_case(engine, "某市政府", n=90, with_hit=False)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    window.queue_list.select("reports")
    view = window.queue_view
    view.status.setCurrentIndex(view.status.findData("received"))
    view.held_action.setChecked(True)
    view.saved.save_action.trigger()  # Ctrl+Alt+S
    view.saved.dialog.setTextValue("待受理（含静音）")
    view.saved.dialog.accept()
    (saved,) = view.saved.filters
    view.status.setCurrentIndex(0)
    view.held_action.setChecked(False)
    assert view.model.filter == QueueFilter()
    [apply] = [a for a in view.saved.menu.actions() if a.text() == "待受理（含静音）"]
    apply.trigger()
    assert view.model.filter == QueueFilter(status="received", show_held=True)
    assert view.status.currentData() == "received" and view.held_action.isChecked()
    assert "待受理（含静音）" in view.saved.action.toolTip()
    view.saved.delete_menu.actions()[0].trigger()
    assert view.saved.filters == []
