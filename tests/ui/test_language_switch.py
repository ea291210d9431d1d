"""Switching the language in settings keeps the reviewer's place, without signing in again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialog

from tests.ui import factories as f
from tests.ui.journeys import appealed_measure, people
from workbench.db import session_scope
from workbench.ui import i18n
from workbench.ui.app import Workbench
from workbench.ui.dialogs.settings import SettingsDialog
from workbench.ui.dialogs.sign_in import SignInDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
WAIT = 10_000


@pytest.fixture
def back_to_chinese(qapp):
    yield
    i18n.install(qapp, "zh_CN")


def _sign_in_once(monkeypatch, signed_in: list):
    """Answer the sign-in dialog; then let the work run on the thread pool, as in the app."""

    def exec_(dialog):
        dialog.runner.synchronous = True
        dialog.password.setText(f.PASSWORD)
        dialog.submit()
        dialog.runner.synchronous = False
        signed_in.append(dialog.actor.login)
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", exec_)


def _choose_language(monkeypatch, code: str):
    def exec_(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData(code))
        dialog.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", exec_)


def test_switching_to_english_keeps_the_open_case_tab_and_row(
    database_url, engine, monkeypatch, qapp, qtbot, ui_settings, back_to_chinese
):
    with session_scope(engine) as s:
        f.reviewer(s, "chen", ("supervisor",), display_name="陈主管")
        cases = []
        for n in range(3):
            c = f.case(s, f.account(s, name=f"账号甲{n}"), due_at=f.NOW + timedelta(days=n))
            f.report(s, c, by=f.reporter(s))
            cases.append(c.id)
    ui_settings.last_login = "chen"
    signed_in: list[str] = []
    _sign_in_once(monkeypatch, signed_in)
    workbench = Workbench(qapp, ui_settings, database_url)
    try:
        assert workbench.start()
        old = workbench.window
        old.queue_list.select("reports")
        qtbot.waitUntil(lambda: old.queue_model.rowCount() == 3, timeout=WAIT)
        with qtbot.waitSignal(old.case_view.case_loaded, timeout=WAIT):
            old.queue_view.select_row(1)
        assert old.case_view.case_id == cases[1]
        old.case_view.tabs.setCurrentIndex(1)  # 举报 (1)
        old.pages.setCurrentWidget(old.page("dashboard"))
        assert old.windowTitle() == "账号信息投诉举报工作台"

        _choose_language(monkeypatch, "en")
        old.settings_requested.emit()

        window = workbench.window
        assert window is not old and signed_in == ["chen"]  # no second sign-in
        assert window.windowTitle() == "Account information complaints workbench"
        assert window.current_page() == "dashboard"
        assert window.pages.tabText(window.pages.currentIndex()) == "Dashboard"
        assert window.pages.tabText(0) == "Workbench"
        assert window.queue_list.current_queue() == "reports"
        qtbot.waitUntil(lambda: window.case_view.case_id == cases[1], timeout=WAIT)
        qtbot.waitUntil(lambda: window.queue_view.table.currentIndex().row() == 1, timeout=WAIT)
        assert window.queue_view.current_row().case_id == cases[1]
        tabs = window.case_view.tabs
        qtbot.waitUntil(lambda: tabs.currentIndex() == 1, timeout=WAIT)
        assert tabs.tabText(1) == "Reports (1)"
        assert "账号甲1" in window.case_view.header.text()
        qtbot.waitUntil(lambda: not workbench.runner.busy, timeout=WAIT)
    finally:
        workbench.shutdown()


def test_the_filter_selection_and_scroll_of_a_long_queue_come_back(
    database_url, engine, monkeypatch, qapp, qtbot, ui_settings, back_to_chinese
):
    with session_scope(engine) as s:
        f.reviewer(s, "chen", ("moderator",))
        for n in range(80):
            category = "fake_traffic" if n % 2 else "impersonate_organisation"
            due = f.NOW + timedelta(hours=n)
            f.case(s, f.account(s, name=f"长队列{n}"), category=category, due_at=due)
    ui_settings.last_login = "chen"
    _sign_in_once(monkeypatch, [])
    workbench = Workbench(qapp, ui_settings, database_url)
    try:
        assert workbench.start()
        old = workbench.window
        old.queue_list.select("reports")
        view = old.queue_view
        view.category.setCurrentIndex(view.category.findData("fake_traffic"))
        qtbot.waitUntil(lambda: view.model.total == 40, timeout=WAIT)
        bar = view.table.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT)
        with qtbot.waitSignal(old.case_view.case_loaded, timeout=WAIT):
            view.select_row(35)
        bar.setValue(bar.maximum())
        where = (bar.value(), view.current_row().case_id)

        _choose_language(monkeypatch, "en")
        old.settings_requested.emit()

        window = workbench.window
        view = window.queue_view
        assert view.category.currentData() == "fake_traffic"
        assert view.category.currentText() == "Fake traffic"
        qtbot.waitUntil(lambda: view.table.currentIndex().row() == 35, timeout=WAIT)
        bar = view.table.verticalScrollBar()
        assert view.model.total == 40
        assert (bar.value(), view.current_row().case_id) == where
        qtbot.waitUntil(lambda: window.case_view.case_id == where[1], timeout=WAIT)
        qtbot.waitUntil(lambda: not workbench.runner.busy, timeout=WAIT)
    finally:
        workbench.shutdown()


def test_an_open_appeal_stays_open(
    database_url, engine, monkeypatch, qapp, qtbot, ui_settings, back_to_chinese
):
    actors = people(engine)
    appeal_id = appealed_measure(engine, actors["mod"], "某区税务局", n=1)
    ui_settings.last_login = actors["appeals"].login
    _sign_in_once(monkeypatch, [])
    workbench = Workbench(qapp, ui_settings, database_url)
    try:
        assert workbench.start()
        old = workbench.window
        appeals = old.page("appeals")
        old.pages.setCurrentWidget(appeals)
        qtbot.waitUntil(lambda: appeals.row_count() == 1, timeout=WAIT)
        with qtbot.waitSignal(appeals.appeal_loaded, timeout=WAIT):
            appeals.select_row(0)

        _choose_language(monkeypatch, "en")
        old.settings_requested.emit()

        window = workbench.window
        appeals = window.page("appeals")
        assert window.current_page() == "appeals"
        qtbot.waitUntil(lambda: getattr(appeals.detail, "id", None) == appeal_id, timeout=WAIT)
        assert appeals.buttons["upheld"].text() == "Uphold"
        qtbot.waitUntil(lambda: appeals.current_row() == 0, timeout=WAIT)
        qtbot.waitUntil(lambda: not workbench.runner.busy, timeout=WAIT)
    finally:
        workbench.shutdown()
