"""``workbench deadline``: when is something due, in Chinese working days or hours.

Prints one JSON object ``{"due": "<ISO 8601 in +08:00>", "provisional": bool}``.
Without ``--database`` it uses the calendar of the ``chinese_calendar``
package in memory and touches no database; with it, the database's calendar
(including an administrator's edits and imported years).

``workbench deadline extend CASE (--days N | --hours N) --reason WHY --as LOGIN``: a
supervisor gives a case more time (2022/19, 2021/20), audited with the reason; prints
the case's new due time.  Exit 2 for bad input, 1 for a refusal (not a supervisor, no
running deadline).
"""

from __future__ import annotations

import json
import math
import sys
from datetime import datetime

from workbench.commands import CommandError
from workbench.commands.acting import AS_HELP, open_client, refusals, sign_in_as
from workbench.models import SHANGHAI
from workbench.models.codes import LimitUnit
from workbench.operations import cases, reads
from workbench.operations.failures import ValidationError
from workbench.operations.unattended import due_time, working_calendar


def register(sub, common) -> None:
    p = sub.add_parser(
        "deadline",
        help="计算处理时限 / compute a due time in working days or hours",
        parents=[common],
    )
    p.add_argument(
        "--start",
        metavar="ISO8601",
        help="开始时间，须带时区（必填）/ start time with offset, e.g. 2026-02-13T18:00+08:00 "
        "(required)",
    )
    amount = p.add_mutually_exclusive_group()
    amount.add_argument(
        "--working-days", metavar="N", help="工作日数（整数，至少 1）/ whole working days (N >= 1)"
    )
    amount.add_argument("--hours", metavar="N", help="自然小时数（大于 0）/ calendar hours (N > 0)")
    p.set_defaults(handler=cmd_deadline, deadline_parser=p)
    actions = p.add_subparsers(dest="deadline_command", metavar="ACTION")
    e = actions.add_parser(
        "extend",
        help="主管延长案件的处理时限（须说明理由，留痕）/ a supervisor extends a case's deadline "
        "(reason required, audited)",
        parents=[common],
    )
    e.add_argument("case_id", type=int, metavar="CASE", help="案件编号 / the case's id")
    more = e.add_mutually_exclusive_group(required=True)
    more.add_argument(
        "--days", metavar="N", help="延长的工作日数（整数）/ extend by N working days (whole)"
    )
    more.add_argument("--hours", metavar="N", help="延长的小时数 / extend by N hours")
    e.add_argument(
        "--reason", required=True, help="延长的理由（记入审计日志）/ why (goes into the audit log)"
    )
    e.add_argument("--as", dest="as_login", metavar="LOGIN", required=True, help=AS_HELP)
    e.set_defaults(handler=cmd_extend)


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with an offset or Z; a clear error otherwise."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise CommandError(
            f"开始时间无效 / --start {text!r} is not an ISO 8601 time "
            "(e.g. 2026-02-13T18:00+08:00 or 2026-02-13T10:00Z)"
        ) from exc
    if value.tzinfo is None or value.utcoffset() is None:
        raise CommandError(f"开始时间缺少时区 / --start {text!r} has no offset: add +08:00 or Z")
    return value


def _number(text: str, flag: str, *, whole: bool) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise CommandError(f"{flag} 须为数字 / {flag} {text!r} is not a number") from exc
    if not math.isfinite(value) or value <= 0 or (whole and value != int(value)):
        kind = "a whole number >= 1" if whole else "a number > 0"
        raise CommandError(f"{flag} 取值无效 / {flag} {text!r} must be {kind}")
    if whole and value > 10_000:
        raise CommandError(f"{flag} 过大 / {flag} {text!r} is more than 10000 working days")
    return value


def cmd_deadline(args) -> int:
    if args.start is None:
        args.deadline_parser.error("需要 --start / the following arguments are required: --start")
    if args.working_days is None and args.hours is None:
        args.deadline_parser.error(
            "需要 --working-days 或 --hours / one of the arguments --working-days --hours is "
            "required"
        )
    start = parse_instant(args.start)
    working_days = hours = None
    if args.working_days is not None:
        working_days = int(_number(args.working_days, "--working-days", whole=True))
    else:
        hours = _number(args.hours, "--hours", whole=False)
        if hours > 24 * 366 * 100:
            raise CommandError(f"--hours 过大 / --hours {args.hours!r} is too large")
    if args.database:
        client = open_client(args.database)
        try:
            snapshot = working_calendar(client)
        finally:
            client.close()
        if not snapshot.covered_years:
            print(
                "workbench: 数据库日历尚未载入节假日，结果为临时值 / the database calendar knows "
                "no holidays yet, so the result is provisional: run `workbench clocks seed`",
                file=sys.stderr,
            )
    else:
        snapshot = working_calendar(None)
    try:
        due = due_time(snapshot, start, working_days=working_days, hours=hours)
    except ValidationError as exc:
        raise CommandError(str(exc)) from exc
    print(
        json.dumps(
            {"due": due.at.astimezone(SHANGHAI).isoformat(), "provisional": due.provisional},
            ensure_ascii=False,
        )
    )
    return 0


def cmd_extend(args) -> int:
    """Extend the case's running deadline; exit 2 for bad input, 1 for a refusal."""
    amount: float
    if args.days is not None:
        amount, unit = int(_number(args.days, "--days", whole=True)), LimitUnit.WORKING_DAYS
    else:
        amount, unit = _number(args.hours, "--hours", whole=False), LimitUnit.HOURS
    if not args.reason.strip():
        raise CommandError("须说明延长的理由 / --reason must not be empty")
    client = open_client(args.database)
    try:
        sign_in_as(client, args.as_login)
        with refusals():
            case_id = client.call(
                cases.extend_case_deadline,
                case_id=args.case_id,
                amount=amount,
                unit=unit,
                reason=args.reason,
            )
            detail = client.call(reads.case_detail, case_id=case_id)
    finally:
        client.close()
    due = detail.due_at.astimezone(SHANGHAI).isoformat() if detail.due_at else None
    print(json.dumps({"case": case_id, "due": due}, ensure_ascii=False))
    return 0
