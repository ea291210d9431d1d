"""Declining (不予受理) with a reason code and a note, for one case or a selection."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.operations.cases import DECLINE_LABELS
from workbench.ui.i18n import pick
from workbench.ui.widgets.confirm import ok_cancel, summary_label


class DeclineDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("declineDialog")
        self.setWindowTitle(title)
        self.reason = QComboBox(self)
        self.reason.setObjectName("declineReason")
        for code, pair in DECLINE_LABELS.items():
            self.reason.addItem(pick(pair), code.value)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("declineNote")
        self.summary = summary_label(self, lines=2)
        buttons = ok_cancel(self)
        form = QFormLayout()
        form.addRow(self.tr("理由"), self.reason)
        form.addRow(self.tr("说明"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.reason.currentIndexChanged.connect(self._update)
        self._update()

    def set_reason(self, code: str) -> None:
        self.reason.setCurrentIndex(self.reason.findData(code))

    def reason_code(self) -> str:
        return self.reason.currentData()

    def note(self) -> str:
        return self.note_edit.text().strip()

    def _update(self, *_args) -> None:
        self.summary.setText(
            self.tr("将以「%1」不予受理，举报人会收到相应的回复。").replace(
                "%1", self.reason.currentText()
            )
        )
