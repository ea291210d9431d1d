"""More of the case actions: approval in the case (issue 15, item 5), notices to the
account holder (item 4), and a rumour finding or a regulator's order (item 10,
:mod:`workbench.ui.panes.regulation_actions`).

:class:`ApprovalBox` sits in the action panel of a case whose severe measures await a
supervisor: each measure with its basis, its reason, who proposed it and when, and the
evidence the case holds (reports, their attachments, the rule hits); 批准 and 驳回 decide
the chosen one through :func:`workbench.operations.cases.decide_approval` (a rejection
needs a reason).  The actions ``approve``, ``reject`` and ``notify`` join the panel's
own, so they are in the 案件 menu too; ``notify`` opens the preview of the notices the
case has for the account holder.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import Role
from workbench.models.views import CaseDetail
from workbench.operations import cases, holder_notices
from workbench.operations.cases import MeasureSpec, PendingApproval
from workbench.ui.dialogs.holder_notice import HolderNoticeDialog
from workbench.ui.dialogs.measures import describe
from workbench.ui.i18n import pick
from workbench.ui.labels import local_time
from workbench.ui.panes.regulation_actions import RegulationActions
from workbench.ui.widgets.plain import fill, plain_label, set_plain, shown

if TYPE_CHECKING:  # the panel imports this module
    from workbench.ui.panes.actions import ActionPanel

# name -> ((Chinese, English) label, shortcut)
EXTRA_ACTIONS = {
    "approve": (("批准所选处置", "Approve the chosen measure"), "Ctrl+Shift+Y"),
    "reject": (("驳回所选处置", "Reject the chosen measure"), "Ctrl+Shift+J"),
    "notify": (("通知账号运营者…", "Notify the account holder…"), "Ctrl+Shift+H"),
}
NOTIFIERS = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)


class ApprovalBox(QGroupBox):
    """The case's measures awaiting approval, with what a supervisor decides on."""

    decided = Signal(int, bool)  # measure id, approved

    def __init__(self, panel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseApprovals")
        self.setTitle(self.tr("待审批的处置"))
        self.setMinimumWidth(0)
        self.panel = panel
        self.rows: list[PendingApproval] = []
        # One entry of several lines per measure: the action panel is narrow.
        self.entries = QListWidget(self)
        self.entries.setObjectName("caseApprovalList")
        self.entries.setWordWrap(True)
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entries.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self.entries.setMinimumWidth(0)
        self.evidence = plain_label("", self)
        self.evidence.setObjectName("caseApprovalEvidence")
        self.evidence.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("caseApprovalReason")
        self.reason.setPlaceholderText(self.tr("审批意见（驳回时必填）"))
        self.approve_button = QPushButton(self.tr("批准"), self)
        self.approve_button.setObjectName("caseApprove")
        self.reject_button = QPushButton(self.tr("驳回"), self)
        self.reject_button.setObjectName("caseReject")
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.approve_button)
        row.addWidget(self.reject_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.entries)
        layout.addWidget(self.evidence)
        layout.addLayout(row)
        self.hide()

    def show_rows(self, rows: list[PendingApproval], detail: CaseDetail | None) -> None:
        self.rows = list(rows)
        self.entries.clear()
        for a in self.rows:
            lines = fill(
                self.tr("%1\n依据：%2\n理由：%3\n提议：%4 · %5"),
                describe(
                    MeasureSpec(a.code, a.basis, a.reason, a.params), status="pending_approval"
                ),
                a.basis,
                a.reason,
                a.decided_by,
                local_time(a.decided_at),
            )
            item = QListWidgetItem(shown(lines))
            item.setToolTip(shown(lines))
            item.setData(Qt.ItemDataRole.UserRole, a.measure_id)
            self.entries.addItem(item)
        if self.rows:
            self.entries.setCurrentRow(0)
        set_plain(self.evidence, self._evidence(detail))
        self.setVisible(bool(self.rows))

    def _evidence(self, detail: CaseDetail | None) -> str:
        if detail is None:
            return ""
        files = [PurePath(p).name for r in detail.reports for p in r.evidence_paths]
        kept = [h for h in detail.hits if h.decision != "dismissed"]
        text = fill(self.tr("证据：举报 %1 份，附件 %2 个，规则命中 %3 条"),
                    len(detail.reports), len(files), len(kept))  # fmt: skip
        if files:
            text += "：" + "、".join(files[:8]) + ("…" if len(files) > 8 else "")
        return text

    def chosen(self) -> PendingApproval | None:
        row = self.entries.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def decide(self, approve: bool) -> None:
        chosen, panel = self.chosen(), self.panel
        if chosen is None:
            panel.say(self.tr("请先选择一项待审批的处置"), ok=False)
            return
        reason = self.reason.text().strip()
        if not approve and not reason:
            panel.say(self.tr("驳回须填写审批意见"), ok=False)
            self.reason.setFocus()
            return
        measure_id = chosen.measure_id
        label = describe(MeasureSpec(chosen.code, chosen.basis, chosen.reason, chosen.params))
        done = fill(self.tr("已批准处置 M%1（%2）") if approve else self.tr("已驳回处置 M%1（%2）"),
                    measure_id, label)  # fmt: skip

        def service(client):
            return client.call(
                cases.decide_approval,
                measure_id=measure_id,
                approve=approve,
                reason=reason or self.tr("同意"),
            )

        self.reason.clear()
        panel.run("approve" if approve else "reject", service, done, next_case=False)
        self.decided.emit(measure_id, approve)


class CaseExtras:
    """The approval box and the extra actions of an :class:`ActionPanel` (``panel``)."""

    def __init__(self, panel: ActionPanel) -> None:
        self.panel = panel
        self.box = ApprovalBox(panel, panel)
        self.actions: dict[str, QAction] = {}
        for name, (pair, keys) in EXTRA_ACTIONS.items():
            action = QAction(pick(pair), panel)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.actions[name] = action
        self.actions["approve"].triggered.connect(lambda: self.box.decide(True))
        self.actions["reject"].triggered.connect(lambda: self.box.decide(False))
        self.actions["notify"].triggered.connect(self.notify)
        self.notify_button = QPushButton(
            f"{pick(EXTRA_ACTIONS['notify'][0])}  (Ctrl+Shift+H)", panel
        )
        self.notify_button.setObjectName("button_notify")
        self.notify_button.clicked.connect(self.actions["notify"].trigger)
        self.regulation = RegulationActions(panel)  # rumours (2021/13), regulator's orders (2022/21)
        self.actions.update(self.regulation.actions)
        self.set_detail(None)

    def buttons(self) -> list[QPushButton]:
        """The buttons the action panel shows for these actions, in order."""
        return [self.notify_button, *self.regulation.buttons.values()]

    def set_detail(self, detail: CaseDetail | None) -> None:
        gate = self.panel.gate
        supervisor, notifier = gate.allows(Role.SUPERVISOR), gate.allows(*NOTIFIERS)
        for name in ("approve", "reject"):
            self.actions[name].setVisible(supervisor)
            self.actions[name].setEnabled(False)
        notify = self.actions["notify"]
        notify.setVisible(notifier)
        notify.setEnabled(notifier and detail is not None)
        self.notify_button.setVisible(notifier)
        self.notify_button.setEnabled(notify.isEnabled())
        self.box.show_rows([], None)
        self.regulation.set_detail(detail)
        if supervisor and detail is not None:
            self._load_approvals(detail)

    def _load_approvals(self, detail: CaseDetail) -> None:
        panel, client, case_id = self.panel, self.panel.client, detail.id

        def work(_ctx):
            return client.call(cases.case_pending_approvals, case_id=case_id)

        def loaded(rows: list[PendingApproval]) -> None:
            if panel.detail is None or panel.detail.id != case_id:
                return
            self.box.show_rows(rows, detail)
            for name in ("approve", "reject"):
                self.actions[name].setEnabled(bool(rows))

        panel.runner.run(work, on_success=loaded, on_failure=panel._refused, owner=self.box)

    def notify(self) -> None:
        panel = self.panel
        if panel.detail is None:
            return
        client, case_id, ref = panel.client, panel.detail.id, f"#{panel.detail.id}"

        def work(_ctx):
            return client.call(holder_notices.case_notices, case_id=case_id)

        def loaded(targets) -> None:
            dialog = HolderNoticeDialog(client, panel.runner, ref, targets, panel)
            dialog.sent.connect(
                lambda reply_id: panel.say(
                    fill(
                        QCoreApplication.translate("CaseExtras", "已将通知 %1 放入发件箱"), reply_id
                    )
                )
            )
            panel._open_dialog(dialog, lambda: None)

        panel.runner.run(work, on_success=loaded, on_failure=panel._refused, owner=self.box)
