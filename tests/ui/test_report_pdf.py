"""The regulator's PDF (issue 18): a title page with the platform and the period, the
measures' header on every page (read back from page 5), rows that never split across
pages, Chinese for every code, and page numbers."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime

from workbench.operations.records import RegulatorReport
from workbench.reports.regulator_report import MeasureLine
from workbench.ui.report_pdf import write_pdf

LONG_REASON = "账号简介中多次出现联系方式并引导私下交易，经核实属实，" * 3


def _report(n: int) -> RegulatorReport:
    report = RegulatorReport(
        date(2026, 3, 1), date(2026, 3, 31), datetime(2026, 4, 1, 2, 0, tzinfo=UTC),
        platform="示例短视频平台",
    )  # fmt: skip
    for i in range(1, n + 1):
        report.lines.append(
            MeasureLine(
                {
                    "measure_id": 1000 + i,
                    "measure": "警示提醒 / Warning",
                    "status": "生效中 / In effect",
                    "category": "冒充新闻媒体 / Impersonating news media",
                    "platform_id": f"acct-{i:05d}",
                    "account_name": f"测试账号{i}号",
                    "account_info": "简介：合作请致电 138****5678；实名：已核验；等级：一般",
                    "basis": "2022/8(4)",
                    "reason": f"起{i}号：{LONG_REASON}止{i}号",
                    "decided_by": "审核员 王芳",
                    "decided_at": "2026-03-02 10:00",
                    "approved_by": "",
                    "appeal": "未申诉 / no appeal",
                }
            )
        )
        report.per_measure["warn"] += 1
        report.per_category["impersonate_news_media"] += 1
    return report


def _pages(path) -> list[str]:
    from pypdf import PdfReader

    # CJK fonts map some glyphs to radicals or variants (⽹ for 网, ⻚ for 页, 戶 for 户):
    # NFKC folds the Kangxi radicals back, the table the others.
    variants = str.maketrans({"⻚": "页", "戶": "户"})
    return [
        "".join(unicodedata.normalize("NFKC", page.extract_text()).split()).translate(variants)
        for page in PdfReader(path).pages
    ]


def test_header_on_every_page_rows_whole_and_numbered(qapp, tmp_path):
    out = tmp_path / "report.pdf"
    write_pdf(_report(60), out)
    pages = _pages(out)
    assert len(pages) >= 6
    title = pages[0]
    assert "互联网用户账号处置情况报告" in title and "示例短视频平台" in title
    assert "2026-03-01至2026-03-31" in title and "按处置措施" in title
    fifth = pages[4]
    for heading in ("措施编号", "措施", "违规类别", "账号信息", "法律依据", "申诉结果"):
        assert heading in fifth, heading
    assert f"第5页/共{len(pages)}页" in fifth
    assert "Warning" not in fifth and "Impersonating" not in fifth  # Chinese only
    # Every row whole on one page: its name, and its reason from start to end, together.
    for i in range(1, 61):
        holding = [p for p in pages if f"起{i}号" in p]
        assert len(holding) == 1, i
        assert f"止{i}号" in holding[0] and f"测试账号{i}号" in holding[0], i


def test_outside_text_in_the_pdf_is_text(qapp, tmp_path):
    """A platform named with markup and an account name with a bidi override (2022/17
    report): the title page shows the markup as written, the row the override as a
    visible code point, so neither draws nor reorders anything."""
    from workbench.ui.report_pdf import report_html

    report = _report(1)
    report.platform = "<img src='/etc/x'><b>平台</b>"
    report.lines[0].values["account_name"] = "正常\u202e号账"
    html = report_html(report)
    assert "<img" not in html and "&lt;img src=&#x27;/etc/x&#x27;&gt;" in html
    out = tmp_path / "report.pdf"
    write_pdf(report, out)
    first = _pages(out)[0]
    assert "<b>平台</b>" in first
    rows = "".join(_pages(out))
    # (the PDF's text layer maps the CJK font's ASCII digits oddly: U+202E reads U+hbhE)
    assert "正常⟦U+" in rows and "⟧号账" in rows
