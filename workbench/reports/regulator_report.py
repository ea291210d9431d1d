"""The regulator's report of measures (2022/17, 2021/19): data, CSV and XLSX.

For a period of Beijing dates (both ends included) the report lists every
measure decided in it: the account and its information as it was when the
measure was decided (``Measure.account_snapshot``), the legal basis, the
reason, who decided and who approved it and when, when it took effect, ended
or was revoked, and the outcome of an appeal against it.  Totals count the
measures per report category (of the measure's case) and per measure.  The
share handled in time counts the case clocks that stopped in the period:
met / (met + breached), overall and per stage.

Personal data is masked (2022/16): phone numbers, ID numbers and e-mail
addresses inside account names, texts and reasons never leave in full.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from workbench.archive import checkpoints
from workbench.errors import ValidationError
from workbench.measures.appeals import outcome_of
from workbench.measures.regulator_orders import describe as describe_order
from workbench.measures.regulator_orders import orders_of
from workbench.models import SHANGHAI, Appeal, Case, Clock, Measure, Reviewer
from workbench.models.base import saved
from workbench.models.codes import (
    ACCOUNT_GRADE_LABELS,
    ACCOUNT_KIND_LABELS,
    MEASURE_LABELS,
    MEASURE_STATUS_LABELS,
    REPORT_CATEGORY_LABELS,
    VERIFICATION_LABELS,
    ClockState,
    MeasureCode,
    ReportCategory,
    Stage,
)
from workbench.records.audit_key import audit_key
from workbench.reports.regulation_figures import LABELS as REGULATION_LABELS
from workbench.reports.regulation_figures import regulation_counts
from workbench.rules.privacy import mask_email, mask_id_number, mask_phone
from workbench.settings import get_setting
from workbench.spreadsheet import DATETIME, WHOLE, csv_row, format_sheet, xlsx_cells

NO_CATEGORY = "none"
OUTCOME_LABELS = {
    "upheld": "维持 / upheld",
    "revised": "变更 / revised",
    "revoked": "撤销 / revoked",
    "pending": "申诉处理中 / appeal pending",
    "": "未申诉 / no appeal",
}
STAGE_LABELS: dict[str, str] = {  # Stage is a StrEnum: its members are the str keys
    Stage.ACCEPT: "受理 / accept",
    Stage.SCREEN: "甄别 / screen",
    Stage.DISPOSE: "处置 / dispose",
    Stage.REPLY: "反馈 / reply",
}
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# (key, column heading) of the measures sheet and CSV, in order.
COLUMNS = [
    ("measure_id", "措施编号 / measure"),
    ("measure", "措施 / measure type"),
    ("status", "状态 / status"),
    ("case_id", "案件 / case"),
    ("category", "违规类别 / category"),
    ("platform_id", "账号 / account"),
    ("account_name", "账号名称（处置时） / name at the time"),
    ("account_kind", "账号类型 / kind"),
    ("account_info", "账号信息（处置时） / account information at the time"),
    ("basis", "法律依据 / legal basis"),
    ("reason", "理由 / reason"),
    ("decided_by", "决定人 / decided by"),
    ("decided_at", "决定时间 / decided at"),
    ("approved_by", "审批人 / approved by"),
    ("approved_at", "审批时间 / approved at"),
    ("effective_from", "生效时间 / in effect from"),
    ("effective_until", "截止时间 / until"),
    ("revoked_at", "撤销时间 / revoked at"),
    ("appeal", "申诉结果 / appeal outcome"),
    ("regulator_order", "监管要求 / regulator's order (2022/21)"),
]


PLATFORM_SETTING = "report.platform_name"


def mask_text(text: str | None) -> str:
    """Free text with ID numbers, phone numbers and e-mail addresses masked."""
    if not text:
        return ""
    # The masks give None only for no text; a match is never empty.
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)) or "", text)
    text = _PHONE.sub(lambda m: mask_phone(m.group(0)) or "", text)
    return _EMAIL.sub(lambda m: mask_email(m.group(0)) or "", text)


@dataclass(frozen=True)
class MeasureLine:
    values: dict  # key of COLUMNS -> text or number, already masked

    def row(self) -> list:
        return [self.values.get(key, "") for key, _ in COLUMNS]


@dataclass
class RegulatorReport:
    start: date
    end: date  # included
    generated_at: datetime
    lines: list[MeasureLine] = field(default_factory=list)
    per_category: Counter = field(default_factory=Counter)
    per_measure: Counter = field(default_factory=Counter)
    clocks_met: int = 0
    clocks_breached: int = 0
    per_stage: dict[str, tuple[int, int]] = field(default_factory=dict)  # stage -> (met, closed)
    # The audit chain's head when the report was made, signed with the audit key
    # (workbench.archive.checkpoints): the regulator's copy is one the database owner
    # cannot rewrite; ``workbench audit verify --checkpoints`` checks it.
    checkpoint: str = ""
    #: The platform reporting (setting ``report.platform_name``), on the PDF's title page.
    platform: str = ""
    #: Rumours, ordered measures, referrals and reports back (reports.regulation_figures).
    regulation: dict[str, int] = field(default_factory=dict)

    @property
    def share_in_time(self) -> float | None:
        closed = self.clocks_met + self.clocks_breached
        return self.clocks_met / closed if closed else None

    def totals(self) -> list[tuple[str, str, str, object]]:
        """(section, code, label, value) rows: per category, per measure, handling in time."""
        rows: list[tuple[str, str, str, object]] = []
        for code, n in sorted(self.per_category.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append(("category", code, category_label(code), n))
        for code in MeasureCode:
            if self.per_measure.get(code.value):
                zh, en = MEASURE_LABELS[code]
                rows.append(("measure", code.value, f"{zh} / {en}", self.per_measure[code.value]))
        rows.append(("measure", "total", "合计 / total", sum(self.per_measure.values())))
        for stage, (met, closed) in self.per_stage.items():
            rows.append(("in_time", stage, STAGE_LABELS.get(stage, stage), _share(met, closed)))
        rows.append(
            ("in_time", "all", "按时办结比例 / share handled in time", _percent(self.share_in_time))
        )
        rows.append(("in_time", "met", "按时 / met", self.clocks_met))
        rows.append(("in_time", "breached", "超时 / breached", self.clocks_breached))
        rows += [("regulation", k, REGULATION_LABELS[k], n) for k, n in self.regulation.items()]
        return rows


def category_label(code: str) -> str:
    if code == NO_CATEGORY:
        return "无案件 / no case"
    zh, en = REPORT_CATEGORY_LABELS[ReportCategory(code)]
    return f"{zh} / {en}"


def _percent(share: float | None) -> str:
    return "" if share is None else f"{100 * share:.1f}%"


def _share(met: int, closed: int) -> str:
    return f"{met}/{closed} ({_percent(met / closed if closed else None)})"


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The instants of Beijing midnight at ``start`` and after ``end``."""
    if end < start:
        raise ValidationError(
            f"结束日期 {end} 早于开始日期 {start}", f"the end {end} is before the start {start}"
        )
    return (
        datetime.combine(start, time(), SHANGHAI),
        datetime.combine(end + timedelta(days=1), time(), SHANGHAI),
    )


def _when(moment: datetime | None) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if moment else ""


def _plain(text: str | None) -> str:
    return text or ""


#: Codes in an account's snapshot, spelled out in Chinese in the report.
_SNAPSHOT_CODES = {
    "verification_status": VERIFICATION_LABELS,
    "grade": ACCOUNT_GRADE_LABELS,
    "kind": ACCOUNT_KIND_LABELS,
}


def _spelled(key: str, value) -> str:
    """A snapshot value, a code in Chinese (``verified`` -> 已核验)."""
    pair = _SNAPSHOT_CODES.get(key, {}).get(str(value))
    return pair[0] if pair else str(value)


def _account_info(snapshot: dict, show=mask_text) -> str:
    parts = []
    for key, label in (
        ("bio", "简介"),
        ("signature", "签名"),
        ("certification", "认证"),
        ("ip_location", "IP属地"),
        ("verification_status", "实名"),
        ("grade", "等级"),
        ("credit_score", "信用分"),
    ):
        value = snapshot.get(key)
        if value not in (None, ""):
            parts.append(f"{label}：{show(_spelled(key, value))}")
    return "；".join(parts)


def _appeal_outcome(session: Session, measure_id: int) -> str:
    appeal = session.exec(
        select(Appeal)
        .where(Appeal.measure_id == measure_id)
        .order_by(col(Appeal.received_at).desc(), col(Appeal.id).desc())
    ).first()
    if appeal is None:
        return ""
    return outcome_of(session, appeal) or "pending"


def build_report(
    session: Session, start: date, end: date, *, now: datetime, unmasked: bool = False
) -> RegulatorReport:
    """The report for the Beijing dates ``start`` to ``end`` (both included).

    Personal data is masked unless ``unmasked`` (see
    :func:`workbench.access.reveal.authorise_unmasked_export`).
    """
    show = _plain if unmasked else mask_text
    lo, hi = period_bounds(start, end)
    report = RegulatorReport(start, end, now)
    report.checkpoint = checkpoints.take(session, audit_key(), now=now).line()
    report.platform = str(get_setting(session, PLATFORM_SETTING, "") or "")
    names = dict(session.exec(select(Reviewer.id, Reviewer.display_name)).all())
    measures = session.exec(
        select(Measure, Case.category)
        .outerjoin(Case, col(Case.id) == col(Measure.case_id))
        .where(Measure.decided_at >= lo, Measure.decided_at < hi)
        .order_by(col(Measure.decided_at), col(Measure.id))
    ).all()
    orders = orders_of(session, [m.id for m, _ in measures if m.id is not None])  # 2022/21
    for measure, category in measures:
        snap = measure.account_snapshot or {}
        code = MeasureCode(measure.code)
        zh, en = MEASURE_LABELS[code]
        category = category or NO_CATEGORY
        outcome = _appeal_outcome(session, saved(measure.id))
        values = {
            "measure_id": measure.id,
            "measure": f"{zh} / {en}",
            "status": " / ".join(MEASURE_STATUS_LABELS.get(measure.status, (measure.status,))),
            "case_id": measure.case_id or "",
            "category": category_label(category),
            "platform_id": snap.get("platform_id", ""),
            "account_name": show(snap.get("name", "")),
            "account_kind": " / ".join(ACCOUNT_KIND_LABELS.get(snap.get("kind", ""), ("",))),
            "account_info": _account_info(snap, show),
            "basis": measure.basis,
            "reason": show(measure.reason),
            "decided_by": names.get(measure.decided_by, str(measure.decided_by)),
            "decided_at": _when(measure.decided_at),
            "approved_by": names.get(measure.approved_by, "") if measure.approved_by else "",
            "approved_at": _when(measure.approved_at),
            "effective_from": _when(measure.effective_from),
            "effective_until": _when(measure.effective_until),
            "revoked_at": _when(measure.revoked_at),
            "appeal": OUTCOME_LABELS[outcome],
            "regulator_order": describe_order(orders[measure.id]) if measure.id in orders else "",
        }
        report.lines.append(MeasureLine(values))
        report.per_category[category] += 1
        report.per_measure[code.value] += 1
    _clock_figures(session, report, lo, hi)
    report.regulation = regulation_counts(session, lo, hi)
    return report


def _clock_figures(session: Session, report: RegulatorReport, lo: datetime, hi: datetime) -> None:
    per_stage: dict[str, list[int]] = {str(s): [0, 0] for s in STAGE_LABELS}
    for clock in session.exec(
        select(Clock).where(
            col(Clock.case_id).is_not(None),
            col(Clock.state).in_([ClockState.MET, ClockState.BREACHED]),
        )
    ):
        closed_at = clock.met_at or clock.breached_at
        if closed_at is None or not (lo <= closed_at < hi):
            continue
        met = clock.state == ClockState.MET
        report.clocks_met += met
        report.clocks_breached += not met
        counts = per_stage.setdefault(clock.stage, [0, 0])
        counts[0] += met
        counts[1] += 1
    report.per_stage = {k: (v[0], v[1]) for k, v in per_stage.items() if v[1]}


CHECKPOINT_LABEL = "审计链检查点 / audit chain checkpoint"


def export_csv(report: RegulatorReport, path: Path) -> None:
    """Measures, then a blank line and the totals; UTF-8 with BOM for spreadsheet apps."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([f"账号处置情况报告 / Report of measures {report.start} – {report.end}"])
        writer.writerow([label for _, label in COLUMNS])
        for line in report.lines:
            writer.writerow(csv_row(line.row()))
        writer.writerow([])
        writer.writerow(["统计项 / section", "代码 / code", "名称 / label", "数值 / value"])
        for row in report.totals():
            writer.writerow(csv_row(row))
        writer.writerow(["audit", "checkpoint", CHECKPOINT_LABEL, report.checkpoint])


#: Columns of the measures sheet that hold a time (written as dates, not text).
TIME_COLUMNS = ("decided_at", "approved_at", "effective_from", "effective_until", "revoked_at")


def _xlsx_row(line: MeasureLine) -> list:
    """A measure's cells: times as Beijing date-times the spreadsheet can sort and filter."""
    out = []
    for key, _ in COLUMNS:
        value = line.values.get(key, "")
        if key in TIME_COLUMNS and value:
            value = datetime.strptime(str(value), "%Y-%m-%d %H:%M")
        out.append(value)
    return out


def export_xlsx(report: RegulatorReport, path: Path) -> None:
    """Two sheets: the measures, and the totals; headers frozen, columns sized, times as
    dates, counts as numbers."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "处置措施 Measures"
    sheet.append([label for _, label in COLUMNS])
    for line in report.lines:
        sheet.append(xlsx_cells(sheet, _xlsx_row(line)))
    keys = [key for key, _ in COLUMNS]
    formats = {keys.index(k) + 1: DATETIME for k in TIME_COLUMNS}
    formats |= {keys.index("measure_id") + 1: WHOLE, keys.index("case_id") + 1: WHOLE}
    format_sheet(sheet, formats=formats)
    totals = book.create_sheet("统计 Totals")
    totals.append(["期间 / period", f"{report.start} – {report.end}"])
    totals.append(["统计项 / section", "代码 / code", "名称 / label", "数值 / value"])
    for row in report.totals():
        totals.append(xlsx_cells(totals, row))
    totals.append(["audit", "checkpoint", CHECKPOINT_LABEL, report.checkpoint])
    format_sheet(totals, header_row=2, max_width=80)
    book.save(path)
