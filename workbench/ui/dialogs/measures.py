"""Choosing measures from the catalogue, with their parameters, basis and reason.

Severe measures (close, blacklist, ban re-registration) are marked as needing
a supervisor's approval; they take effect only when approved.  Every field
has its row from the start and is only enabled or disabled as the measure
changes, so nothing moves under the pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import MeasureCode, MeasureStatus
from workbench.operations.cases import FUNCTIONS, MeasureSpec, needs_approval
from workbench.ui.i18n import language, pick
from workbench.ui.labels import function_label, label
from workbench.ui.widgets.confirm import ok_cancel, summary_label
from workbench.ui.widgets.plain import plain_label, set_plain, shown

DAYS_CODES = {
    MeasureCode.RESTRICT_FUNCTIONS,
    MeasureCode.SUSPEND,
    MeasureCode.SUSPEND_UPDATES,
    MeasureCode.STOP_ADS,
}


def describe(spec: MeasureSpec, *, status: str | None = None) -> str:
    """One line for a measure, marked when it needs approval: a measure being chosen
    (``status`` None) or a decided one still waiting (``pending_approval``)."""
    text = label("measure", spec.code)
    params = spec.params
    if "days" in params:
        text += QCoreApplication.translate("measures", "（%1 天）").replace(
            "%1", str(params["days"])
        )
    if "functions" in params:
        text += "：" + "、".join(pick(FUNCTIONS[f]) for f in params["functions"])
    if "deadline_days" in params:
        text += QCoreApplication.translate("measures", "（%1 个工作日内改正）").replace(
            "%1", str(params["deadline_days"])
        )
    if spec.basis:
        text += f" · {spec.basis}"
    if needs_approval(spec.code) and status in (None, MeasureStatus.PENDING_APPROVAL.value):
        text += " · " + QCoreApplication.translate("measures", "需主管审批")
    return text


class MeasureEditor(QWidget):
    """One measure: code, days, functions, deadline, basis, reason."""

    def __init__(self, parent: QWidget | None = None, *, default_basis: str = ""):
        super().__init__(parent)
        self.code = QComboBox(self)
        self.code.setObjectName("measureCode")
        for code in MeasureCode:
            mark = " ⚠ " + self.tr("需审批") if needs_approval(code.value) else ""
            self.code.addItem(label("measure", code.value) + mark, code.value)
        self.days = QSpinBox(self)
        self.days.setObjectName("measureDays")
        self.days.setRange(0, 3650)
        self.days.setSpecialValueText(self.tr("不限"))
        self.deadline = QSpinBox(self)
        self.deadline.setObjectName("measureDeadline")
        self.deadline.setRange(1, 120)
        self.deadline.setValue(5)
        self.required = QLineEdit(self)
        self.required.setPlaceholderText(self.tr("需改正的内容"))
        self.functions = QWidget(self)
        grid = QGridLayout(self.functions)
        grid.setContentsMargins(0, 0, 0, 0)
        self.function_boxes: dict[str, QCheckBox] = {}
        columns = 4 if language() == "zh_CN" else 2  # the English names are longer
        for i, key in enumerate(FUNCTIONS):
            box = QCheckBox(function_label(key), self.functions)
            self.function_boxes[key] = box
            grid.addWidget(box, i // columns, i % columns)
        self.basis = QLineEdit(default_basis, self)
        self.basis.setObjectName("measureBasis")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("measureReason")
        self.approval = plain_label("", self)
        self.approval.setObjectName("approvalNote")
        self.approval.setStyleSheet("color:#b35900")
        self.approval.setWordWrap(True)
        # Room for the note from the start, so it appearing moves nothing below it.
        self.approval.setMinimumHeight(self.approval.fontMetrics().lineSpacing() * 2)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("措施"), self.code)
        form.addRow(self.tr("期限（天）"), self.days)
        form.addRow(self.tr("限制的功能"), self.functions)
        form.addRow(self.tr("改正期限（工作日）"), self.deadline)
        form.addRow(self.tr("改正要求"), self.required)
        form.addRow(self.tr("法律依据"), self.basis)
        form.addRow(self.tr("理由"), self.reason)
        form.addRow("", self.approval)
        self._form = form
        self.code.currentIndexChanged.connect(self._code_changed)
        self._code_changed()

    def set_code(self, code: str) -> None:
        self.code.setCurrentIndex(self.code.findData(code))

    def set_spec(self, spec: MeasureSpec) -> None:
        """Start from ``spec`` (a decided measure being revised): code and parameters."""
        self.set_code(spec.code)
        params = spec.params or {}
        self.days.setValue(int(params.get("days") or 0))
        chosen = set(params.get("functions") or ())
        for key, box in self.function_boxes.items():
            box.setChecked(key in chosen)
        if params.get("deadline_days"):
            self.deadline.setValue(int(params["deadline_days"]))
        self.required.setText(str(params.get("required") or ""))
        if spec.basis:
            self.basis.setText(spec.basis)

    def _code_changed(self, *_args) -> None:
        """Enable the fields the measure takes (rows never appear or vanish)."""
        code = self.code.currentData()
        for widget, wanted in (
            (self.days, code in DAYS_CODES),
            (self.functions, code == MeasureCode.RESTRICT_FUNCTIONS),
            (self.deadline, code == MeasureCode.CORRECT_BY_DEADLINE),
            (self.required, code == MeasureCode.CORRECT_BY_DEADLINE),
        ):
            widget.setEnabled(wanted)
            self._form.labelForField(widget).setEnabled(wanted)
        self.approval.setText(self.tr("此措施需主管审批后生效") if needs_approval(code) else "")

    def spec(self) -> MeasureSpec:
        code = self.code.currentData()
        params: dict = {}
        if code in DAYS_CODES and self.days.value():
            params["days"] = self.days.value()
        if code == MeasureCode.RESTRICT_FUNCTIONS:
            params["functions"] = [k for k, b in self.function_boxes.items() if b.isChecked()]
        if code == MeasureCode.CORRECT_BY_DEADLINE:
            params["deadline_days"] = self.deadline.value()
            if self.required.text().strip():
                params["required"] = self.required.text().strip()
        return MeasureSpec(
            code=code,
            basis=self.basis.text().strip(),
            reason=self.reason.text().strip(),
            params=params,
        )


class MeasuresDialog(QDialog):
    """Pick one or more measures; ``specs()`` after accept."""

    def __init__(self, title: str, parent: QWidget | None = None, *, default_basis: str = ""):
        super().__init__(parent)
        self.setObjectName("measuresDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.editor = MeasureEditor(self, default_basis=default_basis)
        self.chosen = QListWidget(self)
        self.chosen.setObjectName("chosenMeasures")
        self.chosen.setMaximumHeight(90)
        self.add_button = QPushButton(self.tr("加入列表"), self)
        self.add_button.clicked.connect(self.add_current)
        self.summary = summary_label(self, lines=3)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.chosen)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._specs: list[MeasureSpec] = []
        for signal in (
            self.editor.code.currentIndexChanged,
            self.editor.days.valueChanged,
            self.editor.deadline.valueChanged,
            self.editor.basis.textChanged,
        ):
            signal.connect(self._update_summary)
        self._update_summary()

    def add_current(self) -> None:
        spec = self.editor.spec()
        self._specs.append(spec)
        self.chosen.addItem(shown(describe(spec)))
        self._update_summary()

    def specs(self) -> list[MeasureSpec]:
        """The listed measures, or the one in the editor when none was listed."""
        return list(self._specs) or [self.editor.spec()]

    def _update_summary(self, *_args) -> None:
        lines = [describe(s) for s in self.specs()]
        severe = any(needs_approval(s.code) for s in self.specs())
        text = self.tr("将处置：%1").replace("%1", "；".join(lines))
        if severe:
            text += "\n" + self.tr("严重措施提交主管审批，审批通过前不生效。")
        set_plain(self.summary, text)
