"""``workbench deadline``: when is something due, in Chinese working days or hours.

Prints one JSON object ``{"due": "<ISO 8601 in +08:00>", "provisional": bool}``.
Without ``--database`` it uses the calendar of the ``chinese_calendar``
package in memory and touches no database; with it, the database's calendar
(including an administrator's edits and imported years).
"""

from __future__ import annotations

import json
import math
import sys
from datetime import datetime

from workbench.commands import CommandError
from workbench.commands.acting import open_client
from workbench.models import SHANGHAI
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
        required=True,
        metavar="ISO8601",
        help="开始时间，须带时区 / start time with offset, e.g. 2026-02-13T18:00+08:00",
    )
    amount = p.add_mutually_exclusive_group(required=True)
    amount.add_argument(
        "--working-days", metavar="N", help="工作日数（整数，至少 1）/ whole working days (N >= 1)"
    )
    amount.add_argument("--hours", metavar="N", help="自然小时数（大于 0）/ calendar hours (N > 0)")
    p.set_defaults(handler=cmd_deadline)


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
