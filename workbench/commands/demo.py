"""``workbench demo``: fill the database with a realistic synthetic data set.

Accounts are written in bulk; every report goes through intake and every
case moves through the workflow services as the demo reviewers, so the audit
chain verifies afterwards.  ``--if-empty`` leaves a database that already
has accounts alone (for scripts that set up a demo once).
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.commands import CommandError
from workbench.commands.acting import open_client
from workbench.models.codes import CaseStatus, MeasureCode, Queue
from workbench.operations.failures import WorkbenchError
from workbench.operations.maintenance import (
    DEFAULT_ACCOUNTS,
    DEFAULT_REPORTS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    DemoOptions,
    DemoSummary,
    account_count,
    build_demo,
)


def register(sub, common) -> None:
    p = sub.add_parser(
        "demo",
        help="填充演示数据 / fill the database with demo data",
        description="填充演示数据：账号、举报、各队列各状态的案件、措施、审核员 / "
        "fill the database with a synthetic data set: accounts, reports, cases in every "
        f"queue and state, measures, reviewers (password {DEMO_PASSWORD}).",
        parents=[common],
    )
    p.add_argument(
        "--accounts",
        type=int,
        default=DEFAULT_ACCOUNTS,
        metavar="N",
        help=f"账号数 / number of accounts (default {DEFAULT_ACCOUNTS})",
    )
    p.add_argument(
        "--reports",
        type=int,
        default=DEFAULT_REPORTS,
        metavar="M",
        help=f"举报数 / number of reports (default {DEFAULT_REPORTS})",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        metavar="S",
        help="随机种子 / random seed (same seed, same data)",
    )
    p.add_argument(
        "--if-empty",
        action="store_true",
        help="数据库已有账号时不做任何事 / do nothing when the database has accounts",
    )
    p.add_argument(
        "--evidence-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="图片目录 / folder for the generated images "
        "(default: demo-evidence beside the SQLite file, or in the user data folder)",
    )
    p.set_defaults(handler=cmd_demo)


def _check(args) -> None:
    if args.accounts < 20:
        raise CommandError(
            f"--accounts 至少为 20（收到 {args.accounts}） / --accounts must be at least 20, "
            f"got {args.accounts}"
        )
    if args.reports < 1:
        raise CommandError(
            f"--reports 至少为 1（收到 {args.reports}） / --reports must be at least 1, got {args.reports}"
        )
    if args.seed < 0:
        raise CommandError(f"--seed 不能为负数 / --seed must not be negative, got {args.seed}")


def print_summary(summary: DemoSummary, out=None) -> None:
    w = (out or sys.stdout).write
    w(
        f"演示数据已生成 / demo data ready in {summary.seconds:.1f} s: "
        f"{summary.accounts} accounts, {summary.reports} reports, "
        f"{sum(summary.cases.values())} cases\n"
    )
    states = [s.value for s in CaseStatus]
    w("queue".ljust(16) + "".join(s[:12].rjust(13) for s in states) + "\n")
    for queue in Queue:
        row = [summary.cases.get((queue.value, s), 0) for s in states]
        w(queue.value.ljust(16) + "".join(str(n).rjust(13) for n in row) + "\n")
    by_code: dict[str, list[str]] = {}
    for (code, status), n in summary.measures.items():
        by_code.setdefault(code, []).append(f"{status} {n}")
    w("措施 / measures:\n")
    for code in MeasureCode:
        w(f"  {code.value.ljust(20)} {', '.join(sorted(by_code.get(code.value, []))) or '-'}\n")
    for key in (
        "approvals",
        "appeals",
        "corrections",
        "change_requests",
        "replies",
        "claimed",
        "clock_alerts",
        "automated",
        "screening",
        "missing",
    ):
        if key in summary.extras:
            w(f"{key}: {summary.extras[key]}\n")
    w(f"图片 / images: {summary.evidence_dir}\n")
    w(f"审核员登录 / reviewer logins (password 密码: {summary.password}):\n")
    for login, roles in summary.logins:
        w(f"  {login.ljust(10)} {roles}\n")


def cmd_demo(args) -> int:
    _check(args)
    client = open_client(args.database)
    try:
        existing = account_count(client)
        if existing and args.if_empty:
            print(
                f"数据库已有 {existing} 个账号，未做改动 / the database already has "
                f"{existing} accounts; nothing done (--if-empty)"
            )
            return 0
        if existing:
            raise CommandError(
                f"数据库已有 {existing} 个账号，演示数据只能填入空数据库（或加 --if-empty 跳过） / "
                f"the database already has {existing} accounts; the demo fills an empty "
                "database only (use --if-empty to skip)",
                exit_code=1,
            )
        options = DemoOptions(
            accounts=args.accounts,
            reports=args.reports,
            seed=args.seed,
            evidence_dir=args.evidence_dir,
        )
        try:
            summary = build_demo(
                client, options, progress=lambda m: print(f"… {m}", file=sys.stderr, flush=True)
            )
        except WorkbenchError as exc:
            raise CommandError(f"演示数据生成失败 / the demo could not be built: {exc}", 1) from exc
    finally:
        client.close()
    print_summary(summary)
    return 0
