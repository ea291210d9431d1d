"""``workbench bulk measure|reply``: one decision on many cases, all or nothing.

``workbench bulk measure --case ID[@VERSION] ... --code CODE [--days N] [--basis B]
--reason TEXT --as LOGIN`` disposes of every case in screening with the measure
(a severe one waits for a supervisor's approval on each case);
``workbench bulk reply --case ID[@VERSION] ... [--template NAME] --as LOGIN``
replies to the reporters of every case.  A case given without ``@VERSION`` is
taken at the version it has now.  ``--preview`` prints what would happen to each
case and changes nothing.  When one case refuses nothing is done and the refusal
names it (exit 1); bad input exits 2.
"""

from __future__ import annotations

from workbench.commands import CommandError
from workbench.commands.acting import AS_HELP, run_as_json
from workbench.operations import cases, reads
from workbench.operations.cases import MeasureSpec


def _case_ref(text: str) -> tuple[int, int | None]:
    case, _, version = text.partition("@")
    try:
        return int(case), (int(version) if version else None)
    except ValueError:
        raise CommandError(
            f"案件格式应为 ID 或 ID@版本：{text!r} / a case is ID or ID@VERSION, not {text!r}"
        ) from None


def _common(cmd) -> None:
    cmd.add_argument(
        "--case", dest="cases", action="append", required=True, metavar="ID[@VERSION]",
        help="案件（可重复）/ a case (repeat for each)",
    )  # fmt: skip
    cmd.add_argument(
        "--preview", action="store_true", help="只预览，不执行 / print what would happen only"
    )
    cmd.add_argument("--as", dest="as_login", metavar="LOGIN", required=True, help=AS_HELP)


def register(sub, common) -> None:
    p = sub.add_parser("bulk", help="批量处置与回复 / bulk measures and replies", parents=[common])
    p_sub = p.add_subparsers(dest="bulk_command", metavar="ACTION", required=True)
    m = p_sub.add_parser(
        "measure", help="批量处置（全部或全不）/ one measure on many cases", parents=[common]
    )
    _common(m)
    m.add_argument("--code", required=True, help="措施代码 / the measure's code (e.g. warn)")
    m.add_argument("--days", type=int, help="期限天数 / days, for a time-limited measure")
    m.add_argument(
        "--basis", default="", help="法律依据（默认取甄别结论）/ legal basis (default: findings')"
    )
    m.add_argument("--reason", required=True, help="理由 / the reason")
    m.set_defaults(handler=cmd_bulk_measure)
    r = p_sub.add_parser(
        "reply", help="批量回复举报人（全部或全不）/ reply on many cases", parents=[common]
    )
    _common(r)
    r.add_argument("--template", help="回复模板（默认按案件状态）/ template (default: by status)")
    r.set_defaults(handler=cmd_bulk_reply)


def _run(args, call) -> int:
    refs = [_case_ref(text) for text in args.cases]

    def work(client):
        items = [
            (case_id, version if version is not None else
             client.call(reads.case_detail, case_id=case_id).version)
            for case_id, version in refs
        ]  # fmt: skip
        return call(client, items)

    return run_as_json(args, work)


def cmd_bulk_measure(args) -> int:
    params = {"days": args.days} if args.days else {}
    spec = MeasureSpec(code=args.code, basis=args.basis, reason=args.reason, params=params)
    return _run(
        args,
        lambda c, items: c.call(
            cases.bulk_measures, items=items, measures=[spec], preview=args.preview
        ),
    )


def cmd_bulk_reply(args) -> int:
    return _run(
        args,
        lambda c, items: c.call(
            cases.bulk_reply, items=items, template=args.template, preview=args.preview
        ),
    )
