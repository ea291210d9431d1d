"""``workbench reveal ENTITY ID FIELD --as LOGIN --reason WHY``: one personal-data field in full.

For supervisors and administrators (2022/16); every reveal is audited as
``personal_data.reveal`` with the reason, never the value.  Fields:
subject id_number/phone, account phone/contact, reporter contact, appeal
appellant_contact, reply recipient_address.
"""

from __future__ import annotations

from workbench.commands.acting import open_client, refusals, sign_in_as
from workbench.operations import access
from workbench.operations.records import PERSONAL_DATA


def register(sub, common) -> None:
    p = sub.add_parser(
        "reveal",
        help="查看完整个人信息（留痕）/ show one personal-data field in full (audited)",
        parents=[common],
    )
    entities = sorted({e for e, _ in PERSONAL_DATA})
    fields = sorted({f for _, f in PERSONAL_DATA})
    p.add_argument(
        "entity",
        choices=entities,
        metavar="ENTITY",
        help=f"记录类型 / the kind of record: {', '.join(entities)}",
    )
    p.add_argument("entity_id", type=int, metavar="ID", help="记录编号 / the record's id")
    p.add_argument(
        "field",
        choices=fields,
        metavar="FIELD",
        help=f"要显示的字段 / the field to show: {', '.join(fields)}",
    )
    p.add_argument(
        "--as",
        dest="as_login",
        metavar="LOGIN",
        required=True,
        help="主管或管理员登录名（密码取自 WORKBENCH_PASSWORD 或终端提示）/ a supervisor or "
        "administrator (password from WORKBENCH_PASSWORD or a prompt)",
    )
    p.add_argument(
        "--reason",
        required=True,
        help="为何需要完整信息（记入审计日志）/ why the full value is needed (audited)",
    )
    p.set_defaults(handler=cmd_reveal)


def cmd_reveal(args) -> int:
    client = open_client(args.database)
    try:
        sign_in_as(client, args.as_login)
        with refusals():
            value = client.call(
                access.reveal,
                entity=args.entity,
                entity_id=args.entity_id,
                field=args.field,
                reason=args.reason,
            )
    finally:
        client.close()
    print(value)
    return 0
