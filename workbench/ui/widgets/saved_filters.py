"""The filter bar's 筛选 menu: the reviewer's saved filters and the muted cases.

An icon at the end of the queue's search field opens a menu with 显示静音与暂缓的案件
(cases muted reporters or snoozed accounts keep out of the default view, see
:mod:`workbench.cases.holds`), the reviewer's saved filters -- a click applies one
--, 保存当前筛选… (Ctrl+Alt+S) and 删除筛选.  The filters are kept on the server
for the reviewer who saved them (:mod:`workbench.queues.saved_filters`), so they
follow the reviewer to any desktop of the team.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QStyle

from workbench.operations import saved_filters
from workbench.operations.saved_filters import SavedFilterView
from workbench.ui.errors import refusal_text, show_error
from workbench.ui.widgets.plain import fill, shown


class SavedFilters(QObject):
    """The 筛选 menu of a :class:`~workbench.ui.panes.queue_view.QueueView`, opened by an
    icon (``action``) inside its search field: the filter bar has no room for another
    button at 800 px in English."""

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.view = view
        self.filters: list[SavedFilterView] = []
        self.dialog: QInputDialog | None = None
        search = view.search
        self.menu = QMenu(search)
        self.menu.setObjectName("savedFiltersMenu")
        icon = search.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.action = QAction(icon, "", search)  # an icon only: its words are its tooltip
        self.action.setObjectName("savedFilters")
        self.action.triggered.connect(self.open_menu)
        search.addAction(self.action, QLineEdit.ActionPosition.TrailingPosition)
        self.show_applied(None)
        self.save_action = QAction(self.tr("保存当前筛选…"), view)
        self.save_action.setObjectName("saveFilter")
        self.save_action.setShortcut(QKeySequence("Ctrl+Alt+S"))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.save_action.triggered.connect(self.ask_name)
        view.addAction(self.save_action)
        self.delete_menu = QMenu(self.tr("删除筛选"), search)
        self.delete_menu.setObjectName("deleteFilterMenu")
        self._build()
        self.reload()

    def open_menu(self) -> None:
        search = self.view.search
        self.menu.popup(search.mapToGlobal(search.rect().bottomRight()))

    def _build(self) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(self.view.held_action)
        menu.addSeparator()
        self.delete_menu.clear()
        for saved in self.filters:
            apply = menu.addAction(shown(saved.name))
            apply.setObjectName(f"applyFilter_{saved.id}")
            apply.triggered.connect(lambda _c=False, s=saved: self.apply(s))
            drop = self.delete_menu.addAction(shown(saved.name))
            drop.triggered.connect(lambda _c=False, s=saved: self.delete(s))
        if self.filters:
            menu.addSeparator()
        menu.addAction(self.save_action)
        self.delete_menu.setEnabled(bool(self.filters))
        menu.addMenu(self.delete_menu)

    def _call(self, work, done) -> None:
        client = self.view.model.client
        self.view.model.runner.run(
            lambda _ctx: work(client), on_success=done, on_failure=self._failed, owner=self.view
        )

    def _failed(self, exc: BaseException) -> None:
        text = refusal_text(exc)
        if text is None:
            show_error(self.view.window(), exc)
        else:
            self.view.summary.setText(shown(text))

    def reload(self) -> None:
        """Read the reviewer's saved filters again."""
        self._call(lambda c: c.call(saved_filters.list_saved_filters), self._loaded)

    def _loaded(self, filters: list[SavedFilterView]) -> None:
        self.filters = list(filters)
        self._build()

    def apply(self, saved: SavedFilterView) -> None:
        """Put ``saved`` into the filter bar and show the queue under it."""
        self.view.show_filter(saved.filter)
        self.view.apply_filter()
        self.show_applied(saved.name)

    def show_applied(self, name: str | None) -> None:
        """The tooltip names the saved filter applied last (None: none)."""
        tip = self.tr("筛选：已保存的筛选、显示静音与暂缓的案件")
        if name is not None:
            tip = fill(self.tr("筛选：%1（已应用）"), shown(name))
        self.action.setToolTip(tip)

    def ask_name(self) -> QInputDialog:
        dialog = QInputDialog(self.view)
        dialog.setObjectName("saveFilterDialog")
        dialog.setWindowTitle(self.tr("保存当前筛选"))
        dialog.setLabelText(self.tr("名称（同名的筛选将被替换）："))
        dialog.textValueSelected.connect(self.save_as)
        self.dialog = dialog
        dialog.open()
        return dialog

    def save_as(self, name: str) -> None:
        flt = self.view.current_filter()

        def saved(view: SavedFilterView) -> None:
            self.show_applied(view.name)
            self.reload()

        self._call(lambda c: c.call(saved_filters.save_filter, name=name, flt=flt), saved)

    def delete(self, saved: SavedFilterView) -> None:
        def deleted(_result: object) -> None:
            self.show_applied(None)
            self.reload()

        self._call(lambda c: c.call(saved_filters.delete_saved_filter, filter_id=saved.id), deleted)
