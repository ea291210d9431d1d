"""Entering an appeal received by phone, letter, email or in person (申诉登记, 2021/20).

The reviewer types the account's platform id and looks it up: the measures of the
account that took effect are listed, each with the last day it may be appealed (an
appeal already open against one is named and that measure cannot be chosen).  Then the
appellant, the channel, when the appeal was received and what the appellant says.  OK
files it through :func:`workbench.operations.appeals.file_appeal`; a refusal (too late,
already open, dated before the measure) is shown in words and the dialog stays open.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.models import SHANGHAI
from workbench.operations import appeals
from workbench.operations.appeals import APPEAL_CHANNELS, AppealTarget
from workbench.operations.client import Client
from workbench.ui.i18n import pick
from workbench.ui.labels import label
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import fill, plain_label, set_plain


def refusal(exc: BaseException) -> str:
    from workbench.ui.errors import refusal_text

    text = refusal_text(exc)
    if text is None:
        raise exc
    return text


class AppealIntakeDialog(QDialog):
    """``filed(appeal_id)`` once the appeal is stored; the dialog then closes."""

    filed = Signal(int)

    def __init__(self, client: Client, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("appealIntakeDialog")
        self.setWindowTitle(self.tr("登记申诉（电话、信函等渠道）"))
        self.client, self.runner = client, runner
        self.target: AppealTarget | None = None
        self.platform_id = QLineEdit(self)
        self.platform_id.setObjectName("appealAccount")
        self.platform_id.setPlaceholderText(self.tr("账号的平台编号"))
        self.find_button = QPushButton(self.tr("查找"), self)
        self.find_button.setObjectName("appealFind")
        self.find_button.clicked.connect(self.look_up)
        self.platform_id.returnPressed.connect(self.look_up)
        self.account = plain_label("", self)
        self.account.setObjectName("appealAccountName")
        self.measure = QComboBox(self)
        self.measure.setObjectName("appealMeasure")
        self.appellant = QLineEdit(self)
        self.appellant.setObjectName("appealAppellant")
        self.contact = QLineEdit(self)
        self.contact.setObjectName("appealContact")
        self.contact.setPlaceholderText(self.tr("选填：电话或邮箱，用于答复"))
        self.channel = QComboBox(self)
        self.channel.setObjectName("appealChannel")
        for code, pair in APPEAL_CHANNELS.items():
            self.channel.addItem(pick(pair), code)
        self.received = QDateTimeEdit(self)
        self.received.setObjectName("appealReceived")
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received.setCalendarPopup(True)
        self.set_received(datetime.now(UTC))
        self.statement = QPlainTextEdit(self)
        self.statement.setObjectName("appealStatement")
        self.statement.setPlaceholderText(self.tr("申诉人陈述的理由"))
        self.problem = plain_label("", self)
        self.problem.setObjectName("appealProblem")
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
        form.addRow(self.tr("申诉的处置"), self.measure)
        form.addRow(self.tr("申诉人"), self.appellant)
        form.addRow(self.tr("联系方式"), self.contact)
        form.addRow(self.tr("渠道"), self.channel)
        form.addRow(self.tr("收到时间（北京时间）"), self.received)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.statement, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        for widget in (self.appellant, self.statement):
            widget.textChanged.connect(self._update)
        self.measure.currentIndexChanged.connect(self._update)
        self._update()

    # -- the account and its measures -------------------------------------------
    def look_up(self) -> None:
        platform_id = self.platform_id.text().strip()
        client = self.client

        def work(_ctx):
            return client.call(appeals.appeal_targets, platform_id=platform_id)

        self.runner.run(work, on_success=self._show_target, on_failure=self._refused, owner=self)

    def _show_target(self, target: AppealTarget) -> None:
        self.target = target
        set_plain(
            self.account,
            fill(
                self.tr("%1（%2）· 处置生效后 %3 日内可申诉"),
                target.account_name,
                target.platform_id,
                target.window_days,
            ),  # fmt: skip
        )
        self.measure.clear()
        for m in target.measures:
            text = fill(self.tr("M%1 · %2 · %3 · %4 · 可申诉至 %5"), m.id, label("measure", m.code),
                        label("status", m.status), m.basis, m.last_day.isoformat())  # fmt: skip
            if m.open_appeal_id is not None:
                text += fill(self.tr("（已有未结申诉 A%1）"), m.open_appeal_id)
            self.measure.addItem(text, m.id)
            if m.open_appeal_id is not None:
                self.measure.model().item(self.measure.count() - 1).setEnabled(False)
        first = next((i for i, m in enumerate(target.measures) if m.open_appeal_id is None), -1)
        self.measure.setCurrentIndex(first)
        set_plain(self.problem, "" if target.measures else self.tr("该账号没有已生效的处置"))
        self._update()

    def _refused(self, exc: BaseException) -> None:
        set_plain(self.problem, refusal(exc))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self._update()

    def _update(self, *_args) -> None:
        ready = (
            self.measure.currentData() is not None
            and bool(self.appellant.text().strip())
            and bool(self.statement.toPlainText().strip())
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    # -- filing ------------------------------------------------------------------
    def received_at(self) -> datetime:
        """The time typed, read as Beijing time."""
        local = self.received.dateTime().toPython().replace(tzinfo=SHANGHAI)
        return local.astimezone(UTC)

    def set_received(self, at: datetime) -> None:
        local = at.astimezone(SHANGHAI).replace(tzinfo=None)
        self.received.setDateTime(QDateTime(local))

    def submit(self) -> None:
        arguments = {
            "measure_id": self.measure.currentData(),
            "appellant_name": self.appellant.text().strip(),
            "appellant_contact": self.contact.text().strip(),
            "channel": self.channel.currentData(),
            "received_at": self.received_at(),
            "text": self.statement.toPlainText().strip(),
        }
        client = self.client

        def work(_ctx):
            return client.call(appeals.file_appeal, **arguments)

        def done(appeal_id: int) -> None:
            self.filed.emit(appeal_id)
            self.accept()

        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.runner.run(work, on_success=done, on_failure=self._refused, owner=self)
