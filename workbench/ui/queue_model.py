"""The queue table: a model over the database, read a page at a time.

The model knows the queue's row count (one COUNT) and keeps a bounded cache
of pages; a row outside the cache loads its page when a view asks for it, so
a million-row queue costs a few hundred rows of memory and scrolling to the
end reads only the last page (see :func:`workbench.operations.reads.queue_page`).
Filter and sort go to SQL.  :meth:`QueueTableModel.refresh` re-reads after a
change while keeping the reviewer's selection and current row on the same
records, wherever they moved.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from workbench.models import utcnow
from workbench.models.views import QueueFilter, QueueName, QueueRow, QueueSort
from workbench.operations import reads
from workbench.operations.client import Client
from workbench.ui.labels import label
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import shown

#: Column key, header (Chinese source string for tr), SQL sort key or None.
# PySide6 types QT_TRANSLATE_NOOP as returning object; it returns the text it marks.
COLUMNS: tuple[tuple[str, str, str | None], ...] = (  # type: ignore[assignment]
    ("due", QT_TRANSLATE_NOOP("QueueTableModel", "截止时间"), "due_at"),
    ("category", QT_TRANSLATE_NOOP("QueueTableModel", "类别"), "category"),
    ("account", QT_TRANSLATE_NOOP("QueueTableModel", "账号"), "account_name"),
    ("hit", QT_TRANSLATE_NOOP("QueueTableModel", "最强命中"), "strongest"),
    ("reporters", QT_TRANSLATE_NOOP("QueueTableModel", "举报人数"), "reporter_count"),
    ("credibility", QT_TRANSLATE_NOOP("QueueTableModel", "举报人可信度"), None),
    ("status", QT_TRANSLATE_NOOP("QueueTableModel", "状态"), "status"),
    ("assignee", QT_TRANSLATE_NOOP("QueueTableModel", "处理人"), None),
    ("tags", QT_TRANSLATE_NOOP("QueueTableModel", "标签"), None),
)
COLUMN_INDEX = {key: i for i, (key, _h, _s) in enumerate(COLUMNS)}

#: Background of the due-time cell by due state (a DueState value).
STATE_COLOURS = {
    "breached": QColor("#f4c7c3"),
    "at_risk": QColor("#fce8b2"),
    "running": QColor("#d7efd9"),
    "paused": QColor("#e0e0e0"),
}
MAX_CACHED_PAGES = 40
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def countdown(due_at: datetime | None, now: datetime) -> str:
    """``剩余 3小时12分`` / ``超时 1天2小时``: the time left or overdue."""
    if due_at is None:
        return "—"
    seconds = int((due_at - now).total_seconds())
    overdue = seconds < 0
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        amount = (
            QCoreApplication.translate("Countdown", "%1天%2小时")
            .replace("%1", str(days))
            .replace("%2", str(hours))
        )
    elif hours:
        amount = (
            QCoreApplication.translate("Countdown", "%1小时%2分")
            .replace("%1", str(hours))
            .replace("%2", str(minutes))
        )
    else:
        amount = QCoreApplication.translate("Countdown", "%1分").replace("%1", str(minutes))
    if overdue:
        return QCoreApplication.translate("Countdown", "超时 %1").replace("%1", amount)
    return QCoreApplication.translate("Countdown", "剩余 %1").replace("%1", amount)


class QueueTableModel(QAbstractTableModel):
    """One queue as a table; see the module docstring."""

    reloaded = Signal()  # the first page of a new queue/filter/sort arrived
    loading_started = Signal()
    loading_failed = Signal()
    counted = Signal()  # the full row count arrived (rowCount grew to it)

    def __init__(
        self,
        client: Client,
        runner: TaskRunner,
        *,
        actor_id: int | None = None,
        page_size: int = reads.PAGE_SIZE,
        clock: Callable[[], datetime] = utcnow,
        parent=None,
    ):
        super().__init__(parent)
        self.client, self.runner = client, runner
        self.actor_id = actor_id
        self.page_size = page_size
        self.clock = clock
        self.queue: str = QueueName.REPORTS.value
        self.filter = QueueFilter()
        self.sort_order = QueueSort()
        self._total = 0
        self._pages: OrderedDict[int, tuple[QueueRow, ...]] = OrderedDict()
        self._effective = self.filter  # the filter with its text search resolved
        self._generation = 0
        self.counted_rows = False
        self._now = clock()
        self.pages_read = 0  # pages read from the database since the last reload

    # -- what the view shows -------------------------------------------------
    def set_query(
        self,
        queue: str | None = None,
        flt: QueueFilter | None = None,
        sort: QueueSort | None = None,
    ) -> None:
        """Show another queue, filter or order (re-read from the first page)."""
        if queue is not None:
            self.queue = str(queue)
        if flt is not None:
            self.filter = flt
        if sort is not None:
            self.sort_order = sort
        self.reload()

    def reload(self) -> None:
        """Read the first page (shown at once), then count the rows (the
        scroll range grows to the full queue when the count arrives)."""
        self._generation += 1
        generation = self._generation
        query = (self.queue, self.filter, self.sort_order, self.actor_id, self.page_size)
        client, now = self.client, self.clock()
        self.counted_rows = False
        effective = self.filter
        self.loading_started.emit()

        def first_page(_ctx):
            queue, flt, sort, _actor_id, size = query
            # The text search is resolved once and reused for every later page.
            page = client.call(reads.queue_first_page, queue=queue, flt=flt, sort=sort, limit=size)
            return page.rows, page.resolved

        def count(_ctx):
            queue = query[0]
            return client.call(reads.queue_row_count, queue=queue, resolved=effective)

        def shown(result):
            nonlocal effective
            if generation != self._generation:
                return  # a newer query replaced this one
            rows, effective = result
            self.beginResetModel()
            self._effective = effective
            self._total = len(rows)
            self._pages = OrderedDict({0: rows}) if rows else OrderedDict()
            self._now = now
            self.pages_read = 1
            self.endResetModel()
            self.reloaded.emit()
            if len(rows) < self.page_size:
                self._set_total(len(rows))
            else:
                self.runner.run(count, on_success=counted, on_failure=failed, owner=self)

        def counted(total):
            if generation == self._generation:
                self._set_total(total)

        def failed(exc):
            self.loading_failed.emit()
            self.runner.unhandled(exc)

        self.runner.run(first_page, on_success=shown, on_failure=failed, owner=self)

    def _set_total(self, total: int) -> None:
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self.endRemoveRows()
        self.counted_rows = True
        self.counted.emit()

    def refresh(self) -> None:
        """Re-read after a change, keeping selected and current rows on their records."""
        client = self.client
        generation = self._generation
        query = (self.queue, self.filter, self.sort_order, self.actor_id, self.page_size)
        wanted = list(self._pages.keys())[-3:] or [0]

        def work(_ctx):
            queue, flt, sort, _actor_id, size = query
            snapshot = client.call(
                reads.queue_snapshot, queue=queue, flt=flt, sort=sort, pages=wanted, limit=size
            )
            return snapshot.total, snapshot.pages, snapshot.resolved

        def done(result):
            if generation != self._generation:
                return
            total, pages, self._effective = result
            self._apply_refresh(total, pages)

        self.runner.run(work, on_success=done, owner=self)

    def _apply_refresh(self, total: int, pages: dict[int, tuple[QueueRow, ...]]) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._row_id_at(i.row()) if i.isValid() else None for i in old]
        self._total = total
        self._pages = OrderedDict(sorted(pages.items()))
        self._now = self.clock()
        new_rows = {
            row.row_id: number * self.page_size + i
            for number, rows in self._pages.items()
            for i, row in enumerate(rows)
        }
        new_indexes = []
        for index, row_id in zip(old, old_ids, strict=True):
            row = new_rows.get(row_id) if row_id is not None else None
            new_indexes.append(
                self.index(row, index.column()) if row is not None else QModelIndex()
            )
        self.changePersistentIndexList(old, new_indexes)
        self.layoutChanged.emit()

    def tick(self) -> None:
        """Move the countdowns on (called every minute by the view)."""
        self._now = self.clock()
        if self._total:
            column = COLUMN_INDEX["due"]
            self.dataChanged.emit(
                self.index(0, column),
                self.index(self._total - 1, column),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole],
            )

    # -- rows ---------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def cached_pages(self) -> list[int]:
        return sorted(self._pages)

    def row_at(self, row: int) -> QueueRow | None:
        """The row at position ``row``, reading its page if needed."""
        if not 0 <= row < self._total:
            return None
        number, within = divmod(row, self.page_size)
        rows = self._pages.get(number)
        if rows is None:
            rows = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        return rows[within] if within < len(rows) else None

    def _row_id_at(self, row: int) -> int | None:
        number, within = divmod(row, self.page_size)
        rows = self._pages.get(number)
        if rows is None or within >= len(rows):
            return None
        return rows[within].row_id

    def row_of(self, row_id: int) -> int | None:
        """The position of a record among the cached pages, if loaded."""
        for number, rows in self._pages.items():
            for i, row in enumerate(rows):
                if row.row_id == row_id:
                    return number * self.page_size + i
        return None

    def row_of_case(self, case_id: int) -> int | None:
        """The position of the row about ``case_id`` among the cached pages, if loaded."""
        for number, rows in self._pages.items():
            for i, row in enumerate(rows):
                if row.case_id == case_id:
                    return number * self.page_size + i
        return None

    def _load_page(self, number: int) -> tuple[QueueRow, ...]:
        page = self.client.call(
            reads.queue_page,
            queue=self.queue,
            resolved=self._effective,
            sort=self.sort_order,
            offset=number * self.page_size,
            limit=self.page_size,
            total=self._total,
        )
        self.pages_read += 1
        self._pages[number] = page.rows
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page.rows

    # -- QAbstractTableModel --------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("QueueTableModel", COLUMNS[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.BackgroundRole and key == "due":
            return STATE_COLOURS.get(row.due_state)
        if role == Qt.ItemDataRole.ToolTipRole and key == "due":
            return label("due_state", row.due_state)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("reporters", "credibility"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ID_ROLE:
            return row.row_id
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: QueueRow, key: str) -> str:
        if key == "due":
            return countdown(row.due_at, self._now)
        if key == "category":
            return label("category", row.category)
        if key == "account":
            return shown(row.account_name)
        if key == "hit":
            if row.strongest_severity is None and row.strongest_rule is None:
                return ""
            parts = [label("severity", row.strongest_severity)] if row.strongest_severity else []
            if row.strongest_rule:
                parts.append(label("category", row.strongest_rule))
            return " · ".join(parts)
        if key == "reporters":
            return str(row.reporter_count)
        if key == "credibility":
            return "—" if row.credibility is None else f"{row.credibility:.0%}"
        if key == "status" and row.held:
            return QCoreApplication.translate("QueueTableModel", "%1 · 静音/暂缓").replace(
                "%1", label("status", row.status)
            )
        if key == "status":
            return label("status", row.status)
        if key == "tags":
            return shown("、".join(row.tags))
        return shown(row.assignee_name)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2]
        if key is None:
            return
        sort = QueueSort(key, order == Qt.SortOrder.DescendingOrder)
        if sort != self.sort_order:
            self.set_query(sort=sort)
