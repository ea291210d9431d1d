"""The action panel's actions on the queue's selected rows: accept, decline, measures
and replies for many cases at once, all or nothing (issue 15 item 11).

Each asks the server first: a measure or a reply is previewed -- the very service
run and rolled back -- and the confirmation line lists what will happen to each
case (its status, the measures in effect, those going to a supervisor's approval,
the replies); a case that would refuse stops it there, named in the message bar.
Confirming runs it; the selection is decided by the same services as one case
is, each case audited, a severe measure waiting for approval on every case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from workbench.models.codes import Role
from workbench.operations import cases
from workbench.operations.cases import BulkStep
from workbench.ui.dialogs.decline import DeclineDialog
from workbench.ui.dialogs.measures import MeasuresDialog
from workbench.ui.labels import label
from workbench.ui.panes.action_table import action_with_button
from workbench.ui.widgets.plain import fill

# name -> ((Chinese, English) label, shortcut)
BULK_ACTIONS = {
    "bulk_accept": (("批量受理所选", "Accept the selected"), "Ctrl+Alt+A"),
    "bulk_decline": (("批量不予受理所选…", "Decline the selected…"), "Ctrl+Alt+D"),
    "bulk_measures": (("批量处置所选…", "Dispose of selected…"), "Ctrl+Alt+M"),
    "bulk_reply": (("批量回复所选举报人", "Reply to the selected"), "Ctrl+Alt+R"),
}
WORKERS = (Role.MODERATOR, Role.SUPERVISOR)
#: Cases listed one by one in the confirmation line; the rest are counted.
LISTED = 8


def describe_steps(steps: list[BulkStep]) -> str:
    """What a bulk action will do, case by case (the first :data:`LISTED`)."""
    lines = []
    for step in steps[:LISTED]:
        line = fill(
            QCoreApplication.translate("BulkActions", "#%1 %2 → %3"),
            step.case_id,
            label("status", step.status_before),
            label("status", step.status_after),
        )
        if step.in_effect:
            line += fill(
                QCoreApplication.translate("BulkActions", "；立即生效：%1"),
                "、".join(label("measure", c) for c in step.in_effect),
            )
        if step.awaiting_approval:
            line += fill(
                QCoreApplication.translate("BulkActions", "；待主管审批：%1"),
                "、".join(label("measure", c) for c in step.awaiting_approval),
            )
        if step.replies:
            line += fill(
                QCoreApplication.translate("BulkActions", "；回复举报人 %1 条"), step.replies
            )
        lines.append(line)
    if len(steps) > LISTED:
        lines.append(
            fill(QCoreApplication.translate("BulkActions", "……另 %1 个案件"), len(steps) - LISTED)
        )
    return "\n".join(lines)


class BulkActions:
    """The selection's actions of an :class:`~workbench.ui.panes.actions.ActionPanel`."""

    def __init__(self, panel: Any) -> None:
        self.panel = panel
        self.actions: dict[str, QAction] = {}
        self.buttons: list[QPushButton] = []
        worker = panel.gate.allows(*WORKERS)
        for name, (pair, keys) in BULK_ACTIONS.items():
            action, button = action_with_button(panel, name, pair, keys, getattr(self, name))
            action.setVisible(worker)
            action.setEnabled(worker)
            self.actions[name] = action
            self.buttons.append(button)

    def _items(self) -> list[tuple[int, int]]:
        rows = self.panel.selected_rows()
        items = [(r.case_id, r.version) for r in rows if r.case_id is not None]
        if not items:
            self.panel.say(
                QCoreApplication.translate("BulkActions", "请先在队列中选择案件"), ok=False
            )
        return items

    def bulk_accept(self) -> None:
        items = self._items()
        if items:
            self.panel.confirm_then(
                "bulk_accept",
                fill(
                    QCoreApplication.translate(
                        "BulkActions", "将受理所选的 %1 个案件（全部成功或全部不执行）"
                    ),
                    len(items),
                ),
                lambda c: c.call(cases.bulk_accept, items=items),
                fill(QCoreApplication.translate("BulkActions", "已批量受理 %1 个案件"), len(items)),
                next_case=False,
                keep=True,
            )

    def bulk_decline(self) -> None:
        items = self._items()
        if not items:
            return
        panel = self.panel
        dialog = DeclineDialog(
            fill(QCoreApplication.translate("BulkActions", "批量不予受理 %1 个案件"), len(items)),
            panel,
        )

        def make():
            code, note = dialog.reason_code(), dialog.note()
            return lambda c: c.call(cases.bulk_decline, items=items, reason_code=code, note=note)

        done = fill(
            QCoreApplication.translate("BulkActions", "已批量不予受理 %1 个案件"), len(items)
        )
        panel.dialog_then("bulk_decline", dialog, make, done, next_case=False)

    def bulk_measures(self) -> None:
        """The same measures on every selected case in screening (Ctrl+Alt+M)."""
        items = self._items()
        if not items:
            return
        panel = self.panel
        dialog = MeasuresDialog(
            fill(QCoreApplication.translate("BulkActions", "批量处置 %1 个案件"), len(items)), panel
        )

        def chosen() -> None:
            specs = dialog.specs()
            self.preview_then(
                "bulk_measures",
                lambda c, preview: c.call(
                    cases.bulk_measures, items=items, measures=specs, preview=preview
                ),
                fill(
                    QCoreApplication.translate(
                        "BulkActions", "将处置所选的 %1 个案件（全部成功或全部不执行）："
                    ),
                    len(items),
                ),
                fill(QCoreApplication.translate("BulkActions", "已批量处置 %1 个案件"), len(items)),
            )

        panel._open_dialog(dialog, chosen)

    def bulk_reply(self) -> None:
        """Reply to the reporters of every selected case, each from the template its
        state calls for, in Chinese (Ctrl+Alt+R)."""
        items = self._items()
        if not items:
            return
        self.preview_then(
            "bulk_reply",
            lambda c, preview: c.call(cases.bulk_reply, items=items, preview=preview),
            fill(
                QCoreApplication.translate(
                    "BulkActions", "将回复所选 %1 个案件的举报人（全部成功或全部不执行）："
                ),
                len(items),
            ),
            fill(QCoreApplication.translate("BulkActions", "已回复 %1 个案件的举报人"), len(items)),
        )

    def preview_then(self, name: str, call: Callable, heading: str, done: str) -> None:
        """Ask for the preview of ``call``; show it for confirmation, or the refusal."""
        panel, client = self.panel, self.panel.client

        def shown(steps: list[BulkStep]) -> None:
            panel.propose(
                heading + "\n" + describe_steps(steps),
                lambda: panel.run(name, lambda c: call(c, False), done, next_case=False),
                keep=True,
            )

        panel.runner.run(
            lambda _ctx: call(client, True),
            on_success=shown,
            on_failure=panel._refused,
            label=heading,
            owner=panel,
        )
