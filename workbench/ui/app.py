"""The desktop application: database, sign-in, main window, event loop.

``run(database_url)`` opens the database (the command-line URL, else the one
chosen in settings, else the embedded file), asks the reviewer to sign in and
shows the main window.  Changing the database or the language in settings
builds a new main window: after a language change it opens where the
reviewer was (same tab, queue, row and case; see :mod:`workbench.ui.place`)
without signing in again; after a database change the reviewer signs in again.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from workbench.operations.access import Actor
from workbench.operations.client import Client
from workbench.operations.database import connect
from workbench.ui import i18n
from workbench.ui.dialogs.settings import SettingsDialog
from workbench.ui.dialogs.sign_in import SignInDialog
from workbench.ui.errors import install_excepthook, refusal_text, setup_logging
from workbench.ui.main_window import MainWindow
from workbench.ui.panes.extensions import install_panels
from workbench.ui.place import Place
from workbench.ui.settings import UiSettings
from workbench.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei")


def use_cjk_font(app: QApplication) -> str | None:
    """Prefer an installed Simplified Chinese font; the family used, if any."""
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            font = QFont(app.font())
            font.setFamilies([family, *app.font().families()])
            app.setFont(font)
            return family
    if not os.environ.get("WORKBENCH_NO_FONT_CHECK"):
        log.warning("no CJK font found; Chinese text may not display (install fonts-noto-cjk)")
    return None


class Workbench:
    """Holds the running app's pieces and moves between sign-in and the main window."""

    def __init__(self, app: QApplication, settings: UiSettings, database_arg: str | None):
        self.app, self.settings = app, settings
        self.database_arg = database_arg
        self.runner = TaskRunner(app)
        self.client: Client | None = None
        self.actor: Actor | None = None
        self.window: MainWindow | None = None

    def _url(self) -> str | None:
        return self.database_arg or self.settings.database_url or None

    def open_database(self) -> bool:
        """Connect to the team server or open (and migrate) the database file,
        asking for other settings while it fails."""
        while True:
            try:
                self.client = connect(self._url())
                return True
            except Exception as exc:  # unreachable server, bad file, newer schema
                log.warning("cannot connect to %s: %s", self._url(), exc)
                QMessageBox.warning(
                    None,
                    QApplication.translate("Workbench", "无法连接"),
                    i18n.error_text(
                        "无法连接服务器或打开数据库，请检查设置",
                        "cannot reach the server or open the database",
                    )
                    + f"\n\n{refusal_text(exc) or exc}",
                )
                if not self.edit_settings():
                    return False

    def edit_settings(self, parent=None) -> bool:
        dialog = SettingsDialog(self.settings, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if dialog.language_changed:
            i18n.install(self.app, self.settings.language)
        if dialog.database_changed:
            self.database_arg = None  # the reviewer chose explicitly
        return dialog.database_changed or dialog.language_changed

    def sign_in(self) -> bool:
        while True:
            assert self.client is not None  # open_database came first
            dialog = SignInDialog(self.client, self.runner, login=self.settings.last_login)
            wants_settings: list[int] = []

            def to_settings(flag=wants_settings, dlg=dialog):
                flag.append(1)
                dlg.reject()

            dialog.settings_requested.connect(to_settings)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                assert dialog.actor is not None  # accepted once signed in
                self.actor = dialog.actor
                self.settings.last_login = dialog.actor.login
                return True
            if not wants_settings:
                return False
            if self.edit_settings() and not self._reopen():
                return False

    def _reopen(self) -> bool:
        if self.client is not None:
            self.client.close()
        return self.open_database()

    def show_main(self, place: Place | None = None) -> None:
        assert self.client is not None  # open_database came first
        self.window = MainWindow(self.client, self.runner, self.settings)
        self.panels = install_panels(self.window)
        self.window.settings_requested.connect(self._settings_from_window)
        self.window.sign_out_requested.connect(self._sign_out)
        self.window.show()
        if place is not None:
            self.window.restore_place(place)

    def _close_window(self) -> None:
        if self.window is not None:
            self.window.shutdown()
            self.window.hide()
            self.window.deleteLater()
            self.window = None

    def _settings_from_window(self) -> None:
        before = self._url()
        if not self.edit_settings(self.window):
            return
        same_database = self._url() == before
        assert self.window is not None  # its own settings button asked
        place = self.window.place() if same_database else None  # another database: start afresh
        self._close_window()
        if not same_database and not (self._reopen() and self.sign_in()):
            self.app.quit()
            return
        self.show_main(place)

    def _sign_out(self) -> None:
        self._close_window()
        if self.client is not None:
            self.client.sign_out()
        if self.sign_in():
            self.show_main()
        else:
            self.app.quit()

    def start(self) -> bool:
        if not self.open_database() or not self.sign_in():
            return False
        self.show_main()
        return True

    def shutdown(self) -> None:
        self._close_window()
        self.runner.wait_idle(10_000)
        if self.client is not None:
            self.client.sign_out()
            self.client.close()


def run(database_url: str | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)  # a widget application, never a bare core one
    app.setApplicationName("workbench")
    app.setOrganizationName("workbench")
    app.setDesktopFileName("workbench")  # the installed workbench.desktop (its name and icon)
    log_path = setup_logging()
    install_excepthook()
    use_cjk_font(app)
    settings = UiSettings()
    i18n.install(app, settings.language)
    log.info("workbench starting; log at %s", log_path)
    workbench = Workbench(app, settings, database_url)
    if not workbench.start():
        workbench.shutdown()
        return 0
    try:
        return app.exec()
    finally:
        workbench.shutdown()
