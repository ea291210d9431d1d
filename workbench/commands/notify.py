"""``workbench notify KIND ID --as LOGIN``: tell the account holder (issue 15, item 4).

KIND is ``measure`` (its basis and the right to appeal, 2021/20), ``correction-order``
(what to correct and by when, 2022/15), ``appeal`` (the decision, to the appellant) or
``change-request`` (made, or 不予变更 with its reason and article, 2022/10).  The notice
is filled from its template and never carries a reporter's identity.  ``--preview``
prints it (address masked) without sending; otherwise it is queued in the outbox
(``workbench outbox deliver`` sends it) and the reply's id is printed.  Exit 2 for bad
input or an unknown record, 1 for a refusal (a role, a measure not in effect).
"""

from __future__ import annotations

import json

from workbench.commands.acting import AS_HELP, open_client, refusals, sign_in_as
from workbench.operations import holder_notices

KINDS: dict[str, holder_notices.NoticeKind] = {
    "measure": "measure",
    "correction-order": "correction_order",
    "appeal": "appeal",
    "change-request": "change_request",
}


def register(sub, common) -> None:
    p = sub.add_parser(
        "notify",
        help="通知账号运营者（处置、限期改正、申诉决定、变更结果）/ notify the account holder "
        "(measure, correction order, appeal decision, change-request outcome)",
        parents=[common],
    )
    p.add_argument(
        "kind",
        choices=list(KINDS),
        metavar="KIND",
        help="通知的事项 / what to tell: " + " | ".join(KINDS),
    )
    p.add_argument("entity_id", type=int, metavar="ID", help="记录编号 / the record's id")
    p.add_argument(
        "--language",
        choices=["zh_CN", "en"],
        default="zh_CN",
        help="通知的语言 / the notice's language (default zh_CN)",
    )
    p.add_argument(
        "--preview", action="store_true", help="只预览，不发送 / print the notice, send nothing"
    )
    p.add_argument("--as", dest="as_login", metavar="LOGIN", required=True, help=AS_HELP)
    p.set_defaults(handler=cmd_notify)


def cmd_notify(args) -> int:
    kind = KINDS[args.kind]
    client = open_client(args.database)
    try:
        sign_in_as(client, args.as_login)
        with refusals():
            draft = client.call(
                holder_notices.preview_holder_notice,
                kind=kind,
                entity_id=args.entity_id,
                language=args.language,
            )
            reply_id = None
            if not args.preview:
                reply_id = client.call(
                    holder_notices.send_holder_notice,
                    kind=kind,
                    entity_id=args.entity_id,
                    language=args.language,
                )
    finally:
        client.close()
    print(
        json.dumps(
            {
                "kind": args.kind,
                "id": args.entity_id,
                "reply": reply_id,
                "to": draft.recipient_address,
                "template": draft.template,
                "subject": draft.subject,
                "body": draft.body,
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return 0
