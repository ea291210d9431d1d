"""A message line under a panel: what an action did, or why it was refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from workbench.ui.errors import refusal_text, show_error
from workbench.ui.widgets.plain import shown

OK_STYLE = "color:#1b5e20"
REFUSED_STYLE = "color:#b00020;font-weight:bold"


class MessageLine(QLabel):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages name accounts and people
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def say(self, text: str, ok: bool = True) -> None:
        self.setStyleSheet(OK_STYLE if ok else REFUSED_STYLE)
        self.setText(shown(text))

    def refuse(self, exc: BaseException) -> None:
        """A refusal in the line (in the reviewer's language; both in the log); anything
        unexpected in the error dialog."""
        text = refusal_text(exc)
        if text is None:
            show_error(self.window(), exc)
        else:
            self.say(text, ok=False)
