"""The foot of a dialog that changes something: what OK will do, in words, and OK/Cancel.

Every such dialog (decline, findings, measures, extension, mute and snooze, rumour,
regulator order) shows the same two pieces; they are made here once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from workbench.ui.widgets.plain import plain_label


def summary_label(parent: QWidget, *, lines: int = 0) -> QLabel:
    """The plain-text line saying what OK will do (``confirmSummary``), wrapped, with
    room for ``lines`` lines so the dialog does not jump as it grows."""
    summary = plain_label("", parent)
    summary.setObjectName("confirmSummary")
    summary.setWordWrap(True)
    if lines:
        summary.setMinimumHeight(summary.fontMetrics().lineSpacing() * lines)
    return summary


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, accepting and rejecting ``dialog``."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
