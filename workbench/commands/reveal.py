"""``workbench reveal ENTITY ID FIELD --as LOGIN --reason WHY``: one personal-data field in full.

For supervisors and administrators (2022/16); every reveal is audited as
``personal_data.reveal`` with the reason, never the value.  Fields:
subject id_number/phone, account phone/contact, reporter contact, appeal
appellant_contact, reply recipient_address.
"""

from __future__ import annotations

from workbench.commands import CommandError, open_database
from workbench.commands.acting import sign_in_as
from workbench.db import session_scope
from workbench.queues.errors import NotFound, ValidationError, WorkbenchError
from workbench.queues.reveal import PERSONAL_DATA, reveal


def register(sub, common) -> None:
    p = sub.add_parser(
        "reveal",
        help="查看完整个人信息（留痕）/ show one personal-data field in full (audited)",
        parents=[common],
    )
    p.add_argument("entity", choices=sorted({e for e, _ in PERSONAL_DATA}))
    p.add_argument("entity_id", type=int, metavar="ID")
    p.add_argument("field", choices=sorted({f for _, f in PERSONAL_DATA}))
    p.add_argument("--as", dest="as_login", metavar="LOGIN", required=True)
    p.add_argument("--reason", required=True, help="why the full value is needed")
    p.set_defaults(handler=cmd_reveal)


def cmd_reveal(args) -> int:
    engine = open_database(args.database)
    try:
        actor = sign_in_as(engine, args.as_login)
        with session_scope(engine) as session:
            value = reveal(
                session,
                actor,
                entity=args.entity,
                entity_id=args.entity_id,
                field=args.field,
                reason=args.reason,
            )
    except (ValidationError, NotFound) as exc:
        raise CommandError(str(exc)) from exc
    except WorkbenchError as exc:
        raise CommandError(str(exc), exit_code=1) from exc
    finally:
        engine.dispose()
    print(value)
    return 0
