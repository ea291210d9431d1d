"""监管报送: the regulator's report exported from the desktop, and the log of reports made.

A supervisor or administrator picks the period (Beijing dates, both included) and the
format and exports the report of measures (2022/17, 2021/19), personal data masked;
the file is written on this machine, its SHA-256 taken and the report logged
(:func:`workbench.operations.regulator.record_regulator_report`).  The table lists
every report made, from here or by ``workbench report``: period, format, who, when,
the number of measures and the file's hash, so the copy the regulator holds can be
matched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.operations import regulator
from workbench.operations.regulator import ReportMade, file_sha256, write_report
from workbench.ui.i18n import file_dialog_options
from workbench.ui.labels import local_time
from workbench.ui.report_pdf import write_pdf
from workbench.ui.widgets.dates import day_of
from workbench.ui.widgets.message import MessageLine

FORMATS = ("xlsx", "csv", "pdf")


class RegulatorReportsPage(QWidget):
    def __init__(self, client, actor, runner, bus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("regulatorReportsPage")
        self.client, self.actor, self.runner, self.bus = client, actor, runner, bus
        self.made: list[ReportMade] = []
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(1 - today.day()), self)
        self.start.setObjectName("reportStart")
        self.start.setCalendarPopup(True)
        self.end = QDateEdit(today, self)
        self.end.setObjectName("reportEnd")
        self.end.setCalendarPopup(True)
        self.format = QComboBox(self)
        self.format.setObjectName("reportFormat")
        for fmt in FORMATS:
            self.format.addItem(fmt.upper(), fmt)
        self.export_button = QPushButton(self.tr("导出报送报告…"), self)
        self.export_button.setObjectName("exportRegulatorReport")
        self.export_button.clicked.connect(self._choose)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("期间"), self))
        top.addWidget(self.start)
        top.addWidget(QLabel("–", self))
        top.addWidget(self.end)
        top.addWidget(self.format)
        top.addWidget(self.export_button)
        top.addStretch(1)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("reportsMade")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("期间"),
                self.tr("格式"),
                self.tr("报送人"),
                self.tr("生成时间"),
                self.tr("措施数"),
                self.tr("来源"),
                self.tr("文件 SHA-256"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.message = MessageLine("reportsMessage", self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()

    def on_changed(self, *_args) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        client = self.client
        self.runner.run(
            lambda _ctx: client.call(regulator.regulator_reports_made),
            on_success=self._fill,
            on_failure=self.message.refuse,
            owner=self,
        )

    def _fill(self, made: list[ReportMade]) -> None:
        self.made = list(made)
        self.table.setRowCount(len(self.made))
        for r, m in enumerate(self.made):
            source = self.tr("桌面") if m.source == "desktop" else self.tr("命令行")
            if m.unmasked:
                source += self.tr("（含完整个人信息）")
            texts = (
                f"{m.period_start} – {m.period_end}",
                m.format.upper(),
                m.made_by,
                local_time(m.made_at),
                str(m.measures),
                source,
                m.sha256,
            )
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _choose(self) -> None:
        fmt = self.format.currentData()
        start, end = day_of(self.start), day_of(self.end)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出报送报告"),
            f"report-{start}-{end}.{fmt}",
            f"{fmt.upper()} (*.{fmt})",
            options=file_dialog_options(),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Export the chosen period in the chosen format to ``path`` and log it."""
        client, fmt = self.client, self.format.currentData()
        start, end = day_of(self.start), day_of(self.end)

        def fetch(_ctx):
            return client.call(regulator.masked_regulator_report, start=start, end=end)

        def written(report) -> None:
            # Written here, on this machine (the PDF is laid out by Qt on the GUI thread).
            write_report(report, path, fmt, write_pdf)
            sha256, size = file_sha256(path)

            def logged(_made: object) -> None:
                self.message.say(self.tr("已导出并登记：%1").replace("%1", str(path)))
                self.reload()

            self.runner.run(
                lambda _ctx: client.call(
                    regulator.record_regulator_report,
                    start=start,
                    end=end,
                    format=fmt,
                    sha256=sha256,
                    size_bytes=size,
                    measures=len(report.lines),
                ),
                on_success=logged,
                on_failure=self.message.refuse,
                owner=self,
            )

        self.runner.run(
            fetch, on_success=written, on_failure=self.message.refuse,
            label=self.tr("正在导出…"), owner=self,
        )  # fmt: skip
