"""One dialog at a time for a menu: opening another closes the one before."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


class DialogSlot:
    """Holds a menu's open dialog (``dialog``); mixed into the menus' QObjects."""

    dialog: QDialog | None = None

    def _open(self, dialog):
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _code, d=dialog: self._closed(d))
        dialog.open()
        return dialog

    def _closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
