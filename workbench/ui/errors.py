"""Errors as a reviewer reads them; details in a rotating log file.

A refused action (a ``WorkbenchError``; see :mod:`workbench.operations.errors`) shows its
message in the reviewer's language; the log keeps both languages.  Anything unexpected
is logged with its traceback and shown in :class:`ExceptionDialog`, whose details can
be copied for a bug report; the app keeps running (``install_excepthook``).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_log_dir
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.operations import errors as operation_errors
from workbench.ui.i18n import error_text
from workbench.ui.widgets.plain import plain_label

log = logging.getLogger("workbench")
LOG_BYTES = 2_000_000
LOG_BACKUPS = 5


def setup_logging(folder: Path | None = None) -> Path:
    """Log to ``workbench.log`` in the user log folder (rotated); returns its path."""
    folder = folder or Path(user_log_dir("workbench", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "workbench.log"
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s %(threadName)s: %(message)s")
        )
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def readable(exc: BaseException) -> tuple[str, str] | None:
    """(zh, en) for errors a reviewer can act on; None for programming errors."""
    error = operation_errors.readable(exc)
    return (error.zh, error.en) if error is not None else None


def refusal_text(exc: BaseException) -> str | None:
    """A refusal in the reviewer's language, logged in both; None for programming errors."""
    words = readable(exc)
    if words is None:
        return None
    log.info("refused: %s / %s", *words)
    return error_text(*words)


def details_of(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class ExceptionDialog(QDialog):
    """An unexpected error: a sentence, and the details to copy."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None, log_path: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("出现意外错误"))
        self.setObjectName("exceptionDialog")
        summary = plain_label(
            self.tr("工作台遇到意外错误，当前操作未完成。可复制下面的详情报告给管理员。")
            + ("\n" + self.tr("日志：%1").replace("%1", log_path) if log_path else ""),
            self,
        )
        summary.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("exceptionDetails")
        self.details.setReadOnly(True)
        self.details.setPlainText(details_of(exc))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(
            self.tr("复制详情"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(700, 420)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


def show_error(parent: QWidget | None, exc: BaseException) -> QDialog:
    """Show ``exc``: a readable refusal as a message box, anything else as an
    :class:`ExceptionDialog`.  Non-blocking; returns the dialog."""
    text = refusal_text(exc)
    if text is not None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QApplication.translate("errors", "无法完成"),
            text,
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("refusalBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # a refusal may quote names and input
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    dialog = ExceptionDialog(exc, parent, _log_path())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _log_path() -> str:
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if name:
            return name
    return ""


class ExceptionHook:
    """``sys.excepthook`` for the GUI: log, then show the dialog instead of dying."""

    def __init__(
        self, parent_provider: Callable[[], QWidget | None] = lambda: QApplication.activeWindow()
    ) -> None:
        self.parent_provider = parent_provider
        self.last_dialog: QDialog | None = None
        self._previous = sys.excepthook

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        if QApplication.instance() is None:
            self._previous(exc_type, exc, tb)
            return
        try:
            self.last_dialog = show_error(self.parent_provider(), exc)
        except Exception:  # never let the hook itself kill the app
            log.exception("could not show the error dialog")


def install_excepthook() -> ExceptionHook:
    hook = ExceptionHook()
    sys.excepthook = hook
    return hook
