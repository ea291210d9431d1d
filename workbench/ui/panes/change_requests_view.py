"""The 信息变更 view: the change requests screening held, decided by a moderator (2022/10).

At the top the pending requests (account, fields, hits, submitted, correction
deadline); below, the chosen request's fields with the current value beside the
proposed one, and the rule hits that held it with their article.  批准变更 applies
the change (and meets the correction order it answers); 不予变更 needs a reason and
the article, and leaves the account as it is.  Personal data arrives masked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import Role
from workbench.operations import change_requests
from workbench.operations.access import Actor
from workbench.operations.change_requests import PendingChangeRequest
from workbench.operations.client import Client
from workbench.ui.changes import ChangeBus
from workbench.ui.labels import label, local_time
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.message import MessageLine
from workbench.ui.widgets.plain import fill, rich, shown

DEFAULT_BASIS = "2022/10"


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(shown(text)))


class ChangeRequestsView(QWidget):
    loaded = Signal(object)  # list[PendingChangeRequest]
    decided = Signal(int, bool)  # change request id, approved

    def __init__(
        self,
        client: Client,
        actor: Actor,
        runner: TaskRunner,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("changeRequestsView")
        self.client, self.actor, self.runner, self.bus = client, actor, runner, bus
        self.rows: list[PendingChangeRequest] = []
        self.current: PendingChangeRequest | None = None

        self.list = _table(
            self,
            "changeRequestList",
            [
                self.tr("编号"),
                self.tr("账号"),
                self.tr("变更字段"),
                self.tr("命中规则"),
                self.tr("提交时间"),
                self.tr("改正期限"),
            ],
        )
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._chosen(row))
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)  # bold number; texts escaped
        self.header.setObjectName("changeRequestHeader")
        self.header.setWordWrap(True)
        self.changes = _table(
            self, "changeRequestFields", [self.tr("字段"), self.tr("当前值"), self.tr("申请变更为")]
        )
        self.hits = _table(
            self,
            "changeRequestHits",
            [
                self.tr("规则类别"),
                self.tr("字段"),
                self.tr("命中内容"),
                self.tr("法律依据"),
                self.tr("说明"),
            ],
        )
        self.reason = QLineEdit(self)
        self.reason.setObjectName("changeRequestReason")
        self.reason.setPlaceholderText(self.tr("理由（不予变更时必填）"))
        self.basis = QLineEdit(DEFAULT_BASIS, self)
        self.basis.setObjectName("changeRequestBasis")
        form = QFormLayout()
        form.addRow(self.tr("理由"), self.reason)
        form.addRow(self.tr("法律依据"), self.basis)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text in (("approve", self.tr("批准变更")), ("refuse", self.tr("不予变更"))):
            button = QPushButton(text, self)
            button.setObjectName(f"changeRequest_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.decide(k == "approve"))
            self.buttons[key] = button
            row.addWidget(button)
        self.message = MessageLine("changeRequestMessage", self)
        self._say, self._refused = self.message.say, self.message.refuse

        detail = QWidget(self)
        lower = QVBoxLayout(detail)
        lower.addWidget(self.header)
        lower.addWidget(self.changes, 1)
        lower.addWidget(self.hits, 1)
        lower.addLayout(form)
        lower.addLayout(row)
        lower.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._show(None)

    # -- reading -----------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the pending change requests."""
        client = self.client

        def work(_ctx):
            return client.call(change_requests.pending_change_requests)

        self.runner.run(work, on_success=self._fill_list, owner=self)

    def _fill_list(self, rows: list[PendingChangeRequest]) -> None:
        keep = self.current.id if self.current else None
        self.rows = list(rows)
        self.list.blockSignals(True)
        _fill(
            self.list,
            [
                (
                    f"#{r.id}",
                    r.account_name,
                    "、".join(label("field", c.field) for c in r.changes),
                    "、".join(dict.fromkeys(label("category", h.category) for h in r.hits)),
                    local_time(r.submitted_at),
                    local_time(r.correction_deadline) or "—",
                )
                for r in self.rows
            ],
        )
        index = next((i for i, r in enumerate(self.rows) if r.id == keep), None)
        self.list.setCurrentCell(index if index is not None else -1, 0 if index is not None else -1)
        self.list.blockSignals(False)
        self._show(self.rows[index] if index is not None else None)
        self.loaded.emit(self.rows)

    def _chosen(self, row: int) -> None:
        self._show(self.rows[row] if 0 <= row < len(self.rows) else None)

    def select(self, change_request_id: int) -> None:
        """Show the pending request ``change_request_id`` (when it is listed)."""
        for i, r in enumerate(self.rows):
            if r.id == change_request_id:
                self.list.setCurrentCell(i, 0)
                return

    def _show(self, r: PendingChangeRequest | None) -> None:
        self.current = r
        if r is None:
            self.header.setText("")
            _fill(self.changes, [])
            _fill(self.hits, [])
        else:
            self.header.setText(
                fill(
                    self.tr("<b>变更申请 #%1</b> · 账号：%2（%3） · 提交：%4"),
                    r.id,
                    rich(r.account_name),
                    rich(label("account_status", r.account_status)),
                    rich(local_time(r.submitted_at)),
                )
            )
            _fill(
                self.changes,
                [(label("field", c.field), c.current or "", c.proposed or "") for c in r.changes],
            )
            _fill(
                self.hits,
                [
                    (label("category", h.category), label("field", h.field), h.matched,
                     h.basis, h.explanation)
                    for h in r.hits
                ],
            )
        decider = any(self.actor.has(role) for role in (Role.MODERATOR, Role.SUPERVISOR))
        for button in self.buttons.values():
            button.setEnabled(decider and r is not None)

    def on_changed(self, kind: str, ids: list) -> None:
        """Re-read when change requests or accounts changed (only while shown)."""
        if self.isVisible() and kind in ("change_request", "correction_order", "queues"):
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    # -- deciding ----------------------------------------------------------------
    def decide(self, approve: bool) -> None:
        """批准变更 or 不予变更 for the shown request (不予变更 needs a reason)."""
        r = self.current
        if r is None:
            return
        reason, basis = self.reason.text().strip(), self.basis.text().strip()
        if not approve and not reason:
            self._say(self.tr("不予变更须填写理由"), ok=False)
            return
        client = self.client

        def work(_ctx):
            return client.call(
                change_requests.decide_change_request,
                change_request_id=r.id,
                approve=approve,
                reason=reason,
                basis=basis,
            )

        def done(change_request_id: int) -> None:
            self.reason.clear()
            self.basis.setText(DEFAULT_BASIS)
            self._say(
                (self.tr("变更申请 #%1 已批准") if approve else self.tr("变更申请 #%1 不予变更"))
                .replace("%1", str(change_request_id))
            )
            self.current = None
            self.decided.emit(change_request_id, approve)
            self.refresh()

        self.runner.run(work, on_success=done, on_failure=self._refused, owner=self)
