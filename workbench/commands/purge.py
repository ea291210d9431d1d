"""``workbench purge --before DATE [--export FILE]``: remove old closed cases and audit events.

Records are kept at least 183 days (2017/16): a date later than that is
refused.  What is removed is first written to the export file (JSON Lines
or XLSX; by default ``purge-before-DATE.jsonl`` in the current folder), then
removed in one transaction.  ``--dry-run`` only counts.  Personal data in the
export is masked; ``--unmasked --as LOGIN --reason WHY`` (an administrator)
keeps it in full, audited.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workbench.commands import CommandError
from workbench.commands.acting import (
    add_unmasked_options,
    open_client,
    refusals,
    unmasked_exporter,
)
from workbench.models import utcnow
from workbench.operations.failures import ValidationError
from workbench.operations.records import cutoff_of, purge


def register(sub, common) -> None:
    p = sub.add_parser(
        "purge",
        help="清除超过保存期限的已结案记录和审计日志 / remove closed cases and audit events "
        "older than a date (kept at least 183 days)",
        parents=[common],
    )
    p.add_argument(
        "--before",
        required=True,
        metavar="DATE",
        help="清除此日期（北京时间，YYYY-MM-DD）之前结案的案件和审计日志，至少保留 183 天 / remove "
        "what closed before this date (YYYY-MM-DD, Beijing time); at least 183 days are kept",
    )
    p.add_argument(
        "--export",
        metavar="FILE",
        help="先导出到此文件 / export here first (.jsonl or .xlsx; "
        "default purge-before-DATE.jsonl)",
    )
    p.add_argument("--dry-run", action="store_true", help="只统计，不清除 / count only")
    add_unmasked_options(p)
    p.set_defaults(handler=cmd_purge)


def cmd_purge(args) -> int:
    try:
        before = date.fromisoformat(args.before)
    except ValueError as exc:
        raise CommandError(
            f"--before 应为 YYYY-MM-DD 日期 / --before must be a date, not {args.before!r}"
        ) from exc
    try:
        cutoff = cutoff_of(before, now=utcnow())
    except ValidationError as exc:
        raise CommandError(str(exc)) from exc
    export = Path(args.export or f"purge-before-{before}.jsonl")
    client = open_client(args.database)
    try:
        actor = None if args.dry_run else unmasked_exporter(client, args)
        with refusals():
            plan = purge(
                client,
                cutoff,
                export,
                dry_run=args.dry_run,
                unmasked_by=actor,
                reason=args.reason,
            )
    finally:
        client.close()
    summary = ", ".join(f"{name} {n}" for name, n in plan.counts.items())
    if args.dry_run:
        print(f"将清除 / would remove: {summary}")
    else:
        print(f"已导出 / exported to {export}; 已清除 / removed: {summary}")
    if plan.kept_cases:
        print(
            f"保留 {plan.kept_cases} 个仍有措施生效或申诉未结的案件 / kept {plan.kept_cases} "
            "closed cases whose measures are still in force or appeals still open"
        )
    return 0
