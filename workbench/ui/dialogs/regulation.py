"""Dialogs of the regulations' own paths on a case: a rumour finding (2021/13) and a
measure the regulator ordered (2022/21)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.models.regulation import RUMOUR_RESPONSE_LABELS, RumourResponse
from workbench.operations.cases import MeasureSpec
from workbench.ui.dialogs.measures import MeasureEditor, describe
from workbench.ui.i18n import pick
from workbench.ui.widgets.confirm import ok_cancel, summary_label
from workbench.ui.widgets.dates import day_of
from workbench.ui.widgets.plain import set_plain


class RumourDialog(QDialog):
    """What screening found (谣言, 2021/13): the debunk, the trace, and the response."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rumourDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.response = QComboBox(self)
        self.response.setObjectName("rumourResponse")
        for code in RumourResponse:
            self.response.addItem(pick(RUMOUR_RESPONSE_LABELS[code]), code.value)
        self.debunk = QPlainTextEdit(self)
        self.debunk.setObjectName("rumourDebunk")
        self.debunk.setPlaceholderText(self.tr("辟谣：发布了什么更正、在哪里（必填）"))
        self.debunk.setMaximumHeight(80)
        self.trace = QLineEdit(self)
        self.trace.setObjectName("rumourTrace")
        self.trace.setPlaceholderText(self.tr("溯源：谣言从何而来"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("rumourReason")
        self.summary = summary_label(self, lines=3)
        form = QFormLayout()
        form.addRow(self.tr("应对"), self.response)
        form.addRow(self.tr("辟谣"), self.debunk)
        form.addRow(self.tr("溯源"), self.trace)
        form.addRow(self.tr("理由"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(ok_cancel(self))
        self.response.currentIndexChanged.connect(self._update)
        self._update()

    def set_response(self, code: str) -> None:
        self.response.setCurrentIndex(self.response.findData(code))

    def values(self) -> dict:
        return {
            "response": self.response.currentData(),
            "debunk": self.debunk.toPlainText().strip(),
            "trace": self.trace.text().strip(),
            "reason": self.reason.text().strip(),
        }

    def _update(self, *_args) -> None:
        if self.response.currentData() == RumourResponse.BLACKLIST:
            text = self.tr(
                "将认定为制作发布谣言（2021/13）并处置：列入黑名单，须另一位主管审批后生效。"
            )
        else:
            text = self.tr(
                "将认定为制作发布谣言（2021/13）并降低账号信用等级一级，随之受限的功能按新等级执行。"
            )
        set_plain(self.summary, text)


class RegulatorOrderDialog(QDialog):
    """A measure the regulator ordered (2022/21): the order, and the measure it requires."""

    def __init__(self, title: str, parent: QWidget | None = None, *, default_basis: str = ""):
        super().__init__(parent)
        self.setObjectName("regulatorOrderDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("orderReference")
        self.reference.setPlaceholderText(self.tr("文号"))
        self.body = QLineEdit(self)
        self.body.setObjectName("orderBody")
        self.body.setPlaceholderText(self.tr("发文机关"))
        self.issued_on = QDateEdit(QDate.currentDate(), self)
        self.issued_on.setObjectName("orderDate")
        self.issued_on.setCalendarPopup(True)
        self.editor = MeasureEditor(self, default_basis=default_basis)
        self.editor.approval.setText("")
        self.summary = summary_label(self, lines=3)
        form = QFormLayout()
        form.addRow(self.tr("文号"), self.reference)
        form.addRow(self.tr("发文机关"), self.body)
        form.addRow(self.tr("发文日期"), self.issued_on)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.editor)
        layout.addWidget(self.summary)
        layout.addWidget(ok_cancel(self))
        for signal in (self.editor.code.currentIndexChanged, self.reference.textChanged):
            signal.connect(self._update)
        self._update()

    def order(self) -> dict:
        issued = day_of(self.issued_on)
        return {
            "reference": self.reference.text().strip(),
            "issuing_body": self.body.text().strip(),
            "issued_on": issued,
        }

    def spec(self) -> MeasureSpec:
        return self.editor.spec()

    def _update(self, *_args) -> None:
        text = self.tr(
            "按监管要求立即执行：%1。监管要求即为依据，不再等待主管审批；文号、机关和日期"
            "随措施记录，并在报送监管的报告中标明。"
        ).replace("%1", describe(self.editor.spec(), status="in_effect"))
        set_plain(self.summary, text)
