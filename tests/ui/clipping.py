"""Finding text a reviewer cannot read whole: clipped or elided labels, buttons, tab
and header texts, chart axis labels, and codes shown instead of words.

:func:`text_problems` walks every visible widget under a top-level widget and
returns one line per problem (``where: what``), so a test can assert the list is
empty and a failure names the widget, its text and the room it had.
"""

from __future__ import annotations

import re

from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QTableView,
    QWidget,
)

from workbench.operations.cases import FUNCTIONS

#: What an untranslated code looks like: ``case.open``, ``measure_taken``, ``appeal``.
CODE = re.compile(r"^[a-z_]+(\.[a-z_]+)*$")
#: Words that look like codes but are what the reviewer should read.
NOT_CODES = frozenset({"sqlite", "https", "http", "postgresql", "xlsx", "csv", "pdf", "url"}) | {
    en for _zh, en in FUNCTIONS.values()  # a single restricted function reads "advertising"
}
SLACK = 1  # a pixel of rounding


def _name(widget: QWidget) -> str:
    parts = []
    w: QWidget | None = widget
    while w is not None and len(parts) < 4:
        parts.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(parts))


def _plain(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == label.textFormat().PlainText or not ("<" in text and ">" in text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def _rich_width(label: QLabel) -> float:
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    return doc.idealWidth()


def _is_code(text: str) -> bool:
    text = text.strip()
    return bool(text) and CODE.match(text) is not None and text not in NOT_CODES


def _inside_scroll_area(widget: QWidget) -> bool:
    """In a scroll area that can scroll sideways (a cut text can be scrolled to)."""
    from PySide6.QtCore import Qt

    w = widget.parentWidget()
    while w is not None:
        if isinstance(w, QAbstractScrollArea) and not isinstance(w, QAbstractItemView):
            return w.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        w = w.parentWidget()
    return False


def _cut_by_window(widget: QWidget, need: float) -> bool:
    """Part of the text lies outside the visible part of the widget (its parent or the
    window cut it off); widgets in a scroll area may be scrolled there on purpose."""
    if _inside_scroll_area(widget):
        return False
    seen = widget.visibleRegion().boundingRect()
    return not seen.isEmpty() and seen.width() + SLACK < min(need, widget.width())


def _label_problems(label: QLabel) -> list[str]:
    text = _plain(label)
    if not text.strip():
        return []
    out = []
    if _is_code(text):
        out.append(f"{_name(label)}: a code on screen: {text!r}")
    if label.wordWrap():
        need = max(label.fontMetrics().horizontalAdvance(w) for w in text.split() or [""])
        if label.textFormat() == label.textFormat().PlainText and any(
            "\u4e00" <= ch <= "\u9fff" for ch in text
        ):
            need = label.fontMetrics().horizontalAdvance("国")  # CJK wraps between characters
    elif "<" in label.text() and label.textFormat() != label.textFormat().PlainText:
        need = _rich_width(label)
    else:
        metrics = label.fontMetrics()
        need = max(metrics.horizontalAdvance(line) for line in text.splitlines())
    room = label.contentsRect().width() - 2 * max(label.margin(), 0) - max(label.indent(), 0)
    if label.wordWrap() and label.heightForWidth(label.width()) > label.height() + SLACK:
        out.append(
            f"{_name(label)}: {text!r} needs {label.heightForWidth(label.width())} px of "
            f"height, has {label.height()} (a wrapped line is cut off)"
        )
    elif need > room + SLACK:
        out.append(f"{_name(label)}: {text!r} needs {need:.0f} px, has {room}")
    elif _cut_by_window(label, need):
        out.append(f"{_name(label)}: {text!r} is cut off by its window or parent")
    return out


def _button_problems(button: QAbstractButton) -> list[str]:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text.strip():
        return []
    out = []
    if _is_code(text):
        out.append(f"{_name(button)}: a code on screen: {text!r}")
    metrics = button.fontMetrics()
    need = metrics.horizontalAdvance(text)
    room = button.contentsRect().width()
    style = button.style()
    if isinstance(button, QPushButton):
        room -= 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
    elif isinstance(button, QCheckBox | QRadioButton):
        indicator = (
            QStyle.PixelMetric.PM_IndicatorWidth
            if isinstance(button, QCheckBox)
            else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
        )
        room -= style.pixelMetric(indicator, None, button) + style.pixelMetric(
            QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, button
        )
    if not button.icon().isNull():
        room -= button.iconSize().width() + 4
    if need > room + SLACK:
        out.append(f"{_name(button)}: {text!r} needs {need} px, has {room}")
    elif _cut_by_window(button, need):
        out.append(f"{_name(button)}: {text!r} is cut off by its window or parent")
    return out


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    out = []
    metrics = QFontMetrics(header.font())
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    sort_room = 0
    if header.isSortIndicatorShown():
        sort_room = (
            header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
        )
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        text = model.headerData(section, header.orientation())
        if not isinstance(text, str) or not text.strip():
            continue
        if _is_code(text):
            out.append(f"{_name(header)}: a code as a header: {text!r}")
        need = max(metrics.horizontalAdvance(line) for line in text.splitlines()) + 2 * margin
        if (
            header.orientation().name == "Horizontal"
            and need + sort_room > header.sectionSize(section) + SLACK
        ):
            out.append(
                f"{_name(header)}: header {text!r} needs {need + sort_room} px, "
                f"has {header.sectionSize(section)}"
            )
    return out


def _tab_problems(bar: QTabBar) -> list[str]:
    out = []
    metrics = bar.fontMetrics()
    for i in range(bar.count()):
        text = bar.tabText(i).replace("&", "")
        if _is_code(text):
            out.append(f"{_name(bar)}: a code as a tab: {text!r}")
        need = metrics.horizontalAdvance(text)
        if need > bar.tabRect(i).width() + SLACK:
            out.append(f"{_name(bar)}: tab {text!r} needs {need} px, has {bar.tabRect(i).width()}")
    return out


def _chart_problems(view: QChartView) -> list[str]:
    """A category axis label wider than its category is elided by Qt Charts ("待审批…")."""
    chart = view.chart()
    out = []
    plot = chart.plotArea()
    for axis in chart.axes():
        if not isinstance(axis, QBarCategoryAxis) or axis.count() == 0:
            continue
        metrics = QFontMetrics(axis.labelsFont())
        if axis.orientation().name != "Horizontal":
            # Down the side, a label taller than its band becomes "…".
            band = plot.height() / axis.count()
            if metrics.height() > band + SLACK:
                out.append(
                    f"{_name(view)}: axis labels need {metrics.height()} px of height, "
                    f"have {band:.0f}"
                )
            continue
        room = plot.width() / axis.count()
        for text in axis.categories():
            doc = QTextDocument()
            doc.setHtml(text)
            lines = doc.toPlainText().splitlines() or [""]
            need = max(metrics.horizontalAdvance(line) for line in lines)
            if need > room + SLACK:
                out.append(f"{_name(view)}: axis label {lines!r} needs {need} px, has {room:.0f}")
    return out


#: Rows of a table looked at for codes: the ones in view, at most (cheap at any size).
CELL_ROWS = 60


def _cell_problems(view: QTableView) -> list[str]:
    """A stored code shown in a table cell (``organisation_lexicon`` in 规则误报率)."""
    model = view.model()
    if model is None:
        return []
    out = []
    for row in range(min(model.rowCount(), CELL_ROWS)):
        if view.isRowHidden(row):
            continue
        for column in range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            text = model.index(row, column).data()
            if isinstance(text, str) and _is_code(text):
                out.append(f"{_name(view)}: a code in row {row + 1}: {text!r}")
    return out


def text_problems(top: QWidget) -> list[str]:
    """Every clipped, elided or code-like text among the visible widgets under ``top``."""
    out: list[str] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() == 0:
            continue
        if isinstance(widget, QLabel):
            out += _label_problems(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, QTabBar):
            out += _button_problems(widget)
        elif isinstance(widget, QHeaderView):
            out += _header_problems(widget)
        elif isinstance(widget, QTabBar):
            out += _tab_problems(widget)
        elif isinstance(widget, QChartView) and widget.chart() is not None:
            out += _chart_problems(widget)
        elif isinstance(widget, QTableView):
            out += _cell_problems(widget)
    return out
