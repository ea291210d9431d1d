"""A bulk measure and a bulk reply driven through the desktop (issue 15 item 11), on the
test database (SQLite or PostgreSQL): the selection's preview in the confirmation
line, a severe measure sent to approval on every case (2022/17), and a bulk reply
refused, naming the case, while one waits for approval (2021/20)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from sqlmodel import select

from tests.ui.journeys import open_window, people, reported_case
from workbench.cases import screening, transitions
from workbench.db import session_scope
from workbench.measures.measures import approve_measure
from workbench.models import Case, Measure, Reply
from workbench.ui.dialogs.measures import MeasuresDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _screened(engine, mod, name: str, n: int) -> int:
    case_id = reported_case(engine, name, n=n, with_hit=False)
    with session_scope(engine) as s:
        transitions.accept_case(s, mod, case_id, expected_version=1)
        screening.record_findings(s, mod, case_id, expected_version=2,
                                  findings=[("impersonate_organisation", "2022/8(2)", "")])  # fmt: skip
    return case_id


def _status(engine, case_id) -> str:
    with session_scope(engine, write=False) as s:
        return s.get(Case, case_id).status


def _select_all(window) -> None:
    window.queue_view.refresh()
    window.queue_view.table.selectAll()


def _select(window, case_ids) -> None:
    """Select the rows of ``case_ids`` only (as with Ctrl+click)."""
    view = window.queue_view
    view.refresh()
    view.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(view.model.rowCount()):
        if view.model.row_at(row).case_id in case_ids:
            view.table.selectionModel().select(view.model.index(row, 0), flags)
    assert len(view.selected_rows()) == len(case_ids)


def _measures(panel, code: str, reason: str) -> None:
    panel.actions["bulk_measures"].trigger()  # Ctrl+Alt+M
    dialog = panel.active_dialog
    assert isinstance(dialog, MeasuresDialog)
    dialog.editor.set_code(code)
    dialog.editor.reason.setText(reason)
    dialog.accept()


def test_a_bulk_measure_is_previewed_then_taken_on_every_selected_case(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    ids = [_screened(engine, actors["mod"], f"某市政府{i}", 40 + i) for i in range(3)]
    window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
    panel = panels.actions
    window.queue_list.select("reports")
    _select_all(window)
    _measures(panel, "close", "冒充政府机关，情节严重")
    text = panel.confirm_line.text()
    assert "将处置所选的 3 个案件" in text
    for case_id in ids:
        assert f"#{case_id} 甄别中 → 已处置；待主管审批：关闭账号" in text
    assert {_status(engine, i) for i in ids} == {"screening"}  # the preview changed nothing
    panel.confirm()
    assert {_status(engine, i) for i in ids} == {"disposed"}
    assert "已批量处置 3 个案件" in panel.message.text()
    with session_scope(engine, write=False) as s:
        pending = s.exec(select(Measure).where(Measure.status == "pending_approval")).all()
    assert sorted(m.case_id for m in pending) == sorted(ids)  # one approval per case


def test_a_bulk_reply_is_refused_naming_the_case_that_waits_then_sent(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    warned = [_screened(engine, actors["mod"], f"某县公安局{i}", 50 + i) for i in range(2)]
    waiting = _screened(engine, actors["mod"], "某省法院", 60)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    panel = panels.actions
    window.queue_list.select("reports")
    _select(window, warned)
    _measures(panel, "warn", "名称冒充机关")
    panel.confirm()
    window.queue_list.select("reports")
    _select_all(window)
    _measures(panel, "blacklist", "屡次冒充")  # only the third is still in screening
    assert f"案件 {warned[0]}" in panel.message.text() or f"案件 {warned[1]}" in panel.message.text()
    assert not panel.confirm_button.isVisible()

    _select(window, [waiting])
    _measures(panel, "blacklist", "屡次冒充")
    panel.confirm()
    assert _status(engine, waiting) == "disposed"

    _select_all(window)
    panel.actions["bulk_reply"].trigger()  # Ctrl+Alt+R
    assert f"案件 {waiting}" in panel.message.text() and "审批" in panel.message.text()
    assert not panel.confirm_button.isVisible()
    with session_scope(engine) as s:
        measure = s.exec(select(Measure).where(Measure.case_id == waiting)).one()
        approve_measure(s, actors["boss"], measure.id, approve=True, reason="同意")
    _select_all(window)
    panel.actions["bulk_reply"].trigger()
    text = panel.confirm_line.text()
    assert "将回复所选 3 个案件的举报人" in text and "回复举报人 1 条" in text
    panel.confirm()
    assert {_status(engine, i) for i in [*warned, waiting]} == {"replied"}
    with session_scope(engine, write=False) as s:
        to_reporters = select(Reply).where(Reply.recipient_kind == "reporter")
        assert len(s.exec(to_reporters).all()) == 3
