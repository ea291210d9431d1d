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
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.models import SHANGHAI
from workbench.operations import appeals
from workbench.operations.appeals import APPEAL_CHANNELS, AppealTarget
from workbench.operations.client import Client
from workbench.ui.dialogs.intake_base import IntakeDialog
from workbench.ui.i18n import pick
from workbench.ui.labels import label
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import fill, set_plain


class AppealIntakeDialog(IntakeDialog):
    """``filed(appeal_id)`` once the appeal is stored; the dialog then closes."""

    filed = Signal(int)

    def __init__(self, client: Client, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(client, runner, "appeal", parent)
        self.setObjectName("appealIntakeDialog")
        self.setWindowTitle(self.tr("登记申诉（电话、信函等渠道）"))
        self.target: AppealTarget | None = None
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
        form = QFormLayout()
        form.addRow(self.tr("账号"), self.find_row())
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
            widget.textChanged.connect(self.update_ok)
        self.measure.currentIndexChanged.connect(self.update_ok)
        self.update_ok()

    # -- the account and its measures -------------------------------------------
    def look_up(self) -> None:
        platform_id = self.platform_id.text().strip()
        self.call(appeals.appeal_targets, {"platform_id": platform_id}, self._show_target)

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
                model = self.measure.model()  # a combo box's own: a QStandardItemModel
                assert isinstance(model, QStandardItemModel)
                model.item(self.measure.count() - 1).setEnabled(False)
        first = next((i for i, m in enumerate(target.measures) if m.open_appeal_id is None), -1)
        self.measure.setCurrentIndex(first)
        set_plain(self.problem, "" if target.measures else self.tr("该账号没有已生效的处置"))
        self.update_ok()

    def update_ok(self, *_args) -> None:
        ready = (
            self.measure.currentData() is not None
            and bool(self.appellant.text().strip())
            and bool(self.statement.toPlainText().strip())
        )
        self.ok().setEnabled(ready)

    # -- filing ------------------------------------------------------------------
    def received_at(self) -> datetime:
        """The time typed, read as Beijing time."""
        typed = self.received.dateTime().toPython()  # typed object by PySide6: a datetime
        assert isinstance(typed, datetime)
        return typed.replace(tzinfo=SHANGHAI).astimezone(UTC)

    def set_received(self, at: datetime) -> None:
        local = at.astimezone(SHANGHAI).replace(tzinfo=None)
        # PySide6 takes a datetime here; its stubs list no such overload.
        self.received.setDateTime(QDateTime(local))  # type: ignore[call-overload]

    def submit(self) -> None:
        arguments = {
            "measure_id": self.measure.currentData(),
            "appellant_name": self.appellant.text().strip(),
            "appellant_contact": self.contact.text().strip(),
            "channel": self.channel.currentData(),
            "received_at": self.received_at(),
            "text": self.statement.toPlainText().strip(),
        }

        def done(appeal_id: int) -> None:
            self.filed.emit(appeal_id)
            self.accept()

        self.ok().setEnabled(False)
        self.call(appeals.file_appeal, arguments, done)
