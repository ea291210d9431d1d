"""``workbench clocks tick|seed``: unattended warnings and breaches; first setup.

``tick`` raises the warnings and breaches due now (each once, audited) and
prints what it raised as JSON; run it from cron or a systemd timer when no
desktop is open.  ``seed`` records the statutory holidays and make-up working
days the ``chinese_calendar`` package knows and the shipped default time
limits (existing rows and manual calendar edits are kept).
"""

from __future__ import annotations

import json

from workbench.commands.acting import open_client
from workbench.commands.deadline import parse_instant
from workbench.models import utcnow
from workbench.operations.maintenance import seed_calendar
from workbench.operations.unattended import tick_clocks


def register(sub, common) -> None:
    p = sub.add_parser("clocks", help="处理时限 / handling time limits", parents=[common])
    actions = p.add_subparsers(dest="clocks_command", metavar="ACTION", required=True)
    t = actions.add_parser(
        "tick", help="发出到期提醒和超时 / raise due warnings and breaches", parents=[common]
    )
    t.add_argument(
        "--at",
        metavar="ISO8601",
        help="检查的时间（默认现在）/ the time to check at (default: now)",
    )
    t.set_defaults(handler=cmd_tick)
    s = actions.add_parser(
        "seed",
        help="载入法定节假日和默认时限 / load statutory holidays and default limits",
        parents=[common],
    )
    s.set_defaults(handler=cmd_seed)


def cmd_tick(args) -> int:
    now = parse_instant(args.at) if args.at else utcnow()
    client = open_client(args.database)
    try:
        result = tick_clocks(client, now)
    finally:
        client.close()
    print(json.dumps(result.to_json(), ensure_ascii=False))
    return 0


def cmd_seed(args) -> int:
    client = open_client(args.database)
    try:
        seeded = seed_calendar(client)
    finally:
        client.close()
    print(
        f"calendar version {seeded.version}: {seeded.days} days for "
        f"{seeded.years[0]}-{seeded.years[-1]}; {seeded.policies} default policies added"
    )
    return 0
