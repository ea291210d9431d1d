"""Workbooks a supervisor or the regulator opens as they are (issue 18): frozen headers,
columns as wide as their contents, percentages, hours and dates formatted as such,
queues and codes in Chinese; read back from the files."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from workbench.reports import figures
from workbench.reports.figures import DueSummary, GroupFigures, SupervisorFigures
from workbench.reports.regulator_report import MeasureLine, RegulatorReport, export_xlsx

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _group(name: str) -> GroupFigures:
    return GroupFigures(
        group=name, handled=12, closed_clocks=30, median_working_hours=11.1833,
        p90_working_hours=40.25, met_share=0.9749, breaches=2, mean_breach_hours=3.5,
        max_breach_hours=5.0,
    )  # fmt: skip


def test_figures_workbook_formats(tmp_path):
    due = DueSummary(due_today=1, due_tomorrow=2, due_this_week=3, at_risk=4, breached=5,
                     open_clocks=20, paused=1)  # fmt: skip
    data = SupervisorFigures(
        AT, None, None, due, per_queue=[_group("appeal"), _group("reports")],
        per_reviewer=[_group("审核员 王芳")],
    )  # fmt: skip
    figures.export(data, tmp_path / "figures.xlsx")
    book = load_workbook(tmp_path / "figures.xlsx")
    summary = book["概况 Summary"]
    assert summary.freeze_panes == "A2"
    assert summary["B2"].is_date and summary["B2"].number_format == "yyyy-mm-dd hh:mm"
    assert summary["B2"].value == datetime(2026, 3, 2, 17, 30)  # Beijing time
    queues = book["按队列 Queues"]
    assert queues.freeze_panes == "A2" and queues["A1"].font.bold
    assert [queues["A2"].value, queues["A3"].value] == ["申诉", "举报"]  # not appeal, reports
    header = [c.value for c in queues[1]]
    share = header.index("按时率 / share met") + 1
    median = header.index("中位用时(工作小时) / median working hours") + 1
    handled = header.index("处理件数 / handled") + 1
    assert queues.cell(2, share).number_format == "0.0%"
    assert queues.cell(2, share).value == 0.9749  # the value kept, shown as 97.5%
    assert queues.cell(2, median).number_format == "0.0"
    assert queues.cell(2, handled).number_format == "0"
    for column in "ABCD":
        assert queues.column_dimensions[column].width >= 8  # sized, not the default


def test_regulator_workbook_formats(tmp_path):
    report = RegulatorReport(date(2026, 3, 1), date(2026, 3, 31), AT)
    report.lines.append(
        MeasureLine({
            "measure_id": 7, "measure": "警示提醒 / Warning", "status": "生效中 / In effect",
            "case_id": 3, "category": "冒充新闻媒体 / Impersonating news media",
            "account_kind": "机构 / Organisation", "decided_at": "2026-03-02 10:00",
            "reason": "简介留有联系方式" * 20,
        })
    )  # fmt: skip
    report.per_measure = Counter({"warn": 1})
    export_xlsx(report, tmp_path / "report.xlsx")
    sheet = load_workbook(tmp_path / "report.xlsx")["处置措施 Measures"]
    header = [c.value for c in sheet[1]]
    decided = sheet.cell(2, header.index("决定时间 / decided at") + 1)
    assert decided.is_date and decided.number_format == "yyyy-mm-dd hh:mm"
    assert sheet.freeze_panes == "A2"
    reason = sheet.cell(2, header.index("理由 / reason") + 1)
    assert reason.alignment.wrap_text  # long text wraps in a bounded column
    assert sheet.cell(2, header.index("状态 / status") + 1).value == "生效中 / In effect"
