"""What the dialogs that enter an account holder's appeal or change request share: the
account looked up by its platform id, a line for refusals in words, and OK running the
operation off the GUI thread (the dialog stays open with the refusal when it is refused).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from workbench.operations.client import Client
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import plain_label, set_plain


def refusal(exc: BaseException) -> str:
    """A refusal in the reviewer's language; anything else is raised again."""
    from workbench.ui.errors import refusal_text

    text = refusal_text(exc)
    if text is None:
        raise exc
    return text


class IntakeDialog(QDialog):
    """Subclasses lay out ``find_row()``, ``account``, ``problem`` and ``buttons`` and
    implement :meth:`look_up`, :meth:`submit` and :meth:`update_ok`."""

    # What each subclass implements (declared for the type checker only).
    look_up: Callable[[], None]
    submit: Callable[[], None]
    update_ok: Callable[..., None]

    def __init__(self, client: Client, runner: TaskRunner, prefix: str, parent: QWidget | None):
        super().__init__(parent)
        self.client, self.runner = client, runner
        self.platform_id = QLineEdit(self)
        self.platform_id.setObjectName(f"{prefix}Account")
        self.platform_id.setPlaceholderText(
            QCoreApplication.translate("IntakeDialog", "账号的平台编号")
        )
        self.find_button = QPushButton(QCoreApplication.translate("IntakeDialog", "查找"), self)
        self.find_button.setObjectName(f"{prefix}Find")
        self.find_button.clicked.connect(self.look_up)
        self.platform_id.returnPressed.connect(self.look_up)
        self.account = plain_label("", self)
        self.account.setObjectName(f"{prefix}AccountName")
        self.problem = plain_label("", self)
        self.problem.setObjectName(f"{prefix}Problem")
        self.problem.setStyleSheet("color:#b00020")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def find_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.platform_id, 1)
        row.addWidget(self.find_button)
        return row

    def ok(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def call(self, operation, arguments: dict, on_success: Callable) -> None:
        """Run ``operation(**arguments)`` off the GUI thread; a refusal goes to ``problem``."""
        client = self.client

        def work(_ctx):
            return client.call(operation, **arguments)

        self.runner.run(work, on_success=on_success, on_failure=self.refused, owner=self)

    def refused(self, exc: BaseException) -> None:
        set_plain(self.problem, refusal(exc))
        self.update_ok()
