"""The 备注 tab of the case view and the tag column and filter of the queue
(issue 15 item 11), on the test database (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.models.views import QueueFilter
from workbench.operations import notes
from workbench.ui.panes.case_view import CaseView
from workbench.ui.panes.queue_view import QueueView
from workbench.ui.queue_model import COLUMN_INDEX, QueueTableModel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
HOSTILE = "<b style='color:red'>系统通知</b><img src='x'> 致电 13912345678"


def _cases(engine, n=3):
    with session_scope(engine) as s:
        return [
            f.case(s, f.account(s, name=f"账号{i}"), due_at=NOW + timedelta(hours=i + 1)).id
            for i in range(n)
        ]


def _view(engine, runner, qtbot, case_id, roles=("moderator", "supervisor")):
    client = f.client(engine, roles)
    view = CaseView(client, runner)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    return view, client


def test_a_note_is_added_from_the_case_view_and_shown_inert_and_masked(engine, runner, qtbot):
    (case_id, *_) = _cases(engine, 1)
    view, client = _view(engine, runner, qtbot, case_id)
    panel = view.notes
    assert view.tabs.tabText(view.tabs.indexOf(view.notes_page)) == "备注"
    view.add_note_action.trigger()  # Ctrl+Alt+N
    assert view.tabs.currentWidget() is view.notes_page
    panel.editor.setPlainText("x" * 2001)
    assert panel.count.text() == "2001 / 2000 字"
    panel.save.click()
    assert "最多 2000 字" in panel.message.text()
    assert client.call(notes.list_notes, case_id=case_id) == []
    panel.editor.setPlainText(HOSTILE)
    panel.save.click()
    assert panel.message.text() == "备注已添加" and panel.editor.toPlainText() == ""
    (item,) = [panel.entries.item(i) for i in range(panel.entries.count())]
    text = item.text()
    assert text.startswith("案件 · ") and "<img src='x'>" in text  # literal, not markup
    assert "13912345678" not in text and "139****5678" in text
    panel.target.setCurrentIndex(panel.target.findData("account"))
    panel.editor.setPlainText("同一运营者的第二个号")
    panel.save.click()
    assert panel.entries.count() == 2
    assert panel.entries.item(1).text().startswith("账号 · ")


def test_tags_are_picked_from_the_list_in_the_case_view(engine, runner, qtbot):
    (case_id, *_) = _cases(engine, 1)
    supervisor = f.client(engine, ("supervisor",))
    supervisor.call(notes.define_tag, name="回访")
    supervisor.call(notes.define_tag, name="批量注册")
    view, client = _view(engine, runner, qtbot, case_id)
    panel = view.notes
    choices = {panel.tag_choice.itemText(i) for i in range(panel.tag_choice.count())}
    assert choices == {"回访", "批量注册"}
    panel.tag_choice.setCurrentText("回访")
    panel.add_tag.click()
    assert client.call(notes.case_tags, case_id=case_id) == ["回访"]
    assert [panel.case_tags.itemText(i) for i in range(panel.case_tags.count())] == ["回访"]
    assert panel.tag_choice.findText("回访") == -1
    panel.remove_tag.click()
    assert client.call(notes.case_tags, case_id=case_id) == []
    assert not panel.remove_tag.isEnabled()


def test_an_appeal_reviewer_reads_tags_but_has_no_tag_buttons(engine, runner, qtbot):
    (case_id, *_) = _cases(engine, 1)
    view, _client = _view(engine, runner, qtbot, case_id, roles=("appeal_reviewer",))
    assert view.notes.add_tag.isHidden() and view.notes.remove_tag.isHidden()
    assert not view.notes.save.isHidden()


def test_the_queue_shows_tags_and_filters_by_one(engine, runner, qtbot):
    ids = _cases(engine, 3)
    client = f.client(engine, clock=lambda: NOW)
    client.call(notes.define_tag, name="回访")
    client.call(notes.tag_case, case_id=ids[1], name="回访")
    model = QueueTableModel(client, runner, page_size=10, clock=lambda: NOW)
    model.set_query(queue="reports")
    view = QueueView(model)
    qtbot.addWidget(view)
    assert model.rowCount() == 3
    column = COLUMN_INDEX["tags"]
    assert [model.index(r, column).data() for r in range(3)] == ["", "回访", ""]
    assert model.headerData(column, Qt.Orientation.Horizontal) == "标签"
    view.tag.setCurrentIndex(view.tag.findData("回访"))
    assert model.filter == QueueFilter(tag="回访")
    assert model.rowCount() == 1
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole + 2).case_id == ids[1]


def test_a_tag_filter_comes_back_with_the_reviewers_place(engine, runner, qtbot):
    """After a language switch the window is rebuilt: the tag chosen is chosen again,
    also before the new filter bar has read the tag list."""
    client = f.client(engine, clock=lambda: NOW)
    client.call(notes.define_tag, name="回访")
    model = QueueTableModel(client, runner, page_size=10, clock=lambda: NOW)
    view = QueueView(model)
    qtbot.addWidget(view)
    view.show_filter(QueueFilter(tag="回访"))
    assert view.current_filter() == QueueFilter(tag="回访")
    client.call(notes.define_tag, name="批量注册")  # not in this bar's list yet
    view.show_filter(QueueFilter(category="fake_traffic", tag="批量注册"))
    assert view.current_filter() == QueueFilter(category="fake_traffic", tag="批量注册")
    view.reload_tags()  # the list arrives: the choice stays
    assert view.tag.currentData() == "批量注册" and view.tag.count() == 3


def test_a_supervisor_adds_a_tag_to_the_list_from_the_case_view(engine, runner, qtbot, monkeypatch):
    """The team's list is kept by supervisors and administrators; a moderator has no
    button for it (and the service refuses one anyway)."""
    from PySide6.QtWidgets import QInputDialog

    (case_id, *_) = _cases(engine, 1)
    moderator, _client = _view(engine, runner, qtbot, case_id, roles=("moderator",))
    assert moderator.notes.new_tag.isHidden()
    view, client = _view(engine, runner, qtbot, case_id, roles=("supervisor",))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (" 长" * 25, True))
    view.notes.new_tag.click()
    assert "最多 24 字" in view.notes.message.text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (" 回访 ", True))
    view.notes.new_tag.click()
    assert view.notes.message.text() == "已新建标签：回访"
    assert [t.name for t in client.call(notes.list_tags)] == ["回访"]
    assert view.notes.tag_choice.findText("回访") >= 0


def test_the_case_menu_writes_a_note_in_the_full_window(engine, runner, qtbot, ui_settings):
    """案件 → 添加内部备注 (Ctrl+Alt+N) in the main window, no other action on that key."""
    from PySide6.QtGui import QAction, QKeySequence

    from tests.ui.journeys import open_window, people

    actors = people(engine)
    (case_id, *_) = _cases(engine, 1)
    window, _panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    action = window.case_view.add_note_action
    assert action in window.case_menu.actions()
    keys = QKeySequence("Ctrl+Alt+N")
    assert [a for a in window.findChildren(QAction) if a.shortcut() == keys] == [action]
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.case_view.show_case(case_id)
    action.trigger()
    assert window.case_view.tabs.currentWidget() is window.case_view.notes_page
