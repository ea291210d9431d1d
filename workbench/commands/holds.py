"""``workbench hold``: mute a reporter, snooze an account, list and lift them.

``workbench hold mute --report ID (--hours N|--days N) --reason TEXT --as LOGIN``
mutes the reporter of a report; ``workbench hold snooze --account ID (--hours
N|--days N) --reason TEXT --as LOGIN`` snoozes an account (1 hour to 90 days);
``workbench hold list [--all] --as LOGIN`` prints those running (or all, JSON);
``workbench hold lift ID --as LOGIN`` ends one early.  What they do to the queues
is in the README (静音与暂缓).  Exit 2 for bad input, 1 for a refusal.
"""

from __future__ import annotations

from workbench.commands.acting import AS_HELP, run_as_json
from workbench.operations import holds


def _length(cmd) -> None:
    group = cmd.add_mutually_exclusive_group(required=True)
    group.add_argument("--hours", type=float, help="小时数 / hours")
    group.add_argument("--days", type=float, help="天数 / days")
    cmd.add_argument("--reason", required=True, help="理由（记入审计日志）/ the reason (audited)")


def _as(cmd) -> None:
    cmd.add_argument("--as", dest="as_login", metavar="LOGIN", required=True, help=AS_HELP)


def register(sub, common) -> None:
    p = sub.add_parser("hold", help="静音举报人、暂缓账号 / mutes and snoozes", parents=[common])
    p_sub = p.add_subparsers(dest="hold_command", metavar="ACTION", required=True)
    mute = p_sub.add_parser("mute", help="静音举报人 / mute a report's reporter", parents=[common])
    mute.add_argument("--report", dest="report_id", type=int, required=True, metavar="ID",
                      help="举报编号 / the report whose reporter is muted")  # fmt: skip
    _length(mute)
    _as(mute)
    mute.set_defaults(handler=cmd_mute)
    snooze = p_sub.add_parser("snooze", help="暂缓账号 / snooze an account", parents=[common])
    snooze.add_argument("--account", dest="account_id", type=int, required=True, metavar="ID",
                        help="账号编号 / the account")  # fmt: skip
    _length(snooze)
    _as(snooze)
    snooze.set_defaults(handler=cmd_snooze)
    show = p_sub.add_parser("list", help="列出 / print them (JSON)", parents=[common])
    show.add_argument("--all", action="store_true", help="含已结束的 / include ended ones")
    _as(show)
    show.set_defaults(handler=cmd_list)
    lift = p_sub.add_parser("lift", help="提前撤销 / end one early", parents=[common])
    lift.add_argument("hold_id", type=int, metavar="ID", help="编号 / the mute's or snooze's id")
    _as(lift)
    lift.set_defaults(handler=cmd_lift)


_run = run_as_json


def _hours(args) -> float:
    return args.hours if args.hours is not None else args.days * 24


def cmd_mute(args) -> int:
    return _run(args, lambda c: {"hold_id": c.call(
        holds.mute_reporter, report_id=args.report_id, hours=_hours(args), reason=args.reason
    )})  # fmt: skip


def cmd_snooze(args) -> int:
    return _run(args, lambda c: {"hold_id": c.call(
        holds.snooze_account, account_id=args.account_id, hours=_hours(args), reason=args.reason
    )})  # fmt: skip


def cmd_list(args) -> int:
    return _run(args, lambda c: c.call(holds.list_holds, include_ended=args.all))


def cmd_lift(args) -> int:
    return _run(args, lambda c: {"hold_id": c.call(holds.lift_hold, hold_id=args.hold_id)})
