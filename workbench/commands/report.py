"""``workbench report --from DATE --to DATE --format csv|xlsx|pdf --out FILE``.

The regulator's report of measures (2022/17, 2021/19) for the Beijing dates
given (both included): every measure with the account information at the
time, basis, reason, deciders, dates and appeal outcome; totals per category
and per measure; the share of reports handled within their time limits.
Personal data is masked; ``--unmasked --as LOGIN --reason WHY`` (a supervisor
or administrator) exports it in full, audited.  The PDF is laid out by Qt (offscreen without a
display); CSV and XLSX need no Qt.

Every report written is logged (2022/17): period, format, who (the reviewer of ``--as``, or
the database owner's login), when, and the file's SHA-256.  ``workbench report-log`` prints
the log (JSON), newest first.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

from workbench.commands import CommandError
from workbench.commands.acting import (
    add_unmasked_options,
    open_client,
    refusals,
    unmasked_exporter,
)
from workbench.operations.records import regulator_report, unmasked_regulator_report
from workbench.operations.regulator import (
    file_sha256,
    local_reports_made,
    log_local_report,
    record_regulator_report,
    write_report,
)

FORMATS = ("csv", "xlsx", "pdf")


def register(sub, common) -> None:
    p = sub.add_parser(
        "report",
        help="向主管部门报送的处置情况报告 / the regulator's report of measures",
        parents=[common],
    )
    p.add_argument(
        "--from",
        dest="start",
        required=True,
        metavar="DATE",
        help="起始日期（北京时间，含当日）/ first day, YYYY-MM-DD (Beijing time, included)",
    )
    p.add_argument(
        "--to",
        dest="end",
        required=True,
        metavar="DATE",
        help="截止日期（北京时间，含当日）/ last day, YYYY-MM-DD (Beijing time, included)",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="格式 csv、xlsx 或 pdf（默认按 --out 的扩展名）/ format (default: the ending of --out)",
    )
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件 / output file")
    add_unmasked_options(p)
    p.set_defaults(handler=cmd_report)
    log = sub.add_parser(
        "report-log",
        help="已报送报告的记录 / the log of regulator's reports made (JSON)",
        parents=[common],
    )
    log.set_defaults(handler=cmd_report_log)


def _day(value: str, flag: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"{flag} 应为 YYYY-MM-DD 日期 / {flag} must be a date YYYY-MM-DD, not {value!r}"
        ) from exc


def cmd_report(args) -> int:
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    out = Path(args.out)
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise CommandError(
            f"格式须为 csv、xlsx 或 pdf / --format must be csv, xlsx or pdf, not {fmt!r}"
        )
    if not out.resolve().parent.is_dir():
        raise CommandError(f"输出目录不存在 / no such folder: {out.resolve().parent}")
    client = open_client(args.database)
    try:
        actor = unmasked_exporter(client, args)
        with refusals():
            if actor is not None:
                report = client.call(
                    unmasked_regulator_report, start=start, end=end, reason=args.reason
                )
            else:
                report = regulator_report(client, start, end)
        write_report(report, out, fmt, _pdf)
        with refusals():  # the log of reports made (2022/17): period, format, who, hash
            if actor is not None:
                sha256, size = file_sha256(out)
                client.call(
                    record_regulator_report, start=start, end=end, format=fmt, sha256=sha256,
                    size_bytes=size, measures=len(report.lines), unmasked=True, source="command",
                )  # fmt: skip
            else:
                log_local_report(
                    client, start=start, end=end, fmt=fmt, path=out, measures=len(report.lines)
                )
    finally:
        client.close()
    print(f"报告已生成 / report written: {out} ({len(report.lines)} measures, {start} – {end})")
    return 0


def _pdf(report, path: Path) -> None:
    from workbench.ui.report_pdf import write_pdf  # Qt only for a PDF

    write_pdf(report, path)


def cmd_report_log(args) -> int:
    """The regulator's reports made, newest first (the database owner's view)."""
    client = open_client(args.database)
    try:
        with refusals():
            made = local_reports_made(client)
    finally:
        client.close()
    print(json.dumps([asdict(m) for m in made], ensure_ascii=False, indent=2, default=str))
    return 0
