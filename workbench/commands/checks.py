"""``workbench checks``: account-level checks over the stock of accounts (2022/15).

``workbench checks run`` checks every account in service (``--text``: its
information against the text rules too), stores new hits and files each
through the automated-screening channel (a second run files nothing twice);
``workbench checks policy`` prints the thresholds in force.
``workbench screen`` uses :func:`account_level_hits` for the extra fields of
its input lines.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sqlalchemy.exc import OperationalError

from workbench import safe_json
from workbench.commands import CommandError, open_database
from workbench.db import session_scope
from workbench.models import utcnow
from workbench.models.codes import RULE_LABELS
from workbench.rules.account_checks import ACCOUNT_CHECK_CATEGORIES, account_check_hits
from workbench.rules.account_facts import FactsError, facts_from_screen, subject_groups
from workbench.rules.account_policy import AccountCheckPolicy, default_policy, load_policy
from workbench.rules.bulk_checks import DEFAULT_BATCH, BulkSummary, run_account_checks
from workbench.rules.hits import Hit
from workbench.safe_json import split_lines


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
    engine = open_database(args.database)

    def progress(summary: BulkSummary) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\rchecked {summary.accounts_checked:,} accounts")
            sys.stderr.flush()

    try:
        screener = None
        if args.text:
            from workbench.commands.screen import screener_for_database

            screener = screener_for_database(engine, args.lexicons, images=False)
        summary = run_account_checks(
            engine,
            batch_size=args.batch_size,
            open_cases=not args.no_cases,
            progress=progress,
            screener=screener,
        )
    except OperationalError as exc:
        raise CommandError(f"无法连接数据库 / cannot reach the database: {exc.orig}", 1) from exc
    finally:
        engine.dispose()
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    _print_summary(summary)
    return 0


def cmd_policy(args) -> int:
    engine = open_database(args.database)
    try:
        with session_scope(engine, write=False) as session:
            policy = load_policy(session)
    finally:
        engine.dispose()
    print(json.dumps(policy.thresholds(), ensure_ascii=False, indent=2))
    return 0


def _screen_policy(database: str | None) -> AccountCheckPolicy:
    if not database:
        return default_policy()
    engine = open_database(database, migrate=False)
    try:
        with session_scope(engine, write=False) as session:
            return load_policy(session)
    except OperationalError as exc:
        raise CommandError(f"无法连接数据库 / cannot reach the database: {exc.orig}", 1) from exc
    finally:
        engine.dispose()


def account_level_hits(path: Path, database: str | None = None) -> list[list[Hit]]:
    """The account-level hits of each non-blank line of a ``workbench screen`` input.

    Lines sharing a ``subject_id`` count towards that subject's cap together.
    The thresholds are the database's policy with ``database``, else the
    shipped defaults.  A field the checks cannot read stops the run (exit 2)
    naming its line.
    """
    numbered = []
    for number, line in enumerate(split_lines(path.read_text(encoding="utf-8")), 1):
        if not line.strip():
            continue
        try:
            numbered.append((number, safe_json.loads(line)))
        except safe_json.JsonError as exc:
            raise CommandError(
                f"第 {number} 行格式错误 / line {number} is malformed: {exc}"
            ) from exc
    groups = subject_groups(record for _, record in numbered)
    policy = _screen_policy(database)
    now = utcnow()
    result = []
    for number, record in numbered:
        try:
            subject = record.get("subject_id") if isinstance(record, dict) else None
            facts = facts_from_screen(
                record, subject_accounts=groups.get(str(subject)) if subject else None
            )
        except FactsError as exc:
            raise CommandError(
                f"第 {number} 行格式错误 / line {number} is malformed: {exc}"
            ) from exc
        result.append(account_check_hits(facts, policy, now=now))
    return result


def with_account_hits(
    results: list[tuple[str, list[str]]], account_hits: list[list[Hit]]
) -> list[tuple[str, list[str]]]:
    """``workbench screen`` output lines with each line's account-level hits appended."""
    merged = []
    for (line, warnings), extra in zip(results, account_hits, strict=True):
        if extra:
            data = json.loads(line)
            data["hits"] += [h.to_json() for h in extra]
            line = json.dumps(data, ensure_ascii=False)
        merged.append((line, warnings))
    return merged
