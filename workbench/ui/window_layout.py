"""The main window's layout from 800 px wide up: the case at full height, the account
card folded away, every splitter remembered.

:func:`install_layout` is called once the panels are in (see
:func:`~workbench.ui.panes.extensions.install_panels`).  It adds to the 视图 menu

- **案件占满高度** (Ctrl+Alt+Up): the queue table folds away so the case takes the
  window's height; again brings the table back at the height it had;
- **显示账号卡片** (Ctrl+Alt+K): folds the account card away or brings it back (the
  case header's 账号卡片 button does the same);

restores every named splitter the main window does not restore itself (the appeals
tab's) and remembers them in :class:`~workbench.ui.settings.UiSettings` as they move.
A first start in a narrow window (no saved layout, under :data:`NARROW` px) gives the
queue list and the case's tabs the room and folds the account card.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter

#: Below this width a first start folds the account card and narrows the queue list.
NARROW = 1100
QUEUE_LIST_WIDTH = (220, 170)  # wide, narrow
CARD_WIDTH = 320


class WindowLayout(QObject):
    """The layout actions and remembered splitters of one main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.case_view = window.case_view
        self._table_height: int | None = None
        self._card_width = CARD_WIDTH

        self.full_height = QAction(
            QCoreApplication.translate("WindowLayout", "案件占满高度"), window
        )
        self.full_height.setObjectName("caseFullHeight")
        self.full_height.setCheckable(True)
        self.full_height.setShortcut(QKeySequence("Ctrl+Alt+Up"))
        self.full_height.toggled.connect(self.set_case_full_height)
        self.show_card = QAction(QCoreApplication.translate("WindowLayout", "显示账号卡片"), window)
        self.show_card.setObjectName("showAccountCard")
        self.show_card.setCheckable(True)
        self.show_card.setShortcut(QKeySequence("Ctrl+Alt+K"))
        self.show_card.toggled.connect(self.set_card_shown)
        window.view_menu.addSeparator()
        window.view_menu.addActions([self.full_height, self.show_card])
        self.case_view.card_toggle.toggled.connect(self.show_card.setChecked)
        self.case_view.splitter.splitterMoved.connect(self._sync_card)
        window.work_splitter.splitterMoved.connect(self._sync_height)

        self._first_pending = not self._saved("case_splitter")
        self._shown = False
        window.installEventFilter(self)  # laid out and read at the size it is first shown at
        self._remember_others()

    def eventFilter(self, watched, event) -> bool:
        if (
            not self._shown
            and watched is self.window
            and event.type() in (QEvent.Type.Show, QEvent.Type.Resize)
            and self.window.isVisible()
        ):
            self._shown = True
            self.window.removeEventFilter(self)
            if self._first_pending:
                self._first_layout()
            self._sync_card()
            self._sync_height()
        return False

    # -- the case at full height -------------------------------------------------
    def set_case_full_height(self, on: bool) -> None:
        splitter = self.window.work_splitter
        table, case = splitter.sizes()
        total = table + case
        if on and table > 0:
            self._table_height = table
            splitter.setSizes([0, total])
        elif not on and table == 0:
            height = self._table_height or total * 2 // 5
            splitter.setSizes([height, max(total - height, 0)])

    def _sync_height(self, *_args) -> None:
        table, case = self.window.work_splitter.sizes()
        folded = table == 0 and case > 0
        if folded != self.full_height.isChecked():
            self.full_height.blockSignals(True)
            self.full_height.setChecked(folded)
            self.full_height.blockSignals(False)

    # -- the account card ----------------------------------------------------------
    def set_card_shown(self, shown: bool) -> None:
        splitter = self.case_view.splitter
        card, tabs, actions = splitter.sizes()
        if not shown and card > 0:
            self._card_width = card
            splitter.setSizes([0, tabs + card, actions])
        elif shown and card == 0:
            width = min(self._card_width, max(tabs // 2, 1))
            splitter.setSizes([width, tabs - width, actions])
        self._sync_card()

    def _sync_card(self, *_args) -> None:
        sizes = self.case_view.splitter.sizes()
        if not any(sizes):
            return  # not laid out yet
        shown = sizes[0] > 0
        for control in (self.show_card, self.case_view.card_toggle):
            if control.isChecked() != shown:
                control.blockSignals(True)
                control.setChecked(shown)
                control.blockSignals(False)

    # -- first start and remembered splitters ----------------------------------------
    def _saved(self, key: str) -> bool:
        return self.window.settings.blob(key) is not None

    def _first_layout(self) -> None:
        """No saved layout yet: room for what matters at the window's width."""
        window = self.window
        width = window.width()
        narrow = width < NARROW
        queues = QUEUE_LIST_WIDTH[1] if narrow else QUEUE_LIST_WIDTH[0]
        window.main_splitter.setSizes([queues, max(width - queues, 0)])
        actions = max(
            self.case_view.actions_scroll.minimumWidth(),
            self.case_view.actions_area.sizeHint().width(),
        )
        rest = max(width - queues - actions, 0)
        card = 0 if narrow else min(CARD_WIDTH, rest * 2 // 5)
        self.case_view.splitter.setSizes([card, rest - card, actions])

    def _remember_others(self) -> None:
        """Splitters the main window does not keep itself, by object name."""
        kept = set(self.window._splitters().values())
        for splitter in self.window.findChildren(QSplitter):
            name = splitter.objectName()
            if not name or splitter in kept:
                continue
            key = f"splitter_{name}"
            state = self.window.settings.blob(key)
            if state is not None:
                splitter.restoreState(state)
            splitter.splitterMoved.connect(
                lambda *_a, s=splitter, k=key: self.window.settings.set_blob(k, s.saveState())
            )


def install_layout(window) -> WindowLayout:
    return WindowLayout(window)
