"""The regulator's report as a PDF in Chinese, laid out by Qt (QTextDocument + QPdfWriter).

A4 landscape: the title and period, the totals (per category, per measure,
the share of reports handled in time), then every measure.  Text is set in
a CJK font (Noto Sans/Serif CJK SC when installed).  Works without a display:
the command runs Qt on the offscreen platform.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from workbench.models import SHANGHAI
from workbench.operations.records import COLUMNS, RegulatorReport

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei")
# Measures table: the columns that fit a landscape page.
PDF_COLUMNS = [
    "measure_id",
    "measure",
    "category",
    "platform_id",
    "account_name",
    "account_info",
    "basis",
    "reason",
    "decided_by",
    "decided_at",
    "approved_by",
    "effective_from",
    "appeal",
]


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


def _cell(value) -> str:
    return escape("" if value is None else str(value))


def report_html(report: RegulatorReport) -> str:
    """The report as the HTML subset QTextDocument lays out."""
    labels = dict(COLUMNS)
    out = [
        "<html><body>",
        "<h2 align='center'>互联网用户账号处置情况报告</h2>",
        f"<p align='center'>报告期间：{report.start} 至 {report.end}（北京时间）　"
        f"生成时间：{report.generated_at.astimezone(SHANGHAI):%Y-%m-%d %H:%M}　"
        f"处置措施共 {len(report.lines)} 项</p>",
        "<p>依据《互联网用户账号信息管理规定》第十七条、《互联网用户公众账号信息服务管理规定》"
        "第十九条报送。个人信息已作脱敏处理。</p>",
        "<h3>统计</h3>",
        "<table border='1' cellspacing='0' cellpadding='3'>",
        "<tr><th>统计项</th><th>代码</th><th>名称</th><th>数值</th></tr>",
    ]
    sections = {"category": "按违规类别", "measure": "按处置措施", "in_time": "按时办结"}
    for section, code, label, value in report.totals():
        out.append(
            f"<tr><td>{sections[section]}</td><td>{_cell(code)}</td>"
            f"<td>{_cell(label)}</td><td>{_cell(value)}</td></tr>"
        )
    out += [
        "</table>",
        "<h3>处置措施明细</h3>",
        "<table border='1' cellspacing='0' cellpadding='2' width='100%'>",
        "<tr>" + "".join(f"<th>{_cell(labels[k].split(' / ')[0])}</th>" for k in PDF_COLUMNS),
        "</tr>",
    ]
    for line in report.lines:
        out.append(
            "<tr>" + "".join(f"<td>{_cell(line.values.get(k))}</td>" for k in PDF_COLUMNS) + "</tr>"
        )
    out += ["</table>", "</body></html>"]
    return "\n".join(out)


def write_pdf(report: RegulatorReport, path: Path) -> None:
    """Lay the report out and write it to ``path`` as a PDF."""
    _application()
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setTitle(f"账号处置情况报告 {report.start} - {report.end}")
    writer.setCreator("workbench")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDefaultFont(_font())
    document.setHtml(report_html(report))
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
