"""``workbench report --from DATE --to DATE --format csv|xlsx|pdf --out FILE``.

The regulator's report of measures (2022/17, 2021/19) for the Beijing dates
given (both included): every measure with the account information at the
time, basis, reason, deciders, dates and appeal outcome; totals per category
and per measure; the share of reports handled within their time limits.
Personal data is masked; ``--unmasked --as LOGIN --reason WHY`` (a supervisor
or administrator) exports it in full, audited.  The PDF is laid out by Qt (offscreen without a
display); CSV and XLSX need no Qt.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy.exc import OperationalError

from workbench.commands import CommandError, open_database
from workbench.commands.acting import add_unmasked_options, unmasked_exporter
from workbench.db import session_scope
from workbench.models import utcnow
from workbench.queues.errors import ValidationError
from workbench.queues.regulator_report import build_report, export_csv, export_xlsx
from workbench.queues.reveal import authorise_unmasked_export

FORMATS = ("csv", "xlsx", "pdf")


def register(sub, common) -> None:
    p = sub.add_parser(
        "report",
        help="向主管部门报送的处置情况报告 / the regulator's report of measures",
        parents=[common],
    )
    p.add_argument("--from", dest="start", required=True, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument(
        "--to", dest="end", required=True, metavar="DATE", help="YYYY-MM-DD (含 / included)"
    )
    p.add_argument(
        "--format", choices=FORMATS, default=None, help="csv | xlsx | pdf (default: by --out)"
    )
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件 / output file")
    add_unmasked_options(p)
    p.set_defaults(handler=cmd_report)


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
    engine = open_database(args.database)
    try:
        actor = unmasked_exporter(engine, args)
        with session_scope(engine, write=actor is not None) as session:
            if actor is not None:
                authorise_unmasked_export(
                    session, actor, what=f"regulator report {start}..{end}", reason=args.reason
                )
            report = build_report(session, start, end, now=utcnow(), unmasked=actor is not None)
    except ValidationError as exc:
        raise CommandError(str(exc)) from exc
    except OperationalError as exc:
        raise CommandError(f"无法连接数据库 / cannot reach the database: {exc.orig}", 1) from exc
    finally:
        engine.dispose()
    fd, tmp = tempfile.mkstemp(dir=out.resolve().parent, prefix=".report-", suffix=f".{fmt}")
    os.close(fd)
    try:
        if fmt == "csv":
            export_csv(report, Path(tmp))
        elif fmt == "xlsx":
            export_xlsx(report, Path(tmp))
        else:
            from workbench.ui.report_pdf import write_pdf

            write_pdf(report, Path(tmp))
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    print(f"报告已生成 / report written: {out} ({len(report.lines)} measures, {start} – {end})")
    return 0
