"""``workbench checks``: account-level checks over the stock of accounts (2022/15).

``workbench checks run`` checks every account in service (``--text``: its
information against the text rules too), stores new hits and files each
through the automated-screening channel (a second run files nothing twice);
``workbench checks policy`` prints the thresholds in force.  The work is
:mod:`workbench.operations.unattended`'s.
"""

from __future__ import annotations

import json
import sys

from workbench.commands import CommandError
from workbench.commands.acting import failures, open_client
from workbench.models.codes import RULE_LABELS
from workbench.operations.failures import ValidationError
from workbench.operations.unattended import (
    ACCOUNT_CHECK_CATEGORIES,
    DEFAULT_BATCH,
    BulkSummary,
    check_thresholds,
    run_checks,
)


def register(sub, common) -> None:
    p = sub.add_parser("checks", help="账号层面检查 / account-level checks", parents=[common])
    p_sub = p.add_subparsers(dest="checks_command", metavar="ACTION", required=True)
    run = p_sub.add_parser(
        "run",
        help="检查全部存量账号并立案 / check every account in service and open cases for hits",
        parents=[common],
    )
    run.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH,
        metavar="N",
        help=f"每批账号数 / accounts per transaction (default {DEFAULT_BATCH})",
    )
    run.add_argument(
        "--text",
        action="store_true",
        help="同时按规则筛查账号信息文字（名称、简介、签名、认证信息） / also screen the "
        "account information text (name, bio, signature, certification) against the rules",
    )
    run.add_argument(
        "--lexicons", metavar="DIR", help="词表目录，用于 --text / lexicon folder for --text"
    )
    run.add_argument(
        "--no-cases",
        action="store_true",
        help="只记录命中，不立案 / store hits without opening cases",
    )
    run.set_defaults(handler=cmd_run)
    pol = p_sub.add_parser(
        "policy", help="显示检查阈值 / print the thresholds in force (JSON)", parents=[common]
    )
    pol.set_defaults(handler=cmd_policy)


def _print_summary(summary: BulkSummary) -> None:
    print(
        f"账号检查完成 / account checks done: {summary.accounts_checked:,} accounts checked, "
        f"{summary.accounts_with_hits:,} with hits"
    )
    print(
        f"  命中 / hits: {summary.hits_found:,} found, {summary.hits_new:,} new; "
        f"立案 / cases: {summary.cases_opened:,} opened, "
        f"{summary.reports_joined:,} joined an open case, {summary.already_filed:,} filed before"
    )
    shown = [
        c for c in RULE_LABELS if c in ACCOUNT_CHECK_CATEGORIES or summary.by_category.get(c.value)
    ]
    for category in shown:
        n = summary.by_category.get(category.value, 0)
        zh, en = RULE_LABELS[category]
        print(f"  {category.value:<26} {n:>7,}  {zh} / {en}")


def cmd_run(args) -> int:
    if args.batch_size < 1:
        raise CommandError("--batch-size 应为正整数 / --batch-size must be a positive integer")
    client = open_client(args.database)

    def progress(summary: BulkSummary) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\rchecked {summary.accounts_checked:,} accounts")
            sys.stderr.flush()

    try:
        with failures():
            summary = run_checks(
                client,
                batch_size=args.batch_size,
                open_cases=not args.no_cases,
                progress=progress,
                text=args.text,
                lexicons=args.lexicons,
            )
    except ValidationError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        client.close()
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    _print_summary(summary)
    return 0


def cmd_policy(args) -> int:
    client = open_client(args.database)
    try:
        thresholds = check_thresholds(client)
    finally:
        client.close()
    print(json.dumps(thresholds, ensure_ascii=False, indent=2))
    return 0
