"""``workbench screen ACCOUNTS.jsonl``: screen account information against the rules.

Input: one JSON object per line (``id, kind, name, bio, signature,
certification, avatar, cover, verified_profession, verified_org_name,
qualifications, ip_location``; missing fields are empty; image paths are
relative to the input file).  Output: one ``{"id", "hits"}`` line per input
line, to ``--out`` or standard output.  A malformed line stops the run (exit 2,
naming the line) before anything is written.  Large inputs are screened on
every core, with a progress bar on standard error.  The account-level checks
run on the extra fields a line gives, each only when the fields it reads are
there (``--help`` lists them).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from workbench.commands import CommandError
from workbench.commands.acting import failures
from workbench.operations.failures import WorkbenchError
from workbench.operations.screening import (
    CHECK_INPUTS,
    account_level_hits,
    check_lexicons,
    read_accounts,
    read_closed_names,
    screen_all,
    screener_for_database,
    warm_up,
    with_account_hits,
)

__all__ = ["screen_all", "screener_for_database", "warm_up"]


def register(sub, common) -> None:
    p = sub.add_parser(
        "screen",
        help="按规则筛查账号信息 / screen account information against the rules",
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=checks_help(),
    )
    p.add_argument("accounts", metavar="ACCOUNTS.jsonl", help="每行一个账号 / one account per line")
    p.add_argument(
        "--closed-names",
        metavar="FILE",
        help="已关闭账号名称，每行一个 / closed account names, one per line",
    )
    p.add_argument(
        "--out", metavar="FILE", help="输出文件（默认标准输出） / output file (default stdout)"
    )
    p.add_argument(
        "--lexicons", metavar="DIR", help="词表目录 / lexicon folder (default: shipped lists)"
    )
    p.set_defaults(handler=cmd_screen)


def checks_help() -> str:
    """Which fields each account-level check reads: a check missing them gives no hit."""
    lines = [
        "账号层面检查只在输入行给出所需字段时进行，未给出的字段不作判断 /",
        "account-level checks run only on the fields a line gives; a field left out is not judged:",
    ]
    for category, zh, en, fields in CHECK_INPUTS:
        lines.append(f"  {category}: {zh} / {en}")
        lines.append(f"      {fields}")
    return "\n".join(lines)


def cmd_screen(args) -> int:
    with failures():
        try:
            accounts = read_accounts(Path(args.accounts))
            # Account-level checks (identity, disclosures, cap, idle, traffic, transfers,
            # content category) on the lines' extra fields: read before anything is written.
            database = getattr(args, "database", None)
            account_hits = account_level_hits(Path(args.accounts), database)
            closed = read_closed_names(args.closed_names, database)
            check_lexicons(args.lexicons)  # fail early, before any worker starts
            results = screen_all(accounts, args.lexicons, closed)
        except WorkbenchError as exc:
            raise CommandError(str(exc)) from exc
    results = with_account_hits(results, account_hits)
    for _, warnings in results:
        for w in warnings:
            print(w, file=sys.stderr)
    text = "".join(line + "\n" for line, _ in results)
    if args.out:
        out = Path(args.out)
        fd, tmp = tempfile.mkstemp(dir=out.resolve().parent, prefix=".screen-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, out)
    else:
        sys.stdout.write(text)
    return 0
