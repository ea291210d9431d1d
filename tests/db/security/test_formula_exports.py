"""Exports never hand a spreadsheet a formula (OWASP: CSV injection).

Account names and reasons that start with ``=``, ``+``, ``-``, ``@`` (or a
tab, a carriage return, the full-width forms) are written as text: in CSV
with a leading ``'``, in XLSX as string cells with Excel's quote prefix.
Read back, no cell is a formula, the text after the quote is intact, and
numbers (a negative one too) are still numbers.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime

from openpyxl import load_workbook
from sqlmodel import select

from tests.db.importing.support import run
from tests.db.workflow.helpers import act, later, make_account, make_team, report
from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.measures.measures import MeasureSpec, dispose_case
from workbench.models import Measure
from workbench.reports import figures
from workbench.spreadsheet import csv_cell, is_formula_like

NAME = '=HYPERLINK("http://evil.example/","点此查看")'
REASON = "+1+cmd|' /C calc'!A0"
PERIOD = ["--from", "2026-03-01", "--to", "2026-03-31"]
HOSTILE = [NAME, REASON, "-2+3", "@SUM(1,1)", "\t=1", "\r=1", "＝1+1"]


def _assert_no_formulas(path):
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if is_formula_like(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    return book


def test_csv_cell_quotes_only_formula_like_text():
    for text in HOSTILE:
        assert csv_cell(text) == "'" + text
    assert csv_cell("正常名称") == "正常名称" and csv_cell("a=b") == "a=b"
    assert csv_cell(-5) == -5 and csv_cell(-2.5) == -2.5 and csv_cell(None) is None


def test_regulator_report_keeps_hostile_names_and_reasons_as_text(engine, tmp_path):
    team = make_team(engine)
    account = make_account(engine, NAME, platform_id="p-formula")
    cid = report(engine, account).case.id
    act(engine, t.accept_case, team.mod, cid, expected_version=1, now=later(hours=1))
    act(
        engine, screening.record_findings, team.mod, cid, expected_version=2,
        findings=[("impersonate_news_media", "2022/8(4)", "")], now=later(hours=2),
    )  # fmt: skip
    act(
        engine, dispose_case, team.mod, cid, expected_version=3,
        measures=[MeasureSpec("warn", "", REASON)], now=later(hours=3),
    )  # fmt: skip
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Measure).where(Measure.case_id == cid)).one().reason == REASON

    out = tmp_path / "r.csv"
    assert run(engine, "report", *PERIOD, "--format", "csv", "--out", str(out)) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    cells = [c for r in rows for c in r]
    assert "'" + NAME in cells and "'" + REASON in cells
    assert not [c for c in cells if is_formula_like(c)]

    out = tmp_path / "r.xlsx"
    assert run(engine, "report", *PERIOD, "--format", "xlsx", "--out", str(out)) == 0
    book = _assert_no_formulas(out)
    values = [v for row in book["处置措施 Measures"].values for v in row]
    assert NAME in values and REASON in values  # the text itself, unchanged
    totals = {(r[0], r[1]): r[3] for r in list(book["统计 Totals"].values)[2:]}
    assert totals[("measure", "total")] == 1  # numbers stay numbers


def test_figures_export_quotes_a_hostile_group_and_keeps_negative_numbers(tmp_path):
    at = datetime(2026, 3, 2, tzinfo=UTC)
    due = figures.DueSummary(1, 2, 3, 0, 0, 4, 0)
    groups = [figures.GroupFigures(text, 3, 2, -1.5, 2.0, 0.5, 1, -0.25, 4.0) for text in HOSTILE]
    data = figures.SupervisorFigures(at, None, None, due, per_queue=groups, per_reviewer=groups)

    figures.export(data, tmp_path / "f.csv")
    with (tmp_path / "f.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    named = {r["group"] for r in rows if r["scope"] == "reviewer"}
    assert named == {"'" + text for text in HOSTILE}
    medians = [r["value"] for r in rows if r["measure"] == "median_working_hours"]
    assert medians and set(medians) == {"-1.5"}  # a negative number is not quoted

    figures.export(data, tmp_path / "f.xlsx")
    book = _assert_no_formulas(tmp_path / "f.xlsx")
    reviewers = list(book["按审核员 Reviewers"].iter_rows(values_only=True))[1:]
    # XML reads a stored carriage return back as a line feed; the rest is as written.
    assert [r[0] for r in reviewers] == [text.replace("\r", "\n") for text in HOSTILE]
    assert all(r[3] == -1.5 and r[7] == -0.25 for r in reviewers)
