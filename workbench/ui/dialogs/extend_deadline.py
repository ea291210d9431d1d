"""A supervisor extends a case's deadline (2022/19, 2021/20): how much, in working days
or hours, and why (required; the reason goes into the audit log)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import LimitUnit
from workbench.ui.widgets.confirm import ok_cancel, summary_label

#: The most one extension grants, as the service accepts (timelimits/clocks.MAX_EXTENSION).
MAXIMUM = {LimitUnit.WORKING_DAYS.value: 60, LimitUnit.HOURS.value: 24 * 90}


class ExtendDeadlineDialog(QDialog):
    """``amount()``, ``unit()`` and ``reason()`` after accept; OK needs a reason."""

    def __init__(self, title: str, case_ref: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("extendDeadlineDialog")
        self.setWindowTitle(title)
        self.case_ref = case_ref
        self.amount_box = QSpinBox(self)
        self.amount_box.setObjectName("extendAmount")
        self.amount_box.setMinimum(1)
        self.unit_box = QComboBox(self)
        self.unit_box.setObjectName("extendUnit")
        self.unit_box.addItem(self.tr("工作日"), LimitUnit.WORKING_DAYS.value)
        self.unit_box.addItem(self.tr("小时"), LimitUnit.HOURS.value)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("extendReason")
        self.reason_edit.setPlaceholderText(self.tr("必填，记入审计日志"))
        self.summary = summary_label(self)
        self.buttons = ok_cancel(self)
        form = QFormLayout()
        form.addRow(self.tr("延长"), self.amount_box)
        form.addRow(self.tr("单位"), self.unit_box)
        form.addRow(self.tr("理由"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.amount_box.valueChanged.connect(self._update)
        self.unit_box.currentIndexChanged.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        self._update()

    def set_unit(self, unit: str) -> None:
        self.unit_box.setCurrentIndex(self.unit_box.findData(unit))

    def amount(self) -> int:
        return self.amount_box.value()

    def unit(self) -> str:
        return self.unit_box.currentData()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _update(self, *_args) -> None:
        self.amount_box.setMaximum(MAXIMUM[self.unit()])
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason()))
        text = (
            self.tr("将把案件 %1 正在计时的处理时限延长 %2 %3，理由记入审计日志。")
            if self.reason()
            else self.tr("请填写延长的理由。")
        )
        self.summary.setText(
            text.replace("%1", self.case_ref)
            .replace("%2", str(self.amount()))
            .replace("%3", self.unit_box.currentText())
        )
