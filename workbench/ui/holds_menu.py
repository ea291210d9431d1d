"""Mutes and snoozes in the 案件 menu (issue 15 item 11).

``HoldsMenu(window)`` adds 静音举报人… (Ctrl+Alt+U) and 暂缓此账号…
(Ctrl+Alt+Z), which act on the case open in the case view, and 静音与暂缓…
(Ctrl+Alt+H), the list where one is lifted early.  Moderators and supervisors set
and lift them; the other reviewers read the list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from workbench.models.codes import Role
from workbench.operations import holds
from workbench.ui.dialog_slot import DialogSlot
from workbench.ui.dialogs.holds import HoldDialog, HoldsDialog
from workbench.ui.errors import refusal_text, show_error
from workbench.ui.widgets.plain import fill

HOLDERS = (Role.MODERATOR, Role.SUPERVISOR)
READERS = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER, Role.ADMINISTRATOR)
MESSAGE_MS = 10_000


class HoldsMenu(DialogSlot, QObject):
    """The three actions (``actions``) and the dialog they opened last (``dialog``)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        window.case_menu.addSeparator()
        for key, text, keys, roles, slot in (
            ("mute", self.tr("静音举报人…"), "Ctrl+Alt+U", HOLDERS, self.mute),
            ("snooze", self.tr("暂缓此账号…"), "Ctrl+Alt+Z", HOLDERS, self.snooze),
            ("list", self.tr("静音与暂缓…"), "Ctrl+Alt+H", READERS, self.show_list),
        ):  # fmt: skip
            action = QAction(text, window)
            action.setObjectName(f"holds_{key}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.actions[key] = action
            if window.gate.show_for(action, *roles):
                window.case_menu.addAction(action)
                window.addAction(action)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, MESSAGE_MS)

    def _failed(self, exc: BaseException) -> None:
        text = refusal_text(exc)
        if text is None:
            show_error(self.window, exc)
        else:
            self._say(text)

    def _detail(self):
        detail = self.window.case_view.detail
        if detail is None:
            self._say(self.tr("请先打开一个案件"))
        return detail

    def mute(self) -> HoldDialog | None:
        return self._set("mute")

    def snooze(self) -> HoldDialog | None:
        return self._set("snooze")

    def _set(self, kind: str) -> HoldDialog | None:
        detail = self._detail()
        if detail is None:
            return None
        w = self.window
        dialog = HoldDialog(kind, detail, w)
        client, runner = w.client, w.runner

        def accepted() -> None:
            hours, reason = dialog.hours(), dialog.reason()
            if kind == "mute":
                report_id = dialog.report_id()

                def work(_ctx):
                    return client.call(
                        holds.mute_reporter, report_id=report_id, hours=hours, reason=reason
                    )

                done = self.tr("已静音举报人（#%1）")
            else:
                account_id = detail.account.id

                def work(_ctx):
                    return client.call(
                        holds.snooze_account, account_id=account_id, hours=hours, reason=reason
                    )

                done = self.tr("已暂缓账号（#%1）")
            runner.run(
                work,
                on_success=lambda hold_id: self._say(fill(done, hold_id)),
                on_failure=self._failed,
                owner=w,
            )

        dialog.accepted.connect(accepted)
        return self._open(dialog)

    def show_list(self) -> HoldsDialog:
        w = self.window
        dialog = HoldsDialog(w.client, w.runner, can_lift=w.gate.allows(*HOLDERS), parent=w)
        return self._open(dialog)
