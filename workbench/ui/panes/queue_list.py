"""The queues at the left: name, row count, and at-risk / breached badges."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.views import QueueCount
from workbench.ui.labels import label

QUEUE_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
BADGE_COLOURS = {"at_risk": QColor("#e8a317"), "breached": QColor("#d93025")}


def _badges(count: QueueCount | None) -> list[tuple[int, QColor]]:
    if count is None:
        return []
    pairs = (("breached", count.breached), ("at_risk", count.at_risk))
    return [(n, BADGE_COLOURS[k]) for k, n in pairs if n]


def _badge_width(metrics, number: int) -> int:
    return max(metrics.horizontalAdvance(str(number)) + 12, 22)


class _BadgeDelegate(QStyledItemDelegate):
    """Paints the queue name with its count, then the badges at the right."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        count: QueueCount | None = index.data(COUNT_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        badges = _badges(count)
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        right = option.rect.right() - 6
        metrics = option.fontMetrics
        for number, colour in badges:
            text = str(number)
            width = _badge_width(metrics, number)
            rect = QRect(right - width, option.rect.center().y() - 9, width, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(rect, 9, 9)
            painter.setPen(QColor("white"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            right = rect.left() - 4
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        """The name and count, then room for the item's badges beside them, not over them."""
        hint = super().sizeHint(option, index)
        badges = _badges(index.data(COUNT_ROLE))
        room = sum(_badge_width(option.fontMetrics, n) + 4 for n, _ in badges) + 12
        return QSize(hint.width() + max(room, 56), max(hint.height(), 28))


class QueueListPane(QWidget):
    """Lists the queues the reviewer may see; ``queue_selected(queue)`` on a click."""

    queue_selected = Signal(str)

    def __init__(self, queues: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("queueList")
        self.list.setItemDelegate(_BadgeDelegate(self.list))
        # Items are as wide as the list, so the badges at their right edge stay in view.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        for queue in queues:
            item = QListWidgetItem(label("queue", queue))
            item.setData(QUEUE_ROLE, queue)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._current_changed)
        self._fit()
        #: queue -> a total counted elsewhere (信息变更: pending change requests, not cases)
        self.totals: dict[str, int] = {}

    def _current_changed(self, current, _previous) -> None:
        if current is not None:
            self.queue_selected.emit(current.data(QUEUE_ROLE))

    def queues(self) -> list[str]:
        return [self.list.item(i).data(QUEUE_ROLE) for i in range(self.list.count())]

    def select(self, queue: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(QUEUE_ROLE) == queue:
                self.list.setCurrentRow(i)
                return True
        return False

    def current_queue(self) -> str | None:
        item = self.list.currentItem()
        return item.data(QUEUE_ROLE) if item else None

    def set_counts(self, counts: list[QueueCount]) -> None:
        by_queue = {c.queue: c for c in counts}
        for i in range(self.list.count()):
            item = self.list.item(i)
            queue = item.data(QUEUE_ROLE)
            count = by_queue.get(queue)
            if queue in self.totals:
                count = QueueCount(queue, self.totals[queue], 0, 0)
            if count is None:
                continue
            item.setData(COUNT_ROLE, count)
            item.setText(f"{label('queue', count.queue)}  {count.total}")
            item.setToolTip(
                self.tr("共 %1 · 临近超时 %2 · 已超时 %3")
                .replace("%1", str(count.total))
                .replace("%2", str(count.at_risk))
                .replace("%3", str(count.breached))
            )
        self._fit()

    def _fit(self) -> None:
        """Never narrower than the widest name with its count and badges, so a narrow
        window squeezes the case, not the badges over the queue names (800 px)."""
        widest = self.list.sizeHintForColumn(0)
        frame = 2 * self.list.frameWidth() + 4
        self.list.setMinimumWidth(widest + frame)

    def set_total(self, queue: str, total: int) -> None:
        """Show ``total`` for ``queue`` from now on, whatever the case counts say."""
        self.totals[queue] = total
        self.set_counts([QueueCount(queue, total, 0, 0)])

    def count_of(self, queue: str) -> QueueCount | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(QUEUE_ROLE) == queue:
                return item.data(COUNT_ROLE)
        return None
