"""``workbench figures --out FILE.csv|FILE.xlsx``: the supervisor's time-limit figures."""

from __future__ import annotations

from pathlib import Path

from workbench.commands import CommandError
from workbench.commands.acting import open_client
from workbench.commands.deadline import parse_instant
from workbench.models import utcnow
from workbench.operations.records import write_figures


def register(sub, common) -> None:
    p = sub.add_parser(
        "figures",
        help="导出处理时限统计 / export the handling time-limit figures",
        parents=[common],
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="输出文件 FILE.csv 或 FILE.xlsx / output file, FILE.csv or FILE.xlsx",
    )
    p.add_argument(
        "--at",
        metavar="ISO8601",
        help="统计的时间点（默认现在）/ the time the figures are for (default: now)",
    )
    p.add_argument(
        "--since",
        metavar="ISO8601",
        help="只计此时间起结束的时限 / count clocks closed from this time",
    )
    p.add_argument(
        "--until",
        metavar="ISO8601",
        help="只计此时间前结束的时限 / count clocks closed before this time",
    )
    p.set_defaults(handler=cmd_figures)


def cmd_figures(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise CommandError(
            f"导出格式须为 .csv 或 .xlsx / --out {args.out!r} must end in .csv or .xlsx"
        )
    if not out.parent.exists():
        raise CommandError(f"目录不存在 / the folder {out.parent} does not exist")
    now = parse_instant(args.at) if args.at else utcnow()
    since = parse_instant(args.since) if args.since else None
    until = parse_instant(args.until) if args.until else None
    client = open_client(args.database)
    try:
        write_figures(client, out, now=now, since=since, until=until)
    finally:
        client.close()
    print(f"figures written to {out}")
    return 0
