"""workbench report: measures of a period with totals and handling in time, in CSV, XLSX, PDF."""

from __future__ import annotations

import csv
import unicodedata

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from tests.db.importing.support import run
from tests.db.workflow.helpers import act, later, make_account, make_team, report
from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.measures.appeals import decide_appeal, file_appeal, start_appeal_screening
from workbench.measures.measures import MeasureSpec, approve_measure, dispose_case
from workbench.models import Appeal, Case, Measure

PHONE = "13812345678"
PERIOD = ["--from", "2026-03-01", "--to", "2026-03-31"]


def _dispose(engine, actor, account_id, category, spec, *, accept_after_days=0, reporter="r1"):
    """A case reported, accepted, screened and disposed with ``spec``; the measure."""
    result = report(engine, account_id, category=category, reporter=reporter)
    cid, start = result.case.id, accept_after_days * 24
    act(engine, t.accept_case, actor, cid, expected_version=1, now=later(hours=start + 1))
    act(
        engine, screening.record_findings, actor, cid, expected_version=2,
        findings=[(category, "2022/8(4)" if category.startswith("imp") else "2021/18(6)", "")],
        now=later(hours=start + 2),
    )  # fmt: skip
    act(
        engine, dispose_case, actor, cid, expected_version=3, measures=[spec],
        now=later(hours=start + 3),
    )  # fmt: skip
    with session_scope(engine, write=False) as s:
        return s.exec(select(Measure).where(Measure.case_id == cid)).one()


@pytest.fixture
def data(engine):
    """Two measures in March 2026 (a revoked warning, an approved closure), one in April."""
    team = make_team(engine)
    news = make_account(engine, "新华社官方号", bio=f"合作请致电 {PHONE}")
    fake = make_account(engine, "某某辟谣中心", platform_id="p-fake")
    warn = _dispose(
        engine, team.mod, news, "impersonate_news_media",
        MeasureSpec("warn", "", f"冒用新闻媒体名义，简介留有电话 {PHONE}"),
    )  # fmt: skip
    close = _dispose(
        engine, team.mod2, fake, "false_information",
        MeasureSpec("close", "", "多次发布虚假信息"), accept_after_days=10, reporter="r2",
    )  # fmt: skip
    act(engine, approve_measure, team.sup, close.id, approve=True, reason="情节严重",
        now=later(days=10, hours=5))  # fmt: skip
    appeal = act(
        engine, file_appeal, None, measure_id=warn.id, appellant_name="账号运营者",
        text="我们是正规媒体合作方", received_at=later(days=2),
    )  # fmt: skip
    act(engine, start_appeal_screening, team.appeals, appeal.id, expected_version=1,
        now=later(days=2, hours=1))  # fmt: skip
    act(engine, decide_appeal, team.appeals, appeal.id, expected_version=2, outcome="revoked",
        reason="已提供授权", now=later(days=3))  # fmt: skip
    other = make_account(engine, "四月账号", platform_id="p-april")
    _dispose(engine, team.mod, other, "other", MeasureSpec("warn", "", "四月的措施"),
             accept_after_days=40, reporter="r3")  # fmt: skip
    with session_scope(engine, write=False) as s:
        assert s.get(Appeal, appeal.id).status == "revoked"
        assert len(s.exec(select(Case)).all()) == 3
    return engine


def test_csv_lists_the_period_masked_with_totals(data, tmp_path):
    out = tmp_path / "r.csv"
    assert run(data, "report", *PERIOD, "--format", "csv", "--out", str(out)) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert PHONE not in text and "138****5678" in text
    rows = list(csv.reader(text.splitlines()))
    header = rows[1]
    measures = rows[2 : rows.index([])]
    assert [r[header.index("措施 / measure type")] for r in measures] == [
        "警示提醒 / Warning",
        "关闭账号 / Close account",
    ]
    warn, close = (dict(zip(header, r, strict=True)) for r in measures)
    assert warn["申诉结果 / appeal outcome"] == "撤销 / revoked"
    assert warn["账号名称（处置时） / name at the time"] == "新华社官方号"
    assert warn["法律依据 / legal basis"] == "2022/8(4)"
    assert close["审批人 / approved by"] == "Sup" and close["决定人 / decided by"] == "Mod2"
    assert close["申诉结果 / appeal outcome"] == "未申诉 / no appeal"
    totals = {(r[0], r[1]): r[3] for r in rows[rows.index([]) + 2 :]}
    assert totals[("category", "impersonate_news_media")] == "1"
    assert totals[("category", "false_information")] == "1"
    assert totals[("measure", "warn")] == "1" and totals[("measure", "close")] == "1"
    assert totals[("measure", "total")] == "2"
    # Six clocks stopped in March; the late acceptance breached its limit.
    assert (totals[("in_time", "met")], totals[("in_time", "breached")]) == ("5", "1")
    assert totals[("in_time", "all")] == "83.3%"
    assert totals[("in_time", "accept")] == "1/2 (50.0%)"


def test_xlsx_has_a_measures_sheet_and_a_totals_sheet(data, tmp_path):
    out = tmp_path / "r.xlsx"
    assert run(data, "report", *PERIOD, "--format", "xlsx", "--out", str(out)) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["处置措施 Measures", "统计 Totals"]
    rows = list(book["处置措施 Measures"].values)
    assert len(rows) == 3 and rows[1][1] == "警示提醒 / Warning"
    assert all(PHONE not in str(v) for row in rows for v in row)
    totals = {(r[0], r[1]): r[3] for r in list(book["统计 Totals"].values)[2:]}
    assert totals[("measure", "total")] == 2
    assert totals[("in_time", "all")] == "83.3%"


def test_pdf_is_chinese_text_with_the_figures(data, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "r.pdf"
    assert run(data, "report", *PERIOD, "--format", "pdf", "--out", str(out)) == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    # CJK fonts map some glyphs to Kangxi radicals (⽹ for 网): NFKC folds them back.
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    assert "账号处置情况报告" in compact
    assert "2026-03-01至2026-03-31" in compact
    for word in ("警示提醒", "关闭账号", "新华社官方号", "83.3%", "撤销", "处置措施共2项"):
        assert word in compact, word
    assert PHONE not in compact and "四月的措施" not in compact


def test_bad_period_exits_2(engine, tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert run(engine, "report", "--from", "2026-03-31", "--to", "2026-03-01",
               "--out", str(out)) == 2  # fmt: skip
    assert "before the start" in capsys.readouterr().err
    assert run(engine, "report", "--from", "March", "--to", "2026-03-01", "--out", str(out)) == 2
    assert not out.exists()
