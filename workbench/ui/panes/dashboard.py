"""The supervisor's dashboard: deadlines per queue, handling time per reviewer,
the weekly breach trend (QtCharts); the approval queue for severe measures;
reassigning a case; exporting the figures.

Everything is read in one task off the GUI thread (``refresh``) and re-read
when the bus says something changed while the page is visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import Role
from workbench.models.views import QueueCount
from workbench.operations import cases, reads, supervision
from workbench.operations.access import Actor
from workbench.operations.client import Client
from workbench.operations.supervision import (
    QUEUE_ORDER,
    UNASSIGNED,
    MeasureSpec,
    PendingApproval,
    Reviewer,
    SupervisorFigures,
    WeekFigures,
)
from workbench.ui.changes import ChangeBus
from workbench.ui.dialogs.measures import describe
from workbench.ui.i18n import file_dialog_options
from workbench.ui.labels import label, local_time
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.message import MessageLine
from workbench.ui.widgets.plain import fill, plain_label, rich, shown

FIGURES_DAYS = 30
REFRESH_DELAY_MS = 2000
WEEKS = 8
EXPORT_FORMATS = ("csv", "xlsx")
COLOURS = {"total": "#5b8def", "at_risk": "#f0a030", "breached": "#d64545", "met": "#4caf50"}


# The figures group appeals' and correction orders' clocks under these names.
FIGURE_QUEUES = {"appeal": "appeals", "correction": "corrections"}


@dataclass(frozen=True)
class DashboardData:
    counts: list[QueueCount]
    figures: SupervisorFigures
    trend: list[WeekFigures]
    approvals: list[PendingApproval]
    reviewers: list[Reviewer]


def load_dashboard(client: Client) -> DashboardData:
    """Everything the dashboard shows, read through ``client`` (off the GUI thread)."""
    return DashboardData(
        counts=client.call(reads.queue_counts, queues=list(QUEUE_ORDER)),
        figures=client.call(supervision.supervisor_figures, days=FIGURES_DAYS),
        trend=client.call(supervision.breach_trend, weeks=WEEKS),
        approvals=client.call(supervision.pending_approvals),
        reviewers=client.call(supervision.assignable_reviewers),
    )


#: Up to this many reviewers the chart has room for its legend below the bars.
FEW_REVIEWERS = 6
#: Narrower than this, the charts stand one under another (scrolled), each wide enough
#: for its labels; wider, two to a row.
TWO_COLUMNS_FROM = 1100
#: Height a horizontal chart gives each category, so Qt Charts never elides its label.
BAND_PX = 26


def _reviewer_name(unassigned: str, group) -> str:
    """A reviewer's bar by their display name (王芳), not their login (appeal1)."""
    if group.group == UNASSIGNED:
        return unassigned
    return shown(group.name or group.group)


def _bar_set(name: str, values, colour: str) -> QBarSet:
    bar = QBarSet(name)
    bar.append([float(v) for v in values])
    bar.setColor(QColor(colour))
    return bar


def _chart(title: str, series, categories: list[str], horizontal: bool = False) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.addSeries(series)
    cats = QBarCategoryAxis()
    cats.append([rich(c) for c in categories])  # Qt Charts lays axis labels out as HTML
    values = QValueAxis()
    values.setLabelFormat("%.0f")
    top = max([s.at(i) for s in series.barSets() for i in range(s.count())] or [0])
    values.setRange(0, max(1.0, top * 1.15))
    chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(
        values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
    )
    series.attachAxis(cats)
    series.attachAxis(values)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    if horizontal:
        # Qt Charts elides a category label taller than its band ("…"): with many
        # categories, bars thinner and the chart's margins and legend out of the way.
        series.setBarWidth(0.8)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


class Dashboard(QWidget):
    loaded = Signal(object)  # DashboardData

    def __init__(
        self,
        client: Client,
        actor: Actor,
        runner: TaskRunner,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.client, self.actor, self.runner, self.bus = client, actor, runner, bus
        self.data: DashboardData | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(REFRESH_DELAY_MS)
        self._later.timeout.connect(self.refresh)
        self.summary = plain_label("", self)
        self.summary.setObjectName("dueSummary")
        # Time before anyone claimed a stage, per queue: the queue's wait, not a reviewer's.
        self.waiting = plain_label("", self)
        self.waiting.setObjectName("queueWaiting")
        # One line per queue in English is wider than 800 px: wrap, never widen the window.
        self.summary.setWordWrap(True)
        self.waiting.setWordWrap(True)
        self.queue_chart = QChartView(self)
        self.queue_chart.setObjectName("queueChart")
        self.reviewer_chart = QChartView(self)
        self.reviewer_chart.setObjectName("reviewerChart")
        self.trend_chart = QChartView(self)
        self.trend_chart.setObjectName("trendChart")
        for view in (self.queue_chart, self.reviewer_chart, self.trend_chart):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(240)

        self.approvals = QTableWidget(0, 6, self)
        self.approvals.setObjectName("approvalTable")
        self.approvals.setHorizontalHeaderLabels(
            [
                self.tr("案件"),
                self.tr("账号"),
                self.tr("措施"),
                self.tr("理由"),
                self.tr("决定人"),
                self.tr("决定时间"),
            ]
        )
        self.approvals.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.approvals.horizontalHeader().setStretchLastSection(True)
        self.approval_reason = QLineEdit(self)
        self.approval_reason.setObjectName("approvalReason")
        self.approval_reason.setPlaceholderText(self.tr("审批意见（必填）"))
        self.approve_button = QPushButton(self.tr("批准"), self)
        self.approve_button.setObjectName("approveButton")
        self.reject_button = QPushButton(self.tr("驳回"), self)
        self.reject_button.setObjectName("rejectButton")
        self.approve_button.clicked.connect(lambda: self.decide_selected(True))
        self.reject_button.clicked.connect(lambda: self.decide_selected(False))
        approvals_box = QGroupBox(self.tr("待审批的严重措施"), self)
        box = QVBoxLayout(approvals_box)
        box.addWidget(self.approvals)
        row = QHBoxLayout()
        row.addWidget(self.approval_reason, 1)
        row.addWidget(self.approve_button)
        row.addWidget(self.reject_button)
        box.addLayout(row)

        self.reassign_case = QSpinBox(self)
        self.reassign_case.setObjectName("reassignCase")
        self.reassign_case.setRange(1, 2_000_000_000)
        self.reassign_to = QComboBox(self)
        self.reassign_to.setObjectName("reassignTo")
        self.reassign_reason = QLineEdit(self)
        self.reassign_reason.setPlaceholderText(self.tr("理由"))
        self.reassign_button = QPushButton(self.tr("改派"), self)
        self.reassign_button.setObjectName("reassignButton")
        self.reassign_button.clicked.connect(self.reassign)
        reassign_box = QGroupBox(self.tr("改派案件"), self)
        rbox = QHBoxLayout(reassign_box)
        rbox.addWidget(plain_label(self.tr("案件编号"), reassign_box))
        rbox.addWidget(self.reassign_case)
        rbox.addWidget(plain_label(self.tr("改派给"), reassign_box))
        rbox.addWidget(self.reassign_to, 1)
        rbox.addWidget(self.reassign_reason, 1)
        rbox.addWidget(self.reassign_button)

        self.export_button = QPushButton(self.tr("导出统计（CSV / XLSX）…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self._choose_export)
        refresh = QPushButton(self.tr("刷新"), self)
        refresh.clicked.connect(self.refresh)
        self.message = MessageLine("dashboardMessage", self)
        self._say, self._refused = self.message.say, self.message.refuse

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)
        top.addWidget(self.export_button)
        self._tiles: tuple[QWidget, ...] = (
            self.queue_chart,
            self.reviewer_chart,
            self.trend_chart,
            approvals_box,
        )
        area = QWidget(self)
        self._grid = QGridLayout(area)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        self._place(2)
        self.chart_scroll = QScrollArea(self)
        self.chart_scroll.setObjectName("chartScroll")
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_scroll.setWidget(area)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.waiting)
        layout.addWidget(self.chart_scroll, 1)
        layout.addWidget(reassign_box)
        layout.addWidget(self.message)
        supervisor = actor.has(Role.SUPERVISOR)
        for widget in (self.approve_button, self.reject_button, self.reassign_button):
            widget.setEnabled(supervisor)

    def _place(self, columns: int) -> None:
        """The charts and the approvals two to a row, or one under another."""
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        for i, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, i // columns, i % columns)

    def resizeEvent(self, event) -> None:
        self._place(2 if event.size().width() >= TWO_COLUMNS_FROM else 1)
        super().resizeEvent(event)

    # -- reading -----------------------------------------------------------------
    def refresh(self) -> None:
        client = self.client

        def work(_ctx):
            return load_dashboard(client)

        self.runner.run(work, on_success=self.show_data, owner=self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def on_changed(self, kind: str, _ids: list) -> None:
        """Re-read a moment after changes (one read for a burst), only while shown."""
        if self.isVisible() and kind in ("case", "queues", "measure", "clock", "appeal"):
            if self.runner.synchronous:
                self.refresh()
            else:
                self._later.start()

    def show_data(self, data: DashboardData) -> None:
        self.data = data
        due = data.figures.due
        self.summary.setText(
            self.tr("今日到期 %1 · 明日 %2 · 本周 %3 · 临近超时 %4 · 已超时 %5 · 暂停 %6")
            .replace("%1", str(due.due_today))
            .replace("%2", str(due.due_tomorrow))
            .replace("%3", str(due.due_this_week))
            .replace("%4", str(due.at_risk))
            .replace("%5", str(due.breached))
            .replace("%6", str(due.paused))
        )
        waits = [
            f"{label('queue', FIGURE_QUEUES.get(g.group, g.group))} "
            f"{g.median_wait_hours:.1f} / {g.p90_wait_hours or 0:.1f}"
            for g in data.figures.per_queue
            if g.median_wait_hours is not None
        ]
        self.waiting.setText(
            self.tr("等待认领（中位 / 90%，工作小时，近 %1 天）：").replace("%1", str(FIGURES_DAYS))
            + (" · ".join(waits) or self.tr("暂无"))
        )
        # Queues down the side, so their names have the width they need at any window size;
        # Qt draws the first category at the bottom, so the first queue goes last.
        counts = list(reversed(data.counts))
        series = QHorizontalBarSeries()
        series.append(_bar_set(self.tr("待办"), [c.total for c in counts], COLOURS["total"]))
        series.append(
            _bar_set(self.tr("临近超时"), [c.at_risk for c in counts], COLOURS["at_risk"])
        )
        series.append(
            _bar_set(self.tr("已超时"), [c.breached for c in counts], COLOURS["breached"])
        )
        # Tall enough for every queue's name: Qt Charts elides a label its band cannot hold.
        self.queue_chart.setMinimumHeight(max(240, 110 + BAND_PX * len(counts)))
        self.queue_chart.setChart(
            _chart(
                self.tr("各队列期限"),
                series,
                [label("queue", c.queue) for c in counts],
                horizontal=True,
            )
        )
        people = [g for g in data.figures.per_reviewer if g.median_working_hours is not None]
        hours = QHorizontalBarSeries()
        hours.append(
            _bar_set(
                self.tr("中位处理时长（工作小时）"),
                [g.median_working_hours for g in people],
                COLOURS["total"],
            )
        )
        hours.append(
            _bar_set(
                self.tr("90% 分位"), [g.p90_working_hours or 0 for g in people], COLOURS["at_risk"]
            )
        )
        reviewers = _chart(
            self.tr("审核员处理时长（近 %1 天）").replace("%1", str(FIGURES_DAYS)),
            hours,
            [_reviewer_name(self.tr("（未分配）"), g) for g in people] or [self.tr("暂无")],
            horizontal=True,
        )
        if len(people) <= FEW_REVIEWERS:
            # Room below for the legend's long names (cut at the right at 800 px).
            reviewers.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.reviewer_chart.setMinimumHeight(max(240, 110 + BAND_PX * len(people)))
        self.reviewer_chart.setChart(reviewers)
        trend = QBarSeries()
        trend.append(_bar_set(self.tr("按时"), [w.met for w in data.trend], COLOURS["met"]))
        trend.append(
            _bar_set(self.tr("超时"), [w.breached for w in data.trend], COLOURS["breached"])
        )
        self.trend_chart.setChart(
            _chart(self.tr("每周超时趋势"), trend, [w.week.strftime("%m-%d") for w in data.trend])
        )
        self.approvals.setRowCount(len(data.approvals))
        for r, a in enumerate(data.approvals):
            texts = (  # readable: the case, the account, the measure with its number
                f"#{a.case_id}" if a.case_id is not None else "—",
                a.account_name,
                f"{describe(MeasureSpec(a.code, a.basis, a.reason, a.params))} · M{a.measure_id}",
                a.reason,
                a.decided_by,
                local_time(a.decided_at),
            )
            for c, text in enumerate(texts):
                item = QTableWidgetItem(shown(text))
                item.setToolTip(shown(text))  # the whole reason, however narrow the column
                item.setData(Qt.ItemDataRole.UserRole, a.measure_id)
                self.approvals.setItem(r, c, item)
        self.approvals.resizeColumnsToContents()
        current = self.reassign_to.currentData()
        self.reassign_to.clear()
        for reviewer in data.reviewers:
            self.reassign_to.addItem(shown(reviewer.name), reviewer.id)
        if current is not None and self.reassign_to.findData(current) >= 0:
            self.reassign_to.setCurrentIndex(self.reassign_to.findData(current))
        self.loaded.emit(data)

    # -- acting ------------------------------------------------------------------
    def _write(self, op, done_text: str, **arguments) -> None:
        client = self.client

        def work(_ctx):
            return client.call(op, **arguments)

        def done(_changed_id) -> None:
            self._say(done_text)
            self.refresh()

        self.runner.run(work, on_success=done, on_failure=self._refused, owner=self)

    def select_approval(self, measure_id: int) -> None:
        for r in range(self.approvals.rowCount()):
            item = self.approvals.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == measure_id:
                self.approvals.selectRow(r)
                return

    def decide_selected(self, approve: bool) -> None:
        row = self.approvals.currentRow()
        if row < 0:
            self._say(self.tr("请先选择一条待审批的措施"), ok=False)
            return
        item = self.approvals.item(row, 0)
        if item is None:
            return
        measure_id = item.data(Qt.ItemDataRole.UserRole)
        reason = self.approval_reason.text().strip()
        self.approval_reason.clear()
        self._write(
            cases.decide_approval,
            (self.tr("已批准措施 %1") if approve else self.tr("已驳回措施 %1")).replace(
                "%1", str(measure_id)
            ),
            measure_id=measure_id,
            approve=approve,
            reason=reason,
        )

    def reassign(self) -> None:
        case_id = self.reassign_case.value()
        to_id, reason = self.reassign_to.currentData(), self.reassign_reason.text().strip()
        if to_id is None:
            self._say(self.tr("没有可改派的审核员"), ok=False)
            return
        self._write(
            cases.reassign_case,
            fill(self.tr("已将案件 %1 改派给 %2"), case_id, self.reassign_to.currentText()),
            case_id=case_id,
            to_reviewer_id=int(to_id),
            reason=reason,
        )

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出统计"),
            "figures.xlsx",
            "Excel (*.xlsx);;CSV (*.csv)",
            options=file_dialog_options(),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Export the current figures (CSV or XLSX by extension) off the GUI thread:
        the file is made where the operation runs and written here, on this machine."""
        client = self.client
        kind = path.suffix.lower().lstrip(".")
        if kind not in EXPORT_FORMATS:
            self._say(self.tr("导出格式须为 .csv 或 .xlsx：%1").replace("%1", path.name), ok=False)
            return

        def work(_ctx):
            exported = client.call(supervision.export_figures, format=kind, days=FIGURES_DAYS)
            path.write_bytes(exported.content)
            return path

        self.runner.run(
            work,
            on_success=lambda p: self._say(self.tr("已导出到 %1").replace("%1", str(p))),
            on_failure=self._refused,
            label=self.tr("正在导出…"),
            owner=self,
        )
