"""The 数据 menu: importing accounts and reports, and re-checking the stock of accounts.

``install_data_menu(window)`` is called once after the main window is built
(from :func:`workbench.ui.panes.extensions.install_panels`).  The menu and
each entry are there only for the roles the services allow: importing needs
:data:`workbench.importing.IMPORT_ROLES` (accounts: ``ACCOUNT_IMPORT_ROLES``), the bulk checks
:data:`workbench.cases.bulk_checks.CHECK_ROLES` (the services check again).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from workbench.operations.jobs import (
    ACCOUNT_IMPORT_ROLES,
    ACCOUNTS,
    CHECK_ROLES,
    IMPORT_ROLES,
    REPORTS,
)
from workbench.ui.dialog_slot import DialogSlot
from workbench.ui.dialogs.bulk_checks import BulkChecksDialog
from workbench.ui.dialogs.import_data import ImportDialog, choose_import_file


class DataMenu(DialogSlot, QObject):
    """The menu's actions and the dialog they opened last (``dialog``)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None
        self.menu = QMenu(self.tr("数据(&D)"), window)
        self.menu.setObjectName("dataMenu")
        self.actions: dict[str, QAction] = {}
        for key, text, roles, slot in (
            (
                ACCOUNTS,
                self.tr("导入账号…"),
                ACCOUNT_IMPORT_ROLES,
                lambda: self.import_file(ACCOUNTS),
            ),
            (REPORTS, self.tr("导入举报…"), IMPORT_ROLES, lambda: self.import_file(REPORTS)),
            ("checks", self.tr("账号批量检查…"), CHECK_ROLES, self.bulk_checks),
        ):
            action = QAction(text, self)
            action.setObjectName(f"data_{key}")
            action.triggered.connect(slot)
            if window.gate.show_for(action, *roles):
                self.menu.addAction(action)
            self.actions[key] = action
        # Through a team server data comes in through the platform's API, not files.
        if self.menu.actions() and window.client.kind == "local":
            window.menuBar().addMenu(self.menu)

    @property
    def visible(self) -> bool:
        return self.menu.menuAction() in self.window.menuBar().actions()

    def import_file(self, what: str, path: Path | None = None) -> ImportDialog | None:
        """Ask for a file (unless given) and open the import dialog on it."""
        if path is None:
            title = (
                self.tr("选择要导入的账号文件")
                if what == ACCOUNTS
                else self.tr("选择要导入的举报文件")
            )
            path = choose_import_file(self.window, title)
            if path is None:
                return None
        w = self.window
        dialog = ImportDialog(w.client, w.actor, w.runner, w.bus, what, path, parent=w)
        return self._open(dialog)

    def bulk_checks(self) -> BulkChecksDialog:
        w = self.window
        return self._open(BulkChecksDialog(w.client, w.actor, w.runner, w.bus, parent=w))


def install_data_menu(window) -> DataMenu:
    return DataMenu(window)
