"""The appeals still to decide as a table, coloured by deadline like the queues.

A plain :class:`QAbstractTableModel` over the rows
:func:`workbench.operations.appeals.open_appeals` returns (at most a few
hundred): each cell is worked out when the view asks for it, so there are no
item widgets and the countdown is computed against the model's clock.  The
deadline cell takes the queue's colours (:data:`~workbench.ui.queue_model.STATE_COLOURS`)
through the same :func:`~workbench.models.views.due_state` the queues use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from workbench.models import utcnow
from workbench.models.views import DueState, due_state
from workbench.operations.appeals import AppealSummary
from workbench.ui.labels import label, local_time
from workbench.ui.queue_model import STATE_COLOURS, countdown
from workbench.ui.widgets.plain import shown

#: Column key and header (Chinese source string for tr).
# PySide6 types QT_TRANSLATE_NOOP as returning object; it returns the text it marks.
APPEAL_COLUMNS: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]
    ("due", QT_TRANSLATE_NOOP("AppealTableModel", "截止时间")),
    ("id", QT_TRANSLATE_NOOP("AppealTableModel", "申诉编号")),
    ("account", QT_TRANSLATE_NOOP("AppealTableModel", "账号")),
    ("measure", QT_TRANSLATE_NOOP("AppealTableModel", "原措施")),
    ("status", QT_TRANSLATE_NOOP("AppealTableModel", "状态")),
    ("received", QT_TRANSLATE_NOOP("AppealTableModel", "收到时间")),
)
APPEAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class AppealTableModel(QAbstractTableModel):
    """Rows of :class:`AppealSummary`; ``set_rows`` replaces them."""

    def __init__(self, clock: Callable[[], datetime] = utcnow, parent=None):
        super().__init__(parent)
        self.clock = clock
        self._rows: tuple[AppealSummary, ...] = ()
        self._now = clock()

    def set_rows(self, rows: Sequence[AppealSummary]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._now = self.clock()
        self.endResetModel()

    def row_of(self, appeal_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == appeal_id:
                return i
        return None

    def appeal_at(self, row: int) -> AppealSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def due_state_at(self, row: int) -> str:
        """Breached by the clock; at risk as the service says (its clock's warning)."""
        r = self._rows[row]
        state = due_state(None, r.due_at, self._now)
        if state in (DueState.AT_RISK, DueState.RUNNING):
            return DueState.AT_RISK if r.at_risk else DueState.RUNNING
        return state

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(APPEAL_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("AppealTableModel", APPEAL_COLUMNS[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, key = self._rows[index.row()], APPEAL_COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(self._text(r, key))
        if role == APPEAL_ID_ROLE:
            return r.id
        if key == "due" and role == Qt.ItemDataRole.BackgroundRole:
            return STATE_COLOURS.get(self.due_state_at(index.row()))
        if key == "due" and role == Qt.ItemDataRole.ToolTipRole:
            return f"{local_time(r.due_at)} · {label('due_state', self.due_state_at(index.row()))}"
        return None

    def _text(self, r: AppealSummary, key: str) -> str:
        if key == "due":
            return countdown(r.due_at, self._now)
        if key == "id":
            return f"#{r.id}"
        if key == "account":
            return r.account_name
        if key == "measure":
            return label("measure", r.measure_code)
        if key == "status":
            return label("status", r.status)
        return local_time(r.received_at)
