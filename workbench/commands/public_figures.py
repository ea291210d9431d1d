"""``workbench public-figures``: the names accounts may use only with an authorisation (2021/8).

``list --as LOGIN`` prints the names listed with their authorisations (JSON);
an administrator keeps the list: ``add NAME --category public_figure
[--alias OTHER]... [--note TEXT]``, ``remove ID --reason WHY``, ``authorise ID
--account PLATFORM_ID|--subject SUBJECT_ID --document REF --from DATE [--until
DATE]`` and ``withdraw AUTHORISATION_ID --reason WHY``, each with ``--as LOGIN``.
Categories: party_state_organ, enterprise_institution, organisation,
public_figure.  Exit 2 for bad input, 1 for a refusal.
"""

from __future__ import annotations

from datetime import date

from workbench.commands import CommandError
from workbench.commands.acting import AS_HELP, run_as_json
from workbench.models.regulation import FigureCategory
from workbench.operations import public_figures as ops


def _as(parser) -> None:
    parser.add_argument("--as", dest="as_login", metavar="LOGIN", required=True, help=AS_HELP)


def register(sub, common) -> None:
    p = sub.add_parser(
        "public-figures",
        help="须经授权方可使用的名称名单 / names used only with an authorisation (2021/8)",
        parents=[common],
    )
    p_sub = p.add_subparsers(dest="figures_command", metavar="ACTION", required=True)
    show = p_sub.add_parser("list", help="列出名单 / print the list (JSON)", parents=[common])
    _as(show)
    show.set_defaults(handler=cmd_list)
    add = p_sub.add_parser("add", help="加入名单 / list a name", parents=[common])
    add.add_argument("name", metavar="NAME", help="名称 / the name")
    add.add_argument(
        "--category", required=True, choices=[c.value for c in FigureCategory],
        help="类别 / what the name belongs to",
    )  # fmt: skip
    add.add_argument(
        "--alias", action="append", default=[], metavar="OTHER",
        help="别名（可重复）/ another name of the same one (repeatable)",
    )  # fmt: skip
    add.add_argument("--note", default="", help="备注 / a note")
    _as(add)
    add.set_defaults(handler=cmd_add)
    remove = p_sub.add_parser("remove", help="移出名单 / take a name off", parents=[common])
    remove.add_argument("figure_id", type=int, metavar="ID", help="名单条目编号 / the entry's id")
    remove.add_argument("--reason", required=True, help="理由 / why")
    _as(remove)
    remove.set_defaults(handler=cmd_remove)
    grant = p_sub.add_parser(
        "authorise", help="登记授权 / record an authorisation", parents=[common]
    )
    grant.add_argument("figure_id", type=int, metavar="ID", help="名单条目编号 / the entry's id")
    holder = grant.add_mutually_exclusive_group(required=True)
    holder.add_argument("--account", default="", metavar="PLATFORM_ID", help="获授权账号 / account")
    holder.add_argument(
        "--subject", default="", metavar="SUBJECT_ID",
        help="获授权的注册主体（外部编号）/ registered subject (its external id)",
    )  # fmt: skip
    grant.add_argument("--document", required=True, help="授权文件编号 / the document's reference")
    grant.add_argument(
        "--from",
        dest="valid_from",
        required=True,
        metavar="DATE",
        help="授权起始日期 / valid from, YYYY-MM-DD",
    )
    grant.add_argument(
        "--until",
        dest="valid_until",
        metavar="DATE",
        help="授权截止日期（含当日）/ valid until, YYYY-MM-DD (included)",
    )
    _as(grant)
    grant.set_defaults(handler=cmd_authorise)
    withdraw = p_sub.add_parser("withdraw", help="撤回授权 / withdraw one", parents=[common])
    withdraw.add_argument("authorisation_id", type=int, metavar="ID", help="授权编号 / its id")
    withdraw.add_argument("--reason", required=True, help="理由 / why")
    _as(withdraw)
    withdraw.set_defaults(handler=cmd_withdraw)


def _day(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"{flag} 应为 YYYY-MM-DD 日期 / {flag} must be a date YYYY-MM-DD, not {value!r}"
        ) from exc


def cmd_list(args) -> int:
    return run_as_json(args, lambda c: c.call(ops.public_figures))


def cmd_add(args) -> int:
    return run_as_json(
        args,
        lambda c: c.call(
            ops.add_public_figure,
            name=args.name,
            category=args.category,
            aliases=args.alias,
            note=args.note,
        ),
    )


def cmd_remove(args) -> int:
    return run_as_json(
        args,
        lambda c: c.call(ops.remove_public_figure, figure_id=args.figure_id, reason=args.reason),
    )


def cmd_authorise(args) -> int:
    valid_from = _day(args.valid_from, "--from")
    assert valid_from is not None  # --from is required
    valid_until = _day(args.valid_until, "--until")
    return run_as_json(
        args,
        lambda c: c.call(
            ops.authorise_public_figure,
            figure_id=args.figure_id,
            account=args.account,
            subject=args.subject,
            document_ref=args.document,
            valid_from=valid_from,
            valid_until=valid_until,
        ),
    )


def cmd_withdraw(args) -> int:
    return run_as_json(
        args,
        lambda c: c.call(
            ops.withdraw_figure_authorisation,
            authorisation_id=args.authorisation_id,
            reason=args.reason,
        ),
    )
