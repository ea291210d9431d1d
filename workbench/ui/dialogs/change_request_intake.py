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
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.operations import change_requests
from workbench.operations.change_requests import ChangeTarget, Submitted
from workbench.operations.client import Client
from workbench.ui.dialogs.intake_base import IntakeDialog
from workbench.ui.labels import label
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import fill, plain_label, set_plain

FIELDS = ("name", "bio", "signature", "certification")


class ChangeRequestIntakeDialog(IntakeDialog):
    """``submitted(result)`` once the request is stored (passed or held); then it closes."""

    submitted = Signal(object)  # Submitted

    def __init__(self, client: Client, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(client, runner, "change", parent)
        self.setObjectName("changeRequestIntakeDialog")
        self.setWindowTitle(self.tr("登记账号信息变更申请"))
        self.target: ChangeTarget | None = None
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
        form = QFormLayout()
        form.addRow(self.tr("账号"), self.find_row())
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
        self.field.currentIndexChanged.connect(self.update_ok)
        self.value.textChanged.connect(self.update_ok)
        self.update_ok()

    def look_up(self) -> None:
        platform_id = self.platform_id.text().strip()

        def found(target: ChangeTarget) -> None:
            self.target = target
            set_plain(self.account, fill("%1（%2）", target.account_name, target.platform_id))
            set_plain(self.problem, "")
            self.update_ok()

        self.call(change_requests.change_target, {"platform_id": platform_id}, found)

    def update_ok(self, *_args) -> None:
        current = dict(self.target.current) if self.target else {}
        set_plain(self.current, current.get(self.field.currentData(), ""))
        self.ok().setEnabled(self.target is not None and bool(self.value.text().strip()))

    def submit(self) -> None:
        assert self.target is not None
        arguments = {
            "platform_id": self.target.platform_id,
            "field": self.field.currentData(),
            "value": self.value.text().strip(),
            "reason": self.reason.text().strip(),
        }

        def done(result: Submitted) -> None:
            self.submitted.emit(result)
            self.accept()

        self.ok().setEnabled(False)
        self.call(change_requests.submit_change_request, arguments, done)
