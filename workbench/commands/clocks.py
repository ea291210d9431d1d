"""``workbench clocks tick|seed``: unattended warnings and breaches; first setup.

``tick`` raises the warnings and breaches due now (each once, audited) and
prints what it raised as JSON; run it from cron or a systemd timer when no
desktop is open.  ``seed`` records the statutory holidays and make-up working
days the ``chinese_calendar`` package knows and the shipped default time
limits (existing rows and manual calendar edits are kept).
"""

from __future__ import annotations

import json

from workbench.commands import open_database
from workbench.commands.deadline import parse_instant
from workbench.db import run_in_transaction
from workbench.models import utcnow
from workbench.queues.alerts import tick
from workbench.queues.calendar import seed_from_chinese_calendar
from workbench.queues.policies import seed_default_policies


def register(sub, common) -> None:
    p = sub.add_parser("clocks", help="处理时限 / handling time limits", parents=[common])
    actions = p.add_subparsers(dest="clocks_command", metavar="ACTION", required=True)
    t = actions.add_parser(
        "tick", help="发出到期提醒和超时 / raise due warnings and breaches", parents=[common]
    )
    t.add_argument("--at", metavar="ISO8601", help="the time to check at (default: now)")
    t.set_defaults(handler=cmd_tick)
    s = actions.add_parser(
        "seed",
        help="载入法定节假日和默认时限 / load statutory holidays and default limits",
        parents=[common],
    )
    s.set_defaults(handler=cmd_seed)


def cmd_tick(args) -> int:
    now = parse_instant(args.at) if args.at else utcnow()
    engine = open_database(args.database)
    try:
        result = run_in_transaction(engine, lambda session: tick(session, now))
    finally:
        engine.dispose()
    print(json.dumps(result.to_json(), ensure_ascii=False))
    return 0


def cmd_seed(args) -> int:
    engine = open_database(args.database)

    def work(session):
        seeded = seed_from_chinese_calendar(session, None)
        return seeded, seed_default_policies(session, None)

    try:
        seeded, policies = run_in_transaction(engine, work)
    finally:
        engine.dispose()
    print(
        f"calendar version {seeded.version}: {seeded.days} days for "
        f"{seeded.years[0]}-{seeded.years[-1]}; {policies} default policies added"
    )
    return 0
