"""What the regulations ask beyond the case lifecycle: the rumour path (2021/13),
measures the regulator orders (2022/21), and the log of regulator's reports made
(2022/17, 2021/19), with the masked report a supervisor exports from the desktop.

:func:`log_local_report` stays a plain function: ``workbench report`` without
``--as`` is the database owner's tool on this machine, like the masked report it logs.
"""

from __future__ import annotations

import getpass
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from workbench.db import session_scope
from workbench.measures import regulator_orders, rumours
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.models import utcnow
from workbench.operations.core import Ctx, operation, saved
from workbench.operations.failures import reachable
from workbench.operations.local import LocalClient
from workbench.operations.roles import MODERATORS, SUPERVISION, SUPERVISORS
from workbench.reports import report_log
from workbench.reports.regulator_report import (
    RegulatorReport,
    build_report,
    export_csv,
    export_xlsx,
)

__all__ = [
    "ReportMade",
    "RumourRecorded",
    "file_sha256",
    "local_reports_made",
    "log_local_report",
    "masked_regulator_report",
    "order_measures",
    "record_regulator_report",
    "record_rumour",
    "regulator_reports_made",
    "write_report",
]

file_sha256 = report_log.file_sha256


@dataclass(frozen=True)
class RumourRecorded:
    record_id: int
    case_id: int
    measure_id: int
    measure_status: str
    credit_grade: str  # the account's grade after the response


@dataclass(frozen=True)
class ReportMade:
    id: int
    period_start: date
    period_end: date
    format: str
    made_by: str
    made_at: datetime
    sha256: str
    size_bytes: int
    measures: int
    unmasked: bool
    source: str


@operation(write=True, roles=MODERATORS)
def record_rumour(
    ctx: Ctx,
    *,
    case_id: int,
    expected_version: int,
    response: str,
    debunk: str,
    reason: str,
    trace: str = "",
) -> RumourRecorded:
    """Find rumour-spreading on a case (2021/13): the finding, the debunk and trace, and
    the response: downgrade the credit grade, or blacklist (awaiting approval)."""
    done = rumours.record_rumour(
        ctx.session,
        ctx.signed_in,
        case_id,
        expected_version=expected_version,
        response=response,
        debunk=debunk,
        trace=trace,
        reason=reason,
        now=ctx.now or utcnow(),
    )
    return RumourRecorded(
        saved(done.record.id),
        case_id,
        saved(done.measure.id),
        done.measure.status,
        done.account.credit_grade,
    )


@operation(write=True, roles=SUPERVISORS)
def order_measures(
    ctx: Ctx,
    *,
    reference: str,
    issuing_body: str,
    issued_on: date,
    measures: list[MeasureSpec],
    case_id: int | None = None,
    expected_version: int | None = None,
    account_id: int | None = None,
) -> list[int]:
    """Carry out measures the regulator ordered (2022/21) on a case in screening or an
    account: each takes effect at once, keeps the order and is marked in the report."""
    taken = regulator_orders.order_measures(
        ctx.session,
        ctx.signed_in,
        order=regulator_orders.OrderDetails(reference, issuing_body, issued_on),
        measures=measures,
        case_id=case_id,
        expected_version=expected_version,
        account_id=account_id,
        now=ctx.now or utcnow(),
    )
    return [saved(m.id) for m in taken]


@operation(write=False, roles=SUPERVISION)
def masked_regulator_report(ctx: Ctx, *, start: date, end: date) -> RegulatorReport:
    """The regulator's report of measures for the Beijing dates ``start``..``end``,
    personal data masked, for a supervisor to export and log."""
    return build_report(ctx.session, start, end, now=ctx.now or utcnow())


def _view(row) -> ReportMade:
    return ReportMade(
        saved(row.id),
        row.period_start,
        row.period_end,
        row.format,
        row.made_by_label,
        row.made_at,
        row.sha256,
        row.size_bytes,
        row.measures,
        row.unmasked,
        row.source,
    )


@operation(write=True, roles=SUPERVISION)
def record_regulator_report(
    ctx: Ctx,
    *,
    start: date,
    end: date,
    format: str,
    sha256: str,
    size_bytes: int,
    measures: int,
    unmasked: bool = False,
    source: str = "desktop",
) -> ReportMade:
    """Log a regulator's report just written: period, format, the file's SHA-256."""
    row = report_log.log_report(
        ctx.session,
        ctx.signed_in,
        start=start,
        end=end,
        fmt=format,
        sha256=sha256,
        size_bytes=size_bytes,
        measures=measures,
        unmasked=unmasked,
        source=source,
        now=ctx.now or utcnow(),
    )
    return _view(row)


@operation(write=False, roles=SUPERVISION)
def regulator_reports_made(ctx: Ctx) -> list[ReportMade]:
    """The regulator's reports made, newest first."""
    return [_view(r) for r in report_log.reports_made(ctx.session)]


def log_local_report(
    client: LocalClient, *, start: date, end: date, fmt: str, path: Path, measures: int
) -> ReportMade:
    """Log a masked report the database owner wrote on this machine (no reviewer)."""
    sha256, size = file_sha256(path)
    with reachable(), session_scope(client.engine) as session:
        row = report_log.log_report(
            session,
            None,
            start=start,
            end=end,
            fmt=fmt,
            sha256=sha256,
            size_bytes=size,
            measures=measures,
            unmasked=False,
            source="command",
            now=utcnow(),
            owner_login=_login(),
        )
        return _view(row)


def write_report(
    report: RegulatorReport, path: Path, fmt: str, pdf: Callable[[RegulatorReport, Path], None]
) -> None:
    """``report`` as ``fmt`` (csv, xlsx or pdf: ``pdf`` lays it out, with Qt) at ``path``,
    through a temporary file beside it, so a failed write leaves no half file."""
    fd, tmp = tempfile.mkstemp(dir=path.resolve().parent, prefix=".report-", suffix=f".{fmt}")
    os.close(fd)
    try:
        writer = {"csv": export_csv, "xlsx": export_xlsx}.get(fmt, pdf)
        writer(report, Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def local_reports_made(client: LocalClient) -> list[ReportMade]:
    """The regulator's reports made, newest first, read on this machine (no reviewer)."""
    with reachable(), session_scope(client.engine, write=False) as session:
        return [_view(r) for r in report_log.reports_made(session)]


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name for this process's user
        return ""
