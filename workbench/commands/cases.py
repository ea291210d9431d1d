"""``workbench cases sweep``: the periodic work of the case workflow.

Frees cases whose claim lease ran out, ends measures whose period is over
(suspensions, time-limited restrictions), opens an escalation case for
every correction order whose deadline passed unmet, and clears the case-view
heartbeats a crashed desktop left behind.  Run it every few
minutes (cron, a systemd timer); running it twice changes nothing more.
"""

from __future__ import annotations

from datetime import datetime

from workbench.commands import CommandError
from workbench.commands.acting import open_client
from workbench.models import utcnow
from workbench.operations.unattended import sweep_cases


def register(sub, common) -> None:
    p = sub.add_parser("cases", help="案件流程 / case workflow", parents=[common])
    p_sub = p.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    s = p_sub.add_parser(
        "sweep",
        help="释放过期认领、结束到期措施、升级逾期改正、清除过期查看记录 / free expired claims, "
        "end measures that ran out, escalate missed correction orders, clear stale case-view "
        "heartbeats",
        parents=[common],
    )
    s.add_argument(
        "--now",
        metavar="ISO8601",
        help="执行的时间，须带时区（默认现在）/ the time to sweep at, ISO 8601 with offset "
        "(default: now)",
    )
    s.set_defaults(handler=cmd_sweep)


def _now(text: str | None) -> datetime:
    if not text:
        return utcnow()
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"时间无效 / invalid time {text!r}: {exc}") from exc
    if value.tzinfo is None:
        raise CommandError(f"时间须带时区 / the time {text!r} needs an offset, e.g. +08:00")
    return value


def cmd_sweep(args) -> int:
    now = _now(args.now)
    client = open_client(args.database)
    try:
        swept = sweep_cases(client, now)
    finally:
        client.close()
    escalated = swept.escalated
    print(f"释放认领 / claims freed: {swept.claims_freed}")
    print(f"到期措施涉及账号 / accounts with measures ended: {len(swept.accounts)}")
    print(
        f"逾期改正升级 / missed corrections escalated: {len(escalated)}"
        + (f" (cases {', '.join(map(str, escalated))})" if escalated else "")
    )
    print(f"清除过期查看记录 / stale case-view heartbeats cleared: {swept.heartbeats_cleared}")
    print(f"已结案（申诉期已过）/ replied cases closed: {len(swept.closed)}")
    return 0
