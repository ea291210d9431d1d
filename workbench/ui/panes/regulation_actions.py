"""Case actions the regulations add: a rumour finding (2021/13) and a measure the regulator
ordered (2022/21).

``rumour`` (Ctrl+Shift+G) opens :class:`~workbench.ui.dialogs.regulation.RumourDialog` on
an accepted case or one in screening: the finding ``false_information`` on 2021/13, the
debunk and the trace, and the response, the credit grade lowered one step or the account
blacklisted (awaiting approval).  ``regulator_order`` (Ctrl+Shift+O, supervisors) opens
:class:`~workbench.ui.dialogs.regulation.RegulatorOrderDialog` on a case in screening: the
measure takes effect at once, the order recorded beside it.  Both join the action panel
and the 案件 menu through :class:`~workbench.ui.panes.case_extras.CaseExtras`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton

from workbench.models.codes import CaseStatus, Role
from workbench.models.views import CaseDetail
from workbench.operations import regulator
from workbench.ui.dialogs.regulation import RegulatorOrderDialog, RumourDialog
from workbench.ui.i18n import pick

# name -> ((Chinese, English) label, shortcut)
REGULATION_ACTIONS = {
    "rumour": (("认定谣言…", "Rumour found…"), "Ctrl+Shift+G"),
    "regulator_order": (("监管要求处置…", "Regulator's order…"), "Ctrl+Shift+O"),
}
RUMOUR_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.SCREENING)


class RegulationActions:
    """The two actions and their buttons on an :class:`ActionPanel` (``panel``)."""

    def __init__(self, panel: Any) -> None:
        self.panel = panel
        self.actions: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        for name, (pair, keys) in REGULATION_ACTIONS.items():
            action = QAction(pick(pair), panel)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(getattr(self, name))
            button = QPushButton(f"{pick(pair)}  ({keys})", panel)
            button.setObjectName(f"button_{name}")
            button.clicked.connect(action.trigger)
            action.changed.connect(
                lambda b=button, a=action: (
                    b.setEnabled(a.isEnabled()),
                    b.setVisible(a.isVisible()),
                )
            )
            self.actions[name], self.buttons[name] = action, button

    def set_detail(self, detail: CaseDetail | None) -> None:
        gate = self.panel.gate
        worker = gate.allows(Role.MODERATOR, Role.SUPERVISOR)
        supervisor = gate.allows(Role.SUPERVISOR)
        status = detail.status if detail is not None else None
        rumour, order = self.actions["rumour"], self.actions["regulator_order"]
        rumour.setVisible(worker)
        rumour.setEnabled(worker and status in RUMOUR_STATUSES)
        order.setVisible(supervisor)
        order.setEnabled(supervisor and status == CaseStatus.SCREENING)

    def rumour(self) -> None:
        panel = self.panel
        if panel.detail is None:
            return
        _actor, case_id, version, ref = panel._target()
        dialog = RumourDialog(
            QCoreApplication.translate("RegulationActions", "谣言处置 · 案件 %1").replace(
                "%1", ref
            ),
            panel,
        )

        def make():
            values = dialog.values()
            return lambda c: c.call(
                regulator.record_rumour, case_id=case_id, expected_version=version, **values
            )

        done = QCoreApplication.translate(
            "RegulationActions", "已认定案件 %1 为谣言并处置（2021/13）"
        ).replace("%1", ref)
        panel.dialog_then("rumour", dialog, make, done, next_case=False)

    def regulator_order(self) -> None:
        panel = self.panel
        if panel.detail is None:
            return
        _actor, case_id, version, ref = panel._target()
        dialog = RegulatorOrderDialog(
            QCoreApplication.translate("RegulationActions", "监管要求的处置 · 案件 %1").replace(
                "%1", ref
            ),
            panel,
            default_basis="2022/21",
        )

        def make():
            order, spec = dialog.order(), dialog.spec()
            return lambda c: c.call(
                regulator.order_measures,
                case_id=case_id,
                expected_version=version,
                measures=[spec],
                **order,
            )

        done = QCoreApplication.translate(
            "RegulationActions", "已按监管要求处置案件 %1（2022/21）"
        ).replace("%1", ref)
        panel.dialog_then("regulator_order", dialog, make, done, next_case=False)
