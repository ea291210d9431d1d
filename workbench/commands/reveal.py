"""``workbench reveal ENTITY ID FIELD --as LOGIN --reason WHY``: one personal-data field in full.

For supervisors and administrators (2022/16); every reveal is audited as
``personal_data.reveal`` with the reason, never the value.  Fields:
subject id_number/phone, account phone/contact, reporter contact, appeal
appellant_contact, reply recipient_address.
"""

from __future__ import annotations

from workbench.commands import CommandError
from workbench.commands.acting import open_client, sign_in_as
from workbench.operations import access
from workbench.operations.failures import NotFound, ValidationError, WorkbenchError
from workbench.operations.records import PERSONAL_DATA


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
    client = open_client(args.database)
    try:
        sign_in_as(client, args.as_login)
        value = client.call(
            access.reveal,
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
        client.close()
    print(value)
    return 0
