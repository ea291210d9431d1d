"""The case timeline: grouped by stage, newest first, each event a sentence.

A bold row names each stage (受理, 甄别, …); under it the stage's events, newest
first: the time in Beijing time, what happened in words, and its changes and
reason.  Every cell is a table item, which Qt draws as plain text; the text goes
through :func:`~workbench.ui.widgets.plain.shown` so invisible characters in a
reason or a name are written out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget

from workbench.models.views import TimelineEntry
from workbench.ui.labels import local_time
from workbench.ui.timeline_text import details, grouped, sentence, stage_title
from workbench.ui.widgets.plain import shown

#: The event column never gets narrower than this to make room for the details.
MIN_EVENT_WIDTH = 140


class TimelineTable(QTableWidget):
    """The timeline.  ``stage_rows`` are the rows of the stage headers (row → stage),
    ``entry_rows`` the rows of the events (row → entry)."""

    TIME, EVENT, DETAILS = range(3)

    def __init__(self, entries: tuple[TimelineEntry, ...], parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.setObjectName("timeline")
        self.setHorizontalHeaderLabels(
            [self.tr("时间（北京时间）"), self.tr("事件"), self.tr("详情")]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.horizontalHeader().setStretchLastSection(True)
        self.stage_rows: dict[int, str | None] = {}
        self.entry_rows: dict[int, TimelineEntry] = {}
        for stage, group in grouped(entries):
            row = self.rowCount()
            self.insertRow(row)
            header = QTableWidgetItem(shown(stage_title(stage)))
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.setItem(row, self.TIME, header)
            self.setSpan(row, 0, 1, 3)
            self.stage_rows[row] = stage
            for entry in group:
                row = self.rowCount()
                self.insertRow(row)
                texts = (local_time(entry.at), sentence(entry), details(entry))
                for column, text in enumerate(texts):
                    self.setItem(row, column, QTableWidgetItem(shown(text)))
                self.entry_rows[row] = entry
        self.resizeColumnsToContents()
        self._event_width = self.columnWidth(self.EVENT)
        self.resizeRowsToContents()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Narrow (800 px), the event column gives up to half the room to the details,
        which wrap, instead of pushing them past the right edge."""
        room = self.viewport().width() - self.columnWidth(self.TIME)
        width = min(self._event_width, max(room // 2, MIN_EVENT_WIDTH))
        if width != self.columnWidth(self.EVENT):
            self.setColumnWidth(self.EVENT, width)
            self.resizeRowsToContents()
