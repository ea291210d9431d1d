"""The appeals view: an appeal beside the decision it contests.

Above, the appeals still to decide as a table coloured by deadline
(:class:`~workbench.ui.appeal_model.AppealTableModel`); below, the appeal's text
beside the original decision (measure in its current state, basis, reason,
decided and approved by), the original reports with their evidence and the
account's history of measures; the account card at the right.  Uphold, revise (a new measure)
or revoke; then reply to the appellant.  An appeal still "received" is taken
up (appeal_screening) in the same transaction as the decision.  Supervisors
and administrators may reveal the card's and the reports' masked personal
data while the appeal is shown (:class:`~workbench.ui.dialogs.reveal.Revealer`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.models import utcnow
from workbench.models.codes import OPEN_APPEAL_STATUSES, AppealStatus, Role
from workbench.models.views import PersonalRef, due_state
from workbench.operations import appeals
from workbench.operations.access import Actor
from workbench.operations.appeals import AppealDetail, DecisionView, MeasureSpec
from workbench.operations.client import Client
from workbench.ui.appeal_model import APPEAL_ID_ROLE, AppealTableModel
from workbench.ui.changes import ChangeBus
from workbench.ui.dialogs.measures import MeasuresDialog, describe
from workbench.ui.dialogs.reply import ReplyDialog
from workbench.ui.dialogs.reveal import Revealer
from workbench.ui.labels import label, local_time
from workbench.ui.queue_model import STATE_COLOURS, countdown
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.account_card import AccountCardWidget
from workbench.ui.widgets.message import MessageLine
from workbench.ui.widgets.personal import PersonalLine
from workbench.ui.widgets.plain import fill, plain_label, rich, set_plain, shown
from workbench.ui.widgets.reports import ReportList
from workbench.ui.window_layout import NARROW

OPEN = tuple(s.value for s in OPEN_APPEAL_STATUSES)
DECIDED = (AppealStatus.UPHELD.value, AppealStatus.REVISED.value, AppealStatus.REVOKED.value)


def describe_params(d: DecisionView) -> str:
    """The measure with its parameters, marked "needs approval" only while it waits for it."""
    return describe(MeasureSpec(d.code, "", d.reason, d.params), status=d.status)


class AppealsView(QWidget):
    appeal_loaded = Signal(object)  # AppealDetail
    decided = Signal(int, str)  # appeal id, outcome

    def __init__(
        self,
        client: Client,
        actor: Actor,
        runner: TaskRunner,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("appealsView")
        self.client, self.actor, self.runner, self.bus = client, actor, runner, bus
        self.detail: AppealDetail | None = None
        self.active_dialog = None
        self.revealer = Revealer(client, actor, runner, self)
        self.card: AccountCardWidget | None = None
        self.report_list: ReportList | None = None

        self.model = AppealTableModel(parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("appealTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(150)  # a few appeals in view, not one and a half
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)  # bold number; texts escaped
        self.header.setObjectName("appealHeader")
        self.header.setWordWrap(True)
        self.contact = PersonalLine(self.tr("申诉人联系方式："), self)
        self.contact.setObjectName("appellantContact")
        self.appeal_text = plain_label("", self)
        self.appeal_text.setObjectName("appealText")
        self.appeal_text.setWordWrap(True)
        self.appeal_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.appeal_box = QGroupBox(self.tr("申诉内容"), self)
        appeal_column = QVBoxLayout(self.appeal_box)
        appeal_column.addWidget(self.contact)
        appeal_column.addWidget(self.appeal_text, 1)
        self.decision_box = QGroupBox(self.tr("原处置决定"), self)
        self.decision_form = QFormLayout(self.decision_box)
        self.decision_labels: dict[str, QLabel] = {}
        for key, text in (
            ("measure", self.tr("措施")),
            ("basis", self.tr("法律依据")),
            ("reason", self.tr("理由")),
            ("decided", self.tr("决定人")),
            ("approved", self.tr("审批人")),
            ("status", self.tr("状态")),
        ):
            value = plain_label("", self.decision_box)
            value.setObjectName(f"decision_{key}")
            value.setWordWrap(True)
            self.decision_labels[key] = value
            self.decision_form.addRow(text, value)
        self.tabs = QTabWidget(self)
        self.history = QTableWidget(0, 5, self)
        self.history.setObjectName("accountHistory")
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("决定时间"),
                self.tr("措施"),
                self.tr("依据"),
                self.tr("状态"),
                self.tr("决定人"),
            ]
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.card_area = QScrollArea(self)
        self.card_area.setWidgetResizable(True)
        self.reports_area = QScrollArea(self)
        self.reports_area.setWidgetResizable(True)
        self.tabs.addTab(self.reports_area, self.tr("原举报与证据"))
        self.tabs.addTab(self.history, self.tr("账号处置历史"))

        self.reason = QLineEdit(self)
        self.reason.setObjectName("appealReason")
        self.reason.setPlaceholderText(self.tr("复核理由（必填）"))
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text in (
            ("upheld", self.tr("维持原决定")),
            ("revised", self.tr("变更措施…")),
            ("revoked", self.tr("撤销处置")),
            ("reply", self.tr("回复申诉人…")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"appeal_{key}")
            button.clicked.connect(lambda _c=False, k=key: self._act(k))
            self.buttons[key] = button
            row.addWidget(button)
        self.message = MessageLine("appealMessage", self)
        self._say, self._refused = self.message.say, self.message.refuse

        middle = QWidget(self)
        mid = QVBoxLayout(middle)
        mid.addWidget(self.header)
        side_by_side = QHBoxLayout()
        side_by_side.addWidget(self.appeal_box, 1)
        side_by_side.addWidget(self.decision_box, 1)
        mid.addLayout(side_by_side)
        mid.addWidget(self.tabs, 1)
        mid.addWidget(self.reason)
        mid.addLayout(row)
        mid.addWidget(self.message)
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.detail_splitter.setObjectName("appealDetailSplitter")
        self.detail_splitter.addWidget(middle)
        self.detail_splitter.addWidget(self.card_area)
        self.detail_splitter.setStretchFactor(0, 3)
        self.detail_splitter.setStretchFactor(1, 1)
        self.detail_splitter.setCollapsible(0, False)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("appealSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_splitter)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._enable()

    # -- reading -----------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the appeals still to decide."""
        client = self.client

        def work(_ctx):
            return client.call(appeals.open_appeals)

        self.runner.run(work, on_success=self._fill_list, owner=self)

    def _fill_list(self, rows) -> None:
        current = self.detail.id if self.detail else None
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.table.selectionModel().blockSignals(False)
        if current is not None:
            self._mark_in_list(current)

    def row_count(self) -> int:
        return self.model.rowCount()

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def select_row(self, row: int) -> None:
        """Make ``row`` current (shows its appeal)."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _mark_in_list(self, appeal_id: int) -> None:
        """Make the shown appeal the table's current row (without reading it again)."""
        row = self.model.row_of(appeal_id)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row is None:
            self.table.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        else:
            self.table.selectRow(row)
            selection.setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        selection.blockSignals(False)
        self.table.viewport().update()

    def _chosen(self, current, _previous) -> None:
        if current.isValid():
            self.show_appeal(current.data(APPEAL_ID_ROLE))

    def show_appeal(self, appeal_id: int) -> None:
        client = self.client

        def work(_ctx):
            return client.call(appeals.appeal_detail, appeal_id=appeal_id)

        self.runner.run(work, on_success=self.set_detail, owner=self)

    def set_detail(self, d: AppealDetail) -> None:
        self.detail = d
        self.header.setText(self._header_html(d))
        set_plain(self.appeal_text, d.text)
        m = d.decision
        values = {
            "measure": describe_params(m),
            "basis": m.basis,
            "reason": m.reason,
            "decided": f"{m.decided_by} · {local_time(m.decided_at)}",
            "approved": f"{m.approved_by} · {local_time(m.approved_at)}" if m.approved_by else "—",
            "status": label("status", m.status),
        }
        for key, value in values.items():
            set_plain(self.decision_labels[key], value)
        self.history.setRowCount(len(d.history))
        for r, h in enumerate(d.history):
            for c, text in enumerate(
                (
                    local_time(h.decided_at),
                    label("measure", h.code),
                    h.basis,
                    label("status", h.status),
                    h.decided_by,
                )
            ):
                self.history.setItem(r, c, QTableWidgetItem(shown(text)))
        allowed = self.revealer.allowed
        self.contact.set_value(
            d.appellant_contact,
            PersonalRef("appeal", d.id, "appellant_contact"),
            self.tr("申诉人「%1」的联系方式").replace("%1", d.appellant_name),
            can_reveal=allowed,
        )
        self.card = AccountCardWidget(d.account, can_reveal=allowed)
        self.report_list = ReportList(d.reports, can_reveal=allowed)
        for area, widget in ((self.card_area, self.card), (self.reports_area, self.report_list)):
            old = area.takeWidget()
            if old is not None:
                old.deleteLater()
            area.setWidget(widget)
        self.revealer.serve(d.id, self.contact, self.card, self.report_list)
        self.message.setText("")
        self._mark_in_list(d.id)
        self._enable()
        self.appeal_loaded.emit(d)

    def _header_html(self, d: AppealDetail) -> str:
        """Number, account, status and appellant; then the deadline while the appeal is
        open, or who decided once it is decided (never an empty "期限：")."""
        text = fill(
            self.tr("<b>申诉 #%1</b> · %2 · %3 · 申诉人：%4"),
            d.id,
            rich(d.account.name),
            rich(label("status", d.status)),
            rich(d.appellant_name),
        )
        if d.status in OPEN and d.due_at is not None:
            row = self.model.row_of(d.id)  # the table's colour: at risk as the service says
            state = (
                self.model.due_state_at(row)
                if row is not None
                else due_state(None, d.due_at, utcnow())
            )
            colour = STATE_COLOURS.get(state)
            style = f"background:{colour.name()};padding:2px" if colour is not None else ""
            text += " · " + fill(
                self.tr("期限：%1（%2）"),
                f"<span style='{style}'>{rich(countdown(d.due_at, utcnow()))}</span>",
                rich(local_time(d.due_at)),
            )
        elif d.decided_by:
            text += " · " + rich(self.tr("复核人：%1").replace("%1", d.decided_by))
        return text

    def _enable(self) -> None:
        reviewer = self.actor.has(Role.APPEAL_REVIEWER)
        status = self.detail.status if self.detail else None
        for key in ("upheld", "revised", "revoked"):
            self.buttons[key].setEnabled(reviewer and status in OPEN)
        self.buttons["reply"].setEnabled(reviewer and status in DECIDED)

    def on_changed(self, kind: str, ids: list) -> None:
        """Re-read when appeals or measures changed (only while the page is shown)."""
        if self.isVisible() and kind in ("appeal", "measure", "queues"):
            self.refresh()
            if self.detail is not None and (kind == "queues" or self.detail.id in ids):
                self.show_appeal(self.detail.id)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.place_card(event.size().width() < NARROW)

    def place_card(self, narrow: bool) -> None:
        """Narrow (800 px), the account card is a tab beside the reports, at their full
        width; wide, it is a column at the right.  Squeezed to 125 px at the right it cut
        every name and value (issue 18)."""
        index = self.tabs.indexOf(self.card_area)
        if narrow and index < 0:
            self.tabs.addTab(self.card_area, self.tr("账号卡片"))
        elif not narrow and index >= 0:
            self.tabs.removeTab(index)
            self.detail_splitter.addWidget(self.card_area)
            self.card_area.show()

    # -- deciding ----------------------------------------------------------------
    def _act(self, key: str) -> None:
        if self.detail is None:
            return
        if key == "reply":
            self._reply()
        elif key == "revised":
            original = self.detail.decision
            dialog = MeasuresDialog(
                self.tr("变更措施 · 申诉 #%1").replace("%1", str(self.detail.id)),
                self,
                default_basis=original.basis,
            )
            # Revising starts from the measure as decided, not the catalogue's first entry.
            dialog.editor.set_spec(MeasureSpec(original.code, original.basis, "", original.params))
            dialog.accepted.connect(lambda: self.decide("revised", dialog.specs()[0]))
            self._open(dialog)
        else:
            self.decide(key)

    def _open(self, dialog) -> None:
        self.active_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        dialog.open()

    def decide(self, outcome: str, revised=None) -> None:
        """Decide the shown appeal (taking it up first when it is only received)."""
        client, d, reason = self.client, self.detail, self.reason.text().strip()
        if revised is not None and not revised.reason:
            revised = replace(revised, reason=reason)  # the decision's reason is the new one's

        def work(_ctx):
            return client.call(
                appeals.decide_appeal,
                appeal_id=d.id,
                expected_version=d.version,
                outcome=outcome,
                reason=reason,
                revised_measure=revised,
            )

        def done(appeal_id: int) -> None:
            self.reason.clear()
            self._say(
                self.tr("申诉 #%1 已%2")
                .replace("%1", str(appeal_id))
                .replace("%2", label("status", outcome))
            )
            self.decided.emit(appeal_id, outcome)
            self.show_appeal(appeal_id)

        self.runner.run(work, on_success=done, on_failure=self._refused, owner=self)

    def _reply(self) -> None:
        client, d = self.client, self.detail
        assert d is not None  # 回复 is offered with an appeal shown

        def preview(template, language):
            return client.call(
                appeals.preview_appeal_reply, appeal_id=d.id, template=template, language=language
            )

        dialog = ReplyDialog(
            self.tr("回复申诉人 · 申诉 #%1").replace("%1", str(d.id)), preview, self
        )

        def go():
            language, body = dialog.language(), dialog.body_override()

            def work(_ctx):
                return client.call(
                    appeals.reply_appeal,
                    appeal_id=d.id,
                    expected_version=d.version,
                    language=language,
                    body_override=body,
                )

            def done(appeal_id):
                self._say(self.tr("已回复申诉人"))
                self.show_appeal(appeal_id)

            self.runner.run(work, on_success=done, on_failure=self._refused, owner=self)

        dialog.accepted.connect(go)
        self._open(dialog)
