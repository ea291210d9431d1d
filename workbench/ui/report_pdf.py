"""The regulator's report as a PDF in Chinese, paginated by hand with Qt (QPdfWriter).

A4 landscape.  A title page with the platform, the period, when it was made and
the totals (per category, per measure, handled in time); then every measure in a
table whose header repeats on every page and whose rows never split across a
page; every page numbered 第 n 页 / 共 N 页.  Codes are spelled out in Chinese (the
Chinese half of each "中文 / English" value).  Text is set in a CJK font (Noto
Sans/Serif CJK SC when installed), wrapped at word boundaries and, only for a word
wider than its column, inside it.  Works without a display: the command runs Qt
on the offscreen platform.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from workbench.models import SHANGHAI
from workbench.operations.records import COLUMNS, RegulatorReport
from workbench.ui.widgets.plain import rich, shown

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei")
# Measures table: the columns that fit a landscape page, with their relative widths.
PDF_COLUMNS = [
    ("measure_id", 5),
    ("measure", 8),
    ("status", 6),
    ("category", 9),
    ("platform_id", 8),
    ("account_name", 10),
    ("account_info", 14),
    ("basis", 6),
    ("reason", 16),
    ("decided_by", 6),
    ("decided_at", 8),
    ("approved_by", 6),
    ("appeal", 6),
]
TITLE = "互联网用户账号处置情况报告"
SECTIONS = {
    "category": "按违规类别",
    "measure": "按处置措施",
    "in_time": "按时办结",
    "regulation": "谣言、监管转办与监管要求",
}
DPI = 96  # layout units: points of a 96-dpi screen, scaled onto the writer
PAD = 3


def _application():
    """The running Qt application, or a headless one for a command-line run.

    A widgets application, not a bare QGuiApplication: the process may go on
    to open windows (the desktop, or tests), and Qt aborts when a widget is
    created under an application that cannot have widgets.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["workbench-report"])
    return app


def _font():
    from PySide6.QtGui import QFont, QFontDatabase

    available = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in available:
            return QFont(family, 8)
    return QFont()


def _pixel_font(base, pixels: int, *, bold: bool = False):
    """``base`` at ``pixels`` layout units (the painter is scaled, points would be twice)."""
    from PySide6.QtGui import QFont

    font = QFont(base)
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def chinese(value) -> str:
    """A cell's text in Chinese: the first half of a "中文 / English" value."""
    text = "" if value is None else str(value)
    return text.split(" / ")[0] if " / " in text else text


def report_html(report: RegulatorReport) -> str:
    """The title page's text as simple HTML (also what a test can read); the
    platform's name, set by an administrator, is escaped as the screens escape it."""
    made = f"{report.generated_at.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
    return (
        f"<h1 align='center'>{TITLE}</h1>"
        f"<p align='center' style='font-size:14pt'>平台：{rich(report.platform or '（未设置平台名称）')}</p>"
        f"<p align='center' style='font-size:14pt'>报告期间：{report.start} 至 {report.end}（北京时间）</p>"
        f"<p align='center'>生成时间：{made}　处置措施共 {len(report.lines)} 项</p>"
        "<p>依据《互联网用户账号信息管理规定》第十七条、《互联网用户公众账号信息服务管理规定》"
        "第十九条报送。个人信息已作脱敏处理。</p>"
    )


@dataclass
class _Row:
    cells: list  # QTextDocument per column
    height: float


class _Table:
    """Lays out table rows at fixed column widths (text wrapped to them)."""

    def __init__(self, font, widths: list[float], *, bold=False):
        self.font, self.widths, self.bold = font, widths, bold

    def row(self, texts: list[str], *, bold: bool = False) -> _Row:
        from PySide6.QtGui import QFont, QTextDocument, QTextOption

        cells = []
        for text, width in zip(texts, self.widths, strict=True):
            doc = QTextDocument()
            font = QFont(self.font)
            font.setBold(bold)
            doc.setDefaultFont(font)
            doc.setDocumentMargin(PAD)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            doc.setDefaultTextOption(option)
            doc.setPlainText(shown(text))  # a bidi override in a name reorders nothing
            doc.setTextWidth(width)
            cells.append(doc)
        return _Row(cells, max(d.size().height() for d in cells))

    def draw(self, painter, row: _Row, x: float, y: float, *, shade: bool = False) -> None:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QColor

        for doc, width in zip(row.cells, self.widths, strict=True):
            rect = QRectF(x, y, width, row.height)
            if shade:
                painter.fillRect(rect, QColor("#e8eef7"))
            painter.drawRect(rect)
            painter.save()
            painter.translate(x, y)
            doc.drawContents(painter)
            painter.restore()
            x += width


def _pages(rows: list[_Row], header: _Row, first_top: float, bottom: float) -> list[list[_Row]]:
    """Rows per page: the header on each, a row moved whole to the next page."""
    pages: list[list[_Row]] = [[]]
    y = first_top + header.height
    for row in rows:
        if y + row.height > bottom and pages[-1]:
            pages.append([])
            y = first_top + header.height
        pages[-1].append(row)
        y += row.height
    return pages


def write_pdf(report: RegulatorReport, path: Path) -> None:
    """Lay the report out and write it to ``path`` as a PDF."""
    _application()
    from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setTitle(f"账号处置情况报告 {report.start} - {report.end}")
    writer.setCreator("workbench")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    scale = writer.resolution() / DPI
    paint = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = paint.width() / scale, paint.height() / scale
    font = _font()
    labels = dict(COLUMNS)
    unit = width / sum(w for _k, w in PDF_COLUMNS)
    measures = _Table(font, [w * unit for _k, w in PDF_COLUMNS])
    header = measures.row([chinese(labels[k]) for k, _w in PDF_COLUMNS], bold=True)
    rows = [
        measures.row([chinese(line.values.get(k)) for k, _w in PDF_COLUMNS])
        for line in report.lines
    ]
    totals = _Table(font, [width * f for f in (0.2, 0.6, 0.2)])
    total_header = totals.row(["统计项", "名称", "数值"], bold=True)
    total_rows = [
        totals.row([SECTIONS[section], chinese(label), str(value)])
        for section, _code, label, value in report.totals()
    ]
    title = QTextDocument()
    title.setDefaultFont(font)
    title.setTextWidth(width)
    title.setHtml(report_html(report))
    footer = 8.0 * 1.6
    bottom = height - footer
    first = _pages(total_rows, total_header, title.size().height() + 12, bottom)
    later = _pages(total_rows[sum(len(p) for p in first[:1]) :], total_header, 0, bottom)
    total_pages = [first[0], *(later if len(first) > 1 else [])]
    detail = _pages(rows, header, 24, bottom) if rows else []
    count = len(total_pages) + len(detail)

    next_page = writer.newPage
    painter = QPainter(writer)
    painter.scale(scale, scale)
    painter.setFont(font)
    number = 0

    def finish_page(new_page: bool) -> None:
        nonlocal number
        number += 1
        painter.setFont(_pixel_font(font, 10))
        painter.drawText(
            QRectF(0, height - footer, width, footer),
            int(Qt.AlignmentFlag.AlignCenter),
            f"第 {number} 页 / 共 {count} 页",
        )
        if new_page:
            next_page()

    def table_page(table: _Table, head: _Row, page: list[_Row], top: float) -> None:
        y = top
        table.draw(painter, head, 0, y, shade=True)
        y += head.height
        for row in page:
            table.draw(painter, row, 0, y)
            y += row.height

    title.drawContents(painter)
    for i, page in enumerate(total_pages):
        top = title.size().height() + 12 if i == 0 else 0
        table_page(totals, total_header, page, top)
        finish_page(new_page=bool(detail) or i < len(total_pages) - 1)
    for i, page in enumerate(detail):
        painter.setFont(_pixel_font(font, 14, bold=True))
        painter.drawText(QPointF(0, 16), f"处置措施明细（{report.start} 至 {report.end}）")
        table_page(measures, header, page, 24)
        finish_page(new_page=i < len(detail) - 1)
    painter.end()
    del writer  # the file is complete once the writer is gone
