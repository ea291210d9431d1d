"""The selected queue as a table, with its filter bar and search.

The 筛选 menu (:class:`~workbench.ui.widgets.saved_filters.SavedFilters`, an icon in
the search field) holds the reviewer's saved filters and 显示静音与暂缓的案件
(``held_action``).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import FINISHED_CASE_STATUSES, CaseStatus, ReportCategory
from workbench.models.views import QueueFilter, QueueRow
from workbench.operations import notes
from workbench.ui.changes import KIND_CASE, KIND_QUEUES
from workbench.ui.errors import readable
from workbench.ui.labels import label
from workbench.ui.queue_model import COLUMNS, ROW_ROLE, QueueTableModel
from workbench.ui.widgets.saved_filters import SavedFilters

SEARCH_DELAY_MS = 300


class QueueView(QWidget):
    """Filter bar above the queue table.  ``row_selected(QueueRow)`` follows the
    current row; ``row_activated(QueueRow)`` on Enter or double-click."""

    row_selected = Signal(object)
    row_activated = Signal(object)

    def __init__(self, model: QueueTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit(self)
        self.search.setObjectName("queueSearch")
        self.search.setPlaceholderText(self.tr("搜索账号名称、举报人、举报内容"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox(self)
        self.category.setObjectName("categoryFilter")
        self.category.addItem(self.tr("全部类别"), None)
        for code in ReportCategory:
            self.category.addItem(label("category", code.value), code.value)
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("全部状态"), None)
        for status in CaseStatus:  # the statuses a queue holds (models/codes.py)
            if status not in FINISHED_CASE_STATUSES:
                self.status.addItem(label("status", status.value), status.value)
        self.tag = QComboBox(self)
        self.tag.setObjectName("tagFilter")
        self.tag.addItem(self.tr("全部标签"), None)
        self.held_action = QAction(self.tr("显示静音与暂缓的案件"), self)
        self.held_action.setObjectName("showHeld")
        self.held_action.setCheckable(True)
        self.summary = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.category, 1)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.tag, 1)
        bar.addWidget(self.summary)

        self.table = QTableView(self)
        self.table.setObjectName("queueTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # No row numbers: a header sized over a million rows asks for each label.
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        for column, width in enumerate((130, 140, 200, 170, 70, 90, 90)):
            # Never narrower than the header's own words ("Reporter credibility").
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(model.sort)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.category.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.tag.currentIndexChanged.connect(self.apply_filter)
        self.held_action.toggled.connect(lambda _shown: self.apply_filter())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self._pending_scroll: int | None = None
        model.reloaded.connect(self._update_summary)
        model.reloaded.connect(self._forget_scroll)
        model.layoutChanged.connect(self._update_summary)
        model.layoutChanged.connect(self._restore_scroll)
        self._ticker = QTimer(self)
        self._ticker.setInterval(60_000)
        self._ticker.timeout.connect(model.tick)
        self._ticker.start()
        self.saved = SavedFilters(self)  # after the model and the search field
        self.reload_tags()

    def current_filter(self) -> QueueFilter:
        return QueueFilter(
            text=self.search.text().strip(),
            category=self.category.currentData(),
            status=self.status.currentData(),
            tag=self.tag.currentData(),
            show_held=self.held_action.isChecked(),
        )

    def show_filter(self, flt: QueueFilter) -> None:
        """Put ``flt`` into the filter bar without starting a search of its own."""
        widgets = (self.search, self.category, self.status, self.tag, self.held_action)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.setText(flt.text)
            self.category.setCurrentIndex(max(self.category.findData(flt.category), 0))
            self.status.setCurrentIndex(max(self.status.findData(flt.status), 0))
            if flt.tag and self.tag.findData(flt.tag) < 0:  # the tag list may not be read yet
                self.tag.addItem(flt.tag, flt.tag)
            self.tag.setCurrentIndex(max(self.tag.findData(flt.tag), 0))
            self.held_action.setChecked(flt.show_held)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def reload_tags(self) -> None:
        """Fill the tag filter from the managed list (the chosen tag stays chosen)."""
        client = self.model.client

        def done(tags) -> None:
            chosen = self.tag.currentData()
            self.tag.blockSignals(True)
            while self.tag.count() > 1:
                self.tag.removeItem(1)
            for t in tags:
                self.tag.addItem(t.name, t.name)
            self.tag.setCurrentIndex(max(0, self.tag.findData(chosen)))
            self.tag.blockSignals(False)
            if self.tag.currentData() != chosen:
                self.apply_filter()

        def failed(exc: BaseException) -> None:
            # A refusal (a role that may not read tags) keeps the filter at 全部标签.
            if readable(exc) is None:
                raise exc

        self.model.runner.run(
            lambda _ctx: client.call(notes.list_tags, include_retired=True),
            on_success=done,
            on_failure=failed,
            owner=self,
        )

    @Slot()
    def apply_filter(self) -> None:
        self._search_timer.stop()
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_query(flt=flt)

    def show_queue(self, queue: str) -> None:
        self.model.set_query(queue=queue)

    def _update_summary(self) -> None:
        self.summary.setText(self.tr("%1 条").replace("%1", str(self.model.total)))

    def _current_changed(self, current, _previous) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        self.row_selected.emit(row)

    def _activated(self, index) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.row_activated.emit(row)

    def current_row(self) -> QueueRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def selected_rows(self) -> list[QueueRow]:
        """The selected rows (for bulk actions), in table order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)

    @Slot(str, list)
    def on_changed(self, kind: str, _ids: list) -> None:
        """A change somewhere: re-read the table keeping selection and scroll."""
        if kind in (KIND_CASE, KIND_QUEUES, "appeal", "measure", "correction_order"):
            self.refresh()
        if kind == "tag":
            self.reload_tags()

    def refresh(self) -> None:
        self._pending_scroll = self.table.verticalScrollBar().value()
        self.model.refresh()

    def _restore_scroll(self) -> None:
        if self._pending_scroll is not None:
            self.table.verticalScrollBar().setValue(self._pending_scroll)
            self._pending_scroll = None

    def _forget_scroll(self) -> None:
        self._pending_scroll = None

    def column_of(self, key: str) -> int:
        return [c[0] for c in COLUMNS].index(key)
