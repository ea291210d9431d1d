"""Muting a reporter, snoozing an account, and the list of both (issue 15 item 11).

:class:`HoldDialog` sets one: for a mute, which report's reporter (from the open
case); for a snooze, the case's account; how long (hours or days, up to 90 days)
and why (required, audited).  Its summary says what the queues will do.
:class:`HoldsDialog` lists the mutes and snoozes running (or all of them) and lifts
the chosen one early.  What a mute and a snooze do is explained in
:mod:`workbench.cases.holds`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.views import CaseDetail
from workbench.operations import holds
from workbench.operations.holds import HoldView
from workbench.ui.labels import local_time
from workbench.ui.widgets.confirm import ok_cancel, summary_label
from workbench.ui.widgets.message import MessageLine
from workbench.ui.widgets.plain import fill, plain_label, shown

HOURS, DAYS = "hours", "days"
#: The longest mute or snooze, as the service accepts it (cases/holds.LONGEST).
LONGEST_DAYS = 90


class HoldDialog(QDialog):
    """Mute a reporter of ``detail`` (``kind`` "mute") or snooze its account ("snooze");
    ``hours()``, ``reason()`` and, for a mute, ``report_id()`` after accept."""

    def __init__(self, kind: str, detail: CaseDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("holdDialog")
        self.kind = kind
        self.detail = detail
        mute = kind == "mute"
        self.setWindowTitle(
            fill(self.tr("静音举报人 · 案件 #%1"), detail.id)
            if mute
            else fill(self.tr("暂缓账号 · 案件 #%1"), detail.id)
        )
        self.report = QComboBox(self)
        self.report.setObjectName("holdReport")
        for r in detail.reports:
            if r.reporter_name:
                self.report.addItem(
                    shown(fill(self.tr("%1（举报于 %2）"), r.reporter_name,
                               local_time(r.received_at))),
                    r.id,
                )  # fmt: skip
        self.length = QSpinBox(self)
        self.length.setObjectName("holdLength")
        self.length.setMinimum(1)
        self.length.setValue(1)
        self.unit = QComboBox(self)
        self.unit.setObjectName("holdUnit")
        self.unit.addItem(self.tr("天"), DAYS)
        self.unit.addItem(self.tr("小时"), HOURS)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("holdReason")
        self.reason_edit.setPlaceholderText(self.tr("必填，记入审计日志"))
        self.summary = summary_label(self)
        self.buttons = ok_cancel(self)
        form = QFormLayout()
        if mute:
            form.addRow(self.tr("举报人"), self.report)
        else:
            form.addRow(self.tr("账号"), plain_label(detail.account.name, self))
        length_row = QHBoxLayout()
        length_row.addWidget(self.length, 1)
        length_row.addWidget(self.unit)
        form.addRow(self.tr("期限"), length_row)
        form.addRow(self.tr("理由"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.length.valueChanged.connect(self._update)
        self.unit.currentIndexChanged.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        self._update()

    def report_id(self) -> int | None:
        return self.report.currentData()

    def hours(self) -> float:
        return float(self.length.value() * (24 if self.unit.currentData() == DAYS else 1))

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _update(self, *_args) -> None:
        days = self.unit.currentData() == DAYS
        self.length.setMaximum(LONGEST_DAYS if days else LONGEST_DAYS * 24)
        ready = bool(self.reason()) and (self.kind != "mute" or self.report_id() is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)
        if self.kind == "mute" and self.report_id() is None:
            text = self.tr("此案件的举报均无举报人（自动识别），无从静音。")
        elif self.kind == "mute":
            text = fill(
                self.tr("%1 %2内，该举报人的新举报照常登记、计时，但只由他举报的案件不在默认"
                        "队列视图中显示；截止前两小时起及超时的案件照常显示。"),
                self.length.value(), self.unit.currentText(),
            )  # fmt: skip
        else:
            text = fill(
                self.tr("%1 %2内，账号「%3」的待处理案件不在默认队列视图中显示，新举报并入其"
                        "案件；截止前两小时起及超时的案件照常显示。"),
                self.length.value(), self.unit.currentText(), self.detail.account.name,
            )  # fmt: skip
        if not self.reason():
            text += self.tr("请填写理由。")
        self.summary.setText(shown(text))


class HoldsDialog(QDialog):
    """The mutes and snoozes, with 撤销 for the chosen one; ``lifted(hold_id)``."""

    lifted = Signal(int)

    def __init__(self, client, runner, *, can_lift: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("holdsDialog")
        self.setWindowTitle(self.tr("静音与暂缓"))
        self.client, self.runner = client, runner
        self.rows: list[HoldView] = []
        self.ended = QCheckBox(self.tr("含已结束的"), self)
        self.ended.setObjectName("holdsIncludeEnded")
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("holdsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("类型"), self.tr("对象"), self.tr("至"), self.tr("设置人"), self.tr("理由")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.lift_button = QPushButton(self.tr("撤销所选"), self)
        self.lift_button.setObjectName("holdsLift")
        self.lift_button.setVisible(can_lift)
        self.message = MessageLine("holdsMessage", self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.ended)
        row.addStretch(1)
        row.addWidget(self.lift_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.ended.toggled.connect(self.reload)
        self.lift_button.clicked.connect(self.lift)
        self.table.itemSelectionChanged.connect(self._update)
        self.reload()

    def reload(self, *_args) -> None:
        client, ended = self.client, self.ended.isChecked()
        self.runner.run(
            lambda _ctx: client.call(holds.list_holds, include_ended=ended),
            on_success=self._show,
            on_failure=self.message.refuse,
            owner=self,
        )

    def _show(self, rows: list[HoldView]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(rows))
        for i, h in enumerate(rows):
            kind = self.tr("静音举报人") if h.kind == "mute" else self.tr("暂缓账号")
            until = local_time(h.lifted_at or h.until)
            if h.lifted_at is not None:
                until = fill(self.tr("%1（%2 撤销）"), until, h.lifted_by or "")
            elif not h.active:
                until = fill(self.tr("%1（已到期）"), until)
            for column, text in enumerate((kind, h.target, until, h.set_by, h.reason)):
                item = QTableWidgetItem(shown(text))
                item.setData(Qt.ItemDataRole.UserRole, h.id)
                self.table.setItem(i, column, item)
        self._update()

    def chosen(self) -> HoldView | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _update(self) -> None:
        chosen = self.chosen()
        self.lift_button.setEnabled(chosen is not None and chosen.active)

    def lift(self) -> None:
        chosen = self.chosen()
        if chosen is None or not chosen.active:
            return
        client, hold_id = self.client, chosen.id

        def done(_result) -> None:
            self.message.say(fill(self.tr("已撤销 #%1，相关案件回到默认队列视图"), hold_id))
            self.lifted.emit(hold_id)
            self.reload()

        self.runner.run(
            lambda _ctx: client.call(holds.lift_hold, hold_id=hold_id),
            on_success=done,
            on_failure=self.message.refuse,
            owner=self,
        )
