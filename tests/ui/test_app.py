"""`workbench` with no command: open the database, sign in, show the main window."""

from __future__ import annotations

import pytest

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.ui.app import Workbench
from workbench.ui.dialogs.sign_in import SignInDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _answer_sign_in(monkeypatch, password):
    def exec_(dialog):
        dialog.runner.synchronous = True
        dialog.password.setText(password)
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", exec_)


def test_signing_in_opens_the_main_window_on_the_last_queue(
    database_url, engine, monkeypatch, qapp, ui_settings
):
    with session_scope(engine) as s:
        f.reviewer(s, "chen", ("supervisor",))
    ui_settings.last_login = "chen"
    ui_settings.last_queue = "approvals"
    _answer_sign_in(monkeypatch, f.PASSWORD)
    workbench = Workbench(qapp, ui_settings, database_url)
    try:
        assert workbench.start()
        window = workbench.window
        assert window.isVisible() and window.actor.login == "chen"
        assert window.queue_list.current_queue() == "approvals"
    finally:
        workbench.shutdown()
    assert ui_settings.blob("geometry") is not None  # the layout is remembered


def test_a_refused_sign_in_does_not_open_the_window(
    database_url, engine, monkeypatch, qapp, ui_settings
):
    with session_scope(engine) as s:
        f.reviewer(s, "chen")
    ui_settings.last_login = "chen"
    _answer_sign_in(monkeypatch, "wrong-password")
    workbench = Workbench(qapp, ui_settings, database_url)
    try:
        assert workbench.start() is False
        assert workbench.window is None
    finally:
        workbench.shutdown()
