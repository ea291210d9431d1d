"""The 登记 menu: what account holders send in by phone or letter, entered by hand, and
the 信息变更 queue entry that leads to the change requests themselves.

``install_intake_menu(window)`` adds 登记申诉… (2021/20; moderators, supervisors and
appeal reviewers) and 登记信息变更申请… (2022/10; moderators and supervisors), each
opening its dialog.  Choosing 信息变更 in the queue list opens the 信息变更审核 tab
(where the pending change requests are decided), and the entry counts the pending
change requests rather than cases.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from workbench.models.codes import Role
from workbench.models.views import QueueName
from workbench.operations import change_requests
from workbench.operations.change_requests import Submitted
from workbench.operations.core import spec_of
from workbench.ui.dialog_slot import DialogSlot
from workbench.ui.dialogs.appeal_intake import AppealIntakeDialog
from workbench.ui.dialogs.change_request_intake import ChangeRequestIntakeDialog
from workbench.ui.widgets.plain import fill

APPEAL_INTAKE = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)
CHANGE_INTAKE = (Role.MODERATOR, Role.SUPERVISOR)
CHANGES = QueueName.CHANGE_REQUESTS.value
#: Who may ask for the pending change requests' count (the operation's own roles): the
#: 信息变更 entry is listed for administrators too, who are not asked and see no refusal.
COUNT_ROLES = spec_of(change_requests.pending_change_request_count).roles
MESSAGE_MS = 10_000


class IntakeMenu(DialogSlot, QObject):
    """The menu's actions and the dialog they opened last (``dialog``)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None
        self.menu = QMenu(self.tr("登记(&R)"), window)
        self.menu.setObjectName("intakeMenu")
        self.actions: dict[str, QAction] = {}
        for key, text, roles, slot in (
            ("appeal", self.tr("登记申诉…"), APPEAL_INTAKE, self.enter_appeal),
            ("change_request", self.tr("登记信息变更申请…"), CHANGE_INTAKE,
             self.enter_change_request),
        ):  # fmt: skip
            action = QAction(text, self)
            action.setObjectName(f"intake_{key}")
            action.triggered.connect(slot)
            if window.gate.show_for(action, *roles):
                self.menu.addAction(action)
            self.actions[key] = action
        if self.menu.actions():
            window.menuBar().addMenu(self.menu)
        if CHANGES in window.queue_list.queues():
            window.queue_list.queue_selected.connect(self._queue_chosen)
            window.bus.changed.connect(self._changed)
            self.count_changes()

    # -- entering ------------------------------------------------------------------
    def enter_appeal(self) -> AppealIntakeDialog:
        w = self.window
        dialog = AppealIntakeDialog(w.client, w.runner, w)
        dialog.filed.connect(
            lambda appeal_id: self._say(self.tr("已登记申诉 A%1，复核时限自收到时起算"), appeal_id)
        )
        return self._open(dialog)

    def enter_change_request(self) -> ChangeRequestIntakeDialog:
        w = self.window
        dialog = ChangeRequestIntakeDialog(w.client, w.runner, w)
        dialog.submitted.connect(self._submitted)
        return self._open(dialog)

    def _submitted(self, result: Submitted) -> None:
        if result.status == "passed":
            self._say(self.tr("变更申请 #%1 未命中规则，已生效"), result.id)
        else:
            self._say(self.tr("变更申请 #%1 命中 %2 条规则，已转入信息变更审核"), result.id,
                      len(result.hits))  # fmt: skip
        self.count_changes()

    def _say(self, text: str, *values) -> None:
        self.window.statusBar().showMessage(fill(text, *values), MESSAGE_MS)

    # -- the 信息变更 queue entry ----------------------------------------------------------
    def _queue_chosen(self, queue: str) -> None:
        page = self.window.page("change_requests")
        if queue == CHANGES and page is not None:
            self.window.pages.setCurrentWidget(page)

    def _changed(self, kind: str, _ids: list) -> None:
        if kind in ("change_request", "queues"):
            self.count_changes()

    def count_changes(self) -> None:
        """Show the number of pending change requests beside 信息变更 (for those who may
        ask; for others the entry shows no number rather than a refusal)."""
        w = self.window
        if not w.gate.allows(*COUNT_ROLES):
            return
        client = w.client

        def work(_ctx):
            return client.call(change_requests.pending_change_request_count)

        w.runner.run(
            work,
            on_success=lambda n: w.queue_list.set_total(CHANGES, n),
            on_failure=lambda exc: w.statusBar().showMessage(str(exc), MESSAGE_MS),
            owner=w.queue_list,
        )


def install_intake_menu(window) -> IntakeMenu:
    return IntakeMenu(window)
