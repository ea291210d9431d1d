"""Time-limit policies: the rules in force, and a change previewed before it is applied.

"Preview" runs the change inside a savepoint and lists every open clock whose
due time would move (old, new, difference); only "Apply" makes the change
and recomputes the open clocks (:func:`workbench.operations.admin.apply_policy_change`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from workbench.models.codes import LimitUnit, Queue, ReportCategory, Stage
from workbench.operations import admin
from workbench.operations.admin import ANY, ClockMove
from workbench.ui.admin.base import AdminTab
from workbench.ui.i18n import pick
from workbench.ui.labels import GRADE, label, local_time

STAGES = {
    Stage.ACCEPT: ("受理", "Accept"),
    Stage.SCREEN: ("甄别", "Screening"),
    Stage.DISPOSE: ("处置", "Disposal"),
    Stage.REPLY: ("反馈", "Reply"),
    Stage.APPEAL_DECISION: ("申诉决定", "Appeal decision"),
    Stage.CORRECTION: ("限期改正", "Correction"),
}
UNITS = {LimitUnit.HOURS: ("小时", "hours"), LimitUnit.WORKING_DAYS: ("工作日", "working days")}


def _hours(delta) -> str:
    return f"{delta.total_seconds() / 3600:+.1f} h"


class PoliciesTab(AdminTab):
    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("policyTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("环节"),
                self.tr("队列"),
                self.tr("类别"),
                self.tr("账号等级"),
                self.tr("时限"),
                self.tr("版本"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.stage = QComboBox(self)
        self.stage.setObjectName("policyStage")
        for code, pair in STAGES.items():
            self.stage.addItem(pick(pair), code.value)
        self.queue = QComboBox(self)
        self.queue.setObjectName("policyQueue")
        self.queue.addItem(self.tr("全部"), ANY)
        for q in Queue:
            self.queue.addItem(label("queue", q.value), q.value)
        self.category = QComboBox(self)
        self.category.setObjectName("policyCategory")
        self.category.addItem(self.tr("全部"), ANY)
        for c in ReportCategory:
            self.category.addItem(label("category", c.value), c.value)
        self.grade = QComboBox(self)
        self.grade.setObjectName("policyGrade")
        self.grade.addItem(self.tr("全部"), ANY)
        for grade, pair in GRADE.items():
            self.grade.addItem(pick(pair), grade)
        self.amount = QDoubleSpinBox(self)
        self.amount.setObjectName("policyAmount")
        self.amount.setRange(0.5, 10_000)
        self.amount.setDecimals(1)
        self.amount.setValue(1)
        self.unit = QComboBox(self)
        self.unit.setObjectName("policyUnit")
        for unit, pair in UNITS.items():
            self.unit.addItem(pick(pair), unit.value)
        self.preview_button = QPushButton(self.tr("预览影响"), self)
        self.preview_button.setObjectName("policyPreview")
        self.preview_button.clicked.connect(self.preview)
        self.apply_button = QPushButton(self.tr("确认并重算"), self)
        self.apply_button.setObjectName("policyApply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.preview_table = QTableWidget(0, 5, self)
        self.preview_table.setObjectName("policyPreviewTable")
        self.preview_table.setHorizontalHeaderLabels(
            [
                self.tr("对象"),
                self.tr("环节"),
                self.tr("原期限"),
                self.tr("新期限"),
                self.tr("变化"),
            ]
        )
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        self.preview_summary = QLabel(self)
        self.preview_summary.setObjectName("policyPreviewSummary")
        self.preview_summary.setWordWrap(True)
        for widget in (self.stage, self.queue, self.category, self.grade, self.unit):
            widget.currentIndexChanged.connect(self._forget_preview)
        self.amount.valueChanged.connect(self._forget_preview)

        form = QFormLayout()
        form.addRow(self.tr("环节"), self.stage)
        form.addRow(self.tr("队列"), self.queue)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("账号等级"), self.grade)
        limit = QHBoxLayout()
        limit.addWidget(self.amount)
        limit.addWidget(self.unit)
        form.addRow(self.tr("时限"), limit)
        change = QGroupBox(self.tr("修改时限"), self)
        box = QVBoxLayout(change)
        box.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.apply_button)
        box.addLayout(buttons)
        box.addWidget(self.preview_summary)
        box.addWidget(self.preview_table, 1)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.message)
        layout.addLayout(left, 3)
        layout.addWidget(change, 2)
        self.previewed: tuple | None = None
        self.moves: list[ClockMove] = []

    def reload(self) -> None:
        self.read(admin.policies_in_force, self._fill)

    def _fill(self, rules) -> None:
        self.table.setRowCount(len(rules))
        for r, rule in enumerate(rules):
            texts = (
                pick(STAGES.get(rule.stage, (rule.stage, rule.stage))),
                self.tr("全部") if rule.queue == ANY else label("queue", rule.queue),
                self.tr("全部") if rule.category == ANY else label("category", rule.category),
                self.tr("全部") if rule.grade == ANY else label("grade", rule.grade),
                f"{rule.amount:g} {pick(UNITS.get(rule.unit, (rule.unit, rule.unit)))}",
                self.tr("内置默认") if rule.version is None else str(rule.version),
            )
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def key(self) -> tuple:
        return (
            self.stage.currentData(),
            self.queue.currentData(),
            self.category.currentData(),
            self.grade.currentData(),
            self.amount.value(),
            self.unit.currentData(),
        )

    @staticmethod
    def _change(key: tuple) -> dict:
        """The change ``key`` names, as the operations' arguments."""
        stage, queue, category, grade, amount, unit = key
        return {
            "stage": stage,
            "amount": amount,
            "unit": unit,
            "queue": queue,
            "category": category,
            "grade": grade,
        }

    def _forget_preview(self, *_args) -> None:
        self.previewed = None
        self.apply_button.setEnabled(False)

    def preview(self) -> None:
        """List the open clocks the change would move; nothing is saved."""
        key = self.key()

        def done(moves) -> None:
            self.previewed, self.moves = key, moves
            self.preview_table.setRowCount(len(moves))
            for r, m in enumerate(moves):
                owner = (
                    self.tr("案件 #%1").replace("%1", str(m.case_id))
                    if m.case_id is not None
                    else self.tr("申诉 #%1").replace("%1", str(m.appeal_id))
                    if m.appeal_id is not None
                    else self.tr("改正令 #%1").replace("%1", str(m.correction_order_id))
                )
                texts = (
                    owner,
                    pick(STAGES.get(m.stage, (m.stage, m.stage))),
                    local_time(m.old_due),
                    local_time(m.new_due),
                    _hours(m.delta),
                )
                for c, text in enumerate(texts):
                    self.preview_table.setItem(r, c, QTableWidgetItem(text))
            self.preview_summary.setText(
                self.tr("将有 %1 个进行中的时限改变期限；确认后才会保存并重算。").replace(
                    "%1", str(len(moves))
                )
            )
            self.apply_button.setEnabled(True)

        self.read(admin.preview_policy_change, done, **self._change(key))

    def apply(self) -> None:
        """Make the previewed change and recompute the open clocks."""
        if self.previewed is None or self.previewed != self.key():
            self._forget_preview()
            self.say(self.tr("请先预览此修改"), ok=False)
            return
        change = self._change(self.previewed)

        def after(result) -> None:
            self._forget_preview()
            self.say(
                self.tr("时限已修改：重算 %1 个进行中的时限，%2 个期限改变")
                .replace("%1", str(result.recomputed))
                .replace("%2", str(len(result.moves)))
            )

        self.write(admin.apply_policy_change, self.tr("时限已修改"), after, **change)
