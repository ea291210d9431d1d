"""Signing in: a wrong password is refused in words; the right one opens the workbench."""

from __future__ import annotations

import logging

import pytest

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.operations.local import LocalClient
from workbench.ui.dialogs.settings import SettingsDialog
from workbench.ui.dialogs.sign_in import SignInDialog
from workbench.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_wrong_password_is_refused_readably(engine, runner, qtbot, caplog):
    caplog.set_level(logging.INFO, logger="workbench")
    with session_scope(engine) as s:
        f.reviewer(s, "zhang")
    dialog = SignInDialog(LocalClient(engine), runner, login="zhang")
    qtbot.addWidget(dialog)
    dialog.password.setText("not-the-password")
    dialog.submit()
    assert dialog.actor is None
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "登录名或密码错误" in dialog.message.text()
    assert "wrong login" not in dialog.message.text()  # the reviewer's language only
    assert "wrong login or password" in caplog.text  # the log keeps both
    assert dialog.password.text() == ""


def test_right_password_signs_in_with_roles(engine, runner, qtbot):
    with session_scope(engine) as s:
        f.reviewer(s, "li", ("appeal_reviewer",))
    dialog = SignInDialog(LocalClient(engine), runner, login="li")
    qtbot.addWidget(dialog)
    dialog.password.setText(f.PASSWORD)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.actor.login == "li" and dialog.actor.has("appeal_reviewer")


def test_roles_decide_which_queues_and_pages_show(engine, runner, qtbot, ui_settings):
    from PySide6.QtWidgets import QLabel

    from workbench.access.auth import Actor

    with session_scope(engine) as s:
        rid = f.reviewer(s, "appeals", ("appeal_reviewer",)).id
    actor = Actor(rid, "appeals", "appeals", frozenset({"appeal_reviewer"}))
    window = MainWindow(LocalClient(engine, actor=actor), runner, ui_settings, live=False)
    qtbot.addWidget(window)
    assert window.queue_list.queues() == ["appeals", "mine"]
    assert window.add_page("dashboard", QLabel("d"), "仪表盘", "supervisor") is False
    assert window.add_page("appeals", QLabel("a"), "申诉", "appeal_reviewer") is True
    assert window.pages.count() == 2 and window.page("appeals") is not None


def test_settings_remember_database_and_language(qtbot, ui_settings, tmp_path):
    dialog = SettingsDialog(ui_settings)
    qtbot.addWidget(dialog)
    dialog.use_postgres.setChecked(True)
    dialog.postgres_url.setText("mysql://nobody@host/db")
    dialog.save()
    assert "不支持的数据库 'mysql'" in dialog.message.text()
    assert "sqlite:///" in dialog.message.text() and "unsupported" not in dialog.message.text()
    assert ui_settings.database_url == ""
    dialog.postgres_url.setText("postgresql://reviewer@db.example/workbench")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.database_changed and dialog.language_changed
    again = type(ui_settings)(ui_settings.store)
    assert again.database_url == "postgresql://reviewer@db.example/workbench"
    assert again.language == "en"


def test_settings_choose_a_team_server_by_its_address(qtbot, ui_settings):
    dialog = SettingsDialog(ui_settings)
    qtbot.addWidget(dialog)
    dialog.use_server.setChecked(True)
    dialog.server_url.setText("workbench.example.com")
    dialog.save()
    assert "https://" in dialog.message.text() and ui_settings.database_url == ""
    dialog.server_url.setText("https://workbench.example.com/")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert type(ui_settings)(ui_settings.store).database_url == "https://workbench.example.com"
    reopened = SettingsDialog(ui_settings)
    qtbot.addWidget(reopened)
    assert reopened.use_server.isChecked()
    assert reopened.server_url.text() == "https://workbench.example.com"
