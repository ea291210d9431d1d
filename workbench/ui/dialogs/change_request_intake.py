"""Entering an account holder's change request (信息变更申请, 2022/10).

The reviewer looks the account up by its platform id (its current name, bio,
signature and certification are shown), chooses the field, types the value asked for
and the holder's reason.  OK submits it through
:func:`workbench.operations.change_requests.submit_change_request`: the rule engine
screens it on arrival, so it is either made at once (meeting the correction order it
answers) or held in the 信息变更审核 tab with the rules it hit.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.operations import change_requests
from workbench.operations.change_requests import ChangeTarget, Submitted
from workbench.operations.client import Client
from workbench.ui.dialogs.appeal_intake import refusal
from workbench.ui.labels import label
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import fill, plain_label, set_plain

FIELDS = ("name", "bio", "signature", "certification")


class ChangeRequestIntakeDialog(QDialog):
    """``submitted(result)`` once the request is stored (passed or held); then it closes."""

    submitted = Signal(object)  # Submitted

    def __init__(self, client: Client, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("changeRequestIntakeDialog")
        self.setWindowTitle(self.tr("登记账号信息变更申请"))
        self.client, self.runner = client, runner
        self.target: ChangeTarget | None = None
        self.platform_id = QLineEdit(self)
        self.platform_id.setObjectName("changeAccount")
        self.platform_id.setPlaceholderText(self.tr("账号的平台编号"))
        self.find_button = QPushButton(self.tr("查找"), self)
        self.find_button.setObjectName("changeFind")
        self.find_button.clicked.connect(self.look_up)
        self.platform_id.returnPressed.connect(self.look_up)
        self.account = plain_label("", self)
        self.account.setObjectName("changeAccountName")
        self.field = QComboBox(self)
        self.field.setObjectName("changeField")
        for name in FIELDS:
            self.field.addItem(label("field", name), name)
        self.current = plain_label("", self)
        self.current.setObjectName("changeCurrent")
        self.current.setWordWrap(True)
        self.value = QLineEdit(self)
        self.value.setObjectName("changeValue")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("changeReason")
        self.reason.setPlaceholderText(self.tr("选填：申请人说明的理由"))
        self.problem = plain_label("", self)
        self.problem.setObjectName("changeProblem")
        self.problem.setStyleSheet("color:#b00020")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        find_row = QHBoxLayout()
        find_row.addWidget(self.platform_id, 1)
        find_row.addWidget(self.find_button)
        form = QFormLayout()
        form.addRow(self.tr("账号"), find_row)
        form.addRow("", self.account)
        form.addRow(self.tr("变更字段"), self.field)
        form.addRow(self.tr("当前值"), self.current)
        form.addRow(self.tr("申请变更为"), self.value)
        form.addRow(self.tr("理由"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self.field.currentIndexChanged.connect(self._update)
        self.value.textChanged.connect(self._update)
        self._update()

    def look_up(self) -> None:
        platform_id = self.platform_id.text().strip()
        client = self.client

        def work(_ctx):
            return client.call(change_requests.change_target, platform_id=platform_id)

        def found(target: ChangeTarget) -> None:
            self.target = target
            set_plain(self.account, fill("%1（%2）", target.account_name, target.platform_id))
            set_plain(self.problem, "")
            self._update()

        self.runner.run(work, on_success=found, on_failure=self._refused, owner=self)

    def _refused(self, exc: BaseException) -> None:
        set_plain(self.problem, refusal(exc))
        self._update()

    def _update(self, *_args) -> None:
        current = dict(self.target.current) if self.target else {}
        set_plain(self.current, current.get(self.field.currentData(), ""))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.target is not None and bool(self.value.text().strip()))

    def submit(self) -> None:
        assert self.target is not None
        arguments = {
            "platform_id": self.target.platform_id,
            "field": self.field.currentData(),
            "value": self.value.text().strip(),
            "reason": self.reason.text().strip(),
        }
        client = self.client

        def work(_ctx):
            return client.call(change_requests.submit_change_request, **arguments)

        def done(result: Submitted) -> None:
            self.submitted.emit(result)
            self.accept()

        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.runner.run(work, on_success=done, on_failure=self._refused, owner=self)
