"""Errors: readable refusals, a dialog with copyable details instead of a crash, a log file."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.errors import ClaimConflict
from workbench.ui import i18n
from workbench.ui.errors import ExceptionDialog, ExceptionHook, setup_logging, show_error

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def log_folder(tmp_path):
    root = logging.getLogger()
    before = list(root.handlers)
    yield tmp_path / "logs"
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def _raised(exc):
    try:
        raise exc
    except Exception as caught:
        return caught


@pytest.mark.logs_errors
def test_unexpected_exception_shows_copyable_details(qtbot, log_folder):
    log_path = setup_logging(log_folder)
    hook = ExceptionHook(parent_provider=lambda: None)
    exc = _raised(KeyError("queue_row_missing"))
    hook(type(exc), exc, exc.__traceback__)
    dialog = hook.last_dialog
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ExceptionDialog) and dialog.isVisible()
    assert "queue_row_missing" in dialog.details.toPlainText()
    assert "Traceback" in dialog.details.toPlainText()
    dialog.copy_button.click()
    assert "queue_row_missing" in QApplication.clipboard().text()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "queue_row_missing" in log_path.read_text(encoding="utf-8")
    assert sys.excepthook is not hook  # installing is the app's choice, not the hook's


def test_refusal_is_shown_in_words_without_details(qtbot, caplog):
    caplog.set_level(logging.INFO, logger="workbench")
    box = show_error(None, ClaimConflict("案件已被张三认领", "the case is claimed by zhang"))
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
    assert box.text() == "案件已被张三认领"  # the reviewer's language only
    assert "refused: 案件已被张三认领 / the case is claimed by zhang" in caplog.text


def test_refusal_is_shown_in_english_to_an_english_reviewer(qtbot, qapp, caplog):
    caplog.set_level(logging.INFO, logger="workbench")
    i18n.install(qapp, "en")
    try:
        box = show_error(None, ClaimConflict("案件已被张三认领", "the case is claimed by zhang"))
        qtbot.addWidget(box)
        assert box.text() == "the case is claimed by zhang"
    finally:
        i18n.install(qapp, "zh_CN")
    assert "案件已被张三认领 / the case is claimed by zhang" in caplog.text
