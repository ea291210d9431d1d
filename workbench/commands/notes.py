"""``workbench note`` and ``workbench tag``: internal notes and case tags.

``workbench note add --case ID|--account ID --text TEXT --as LOGIN`` adds a note
for reviewers (at most 2,000 characters; ``--text -`` reads it from standard
input); ``workbench note list --case ID|--account ID --as LOGIN`` prints the
notes, personal data masked (JSON).  ``workbench tag add|remove --case ID NAME
--as LOGIN`` puts a tag from the managed list on a case or takes it off;
``workbench tag list [--case ID] --as LOGIN`` prints the list or a case's tags;
``workbench tag define|retire NAME --as LOGIN`` keeps the list (supervisors,
administrators).  Exit 2 for bad input, 1 for a refusal.
"""

from __future__ import annotations

import sys

from workbench.commands import CommandError
from workbench.commands.acting import AS_HELP, run_as_json
from workbench.operations import notes


def _target(parser, *, required: bool = True) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--case", dest="case_id", type=int, metavar="ID", help="案件 / case id")
    group.add_argument(
        "--account", dest="account_id", type=int, metavar="ID", help="账号 / account id"
    )


def _as(parser) -> None:
    parser.add_argument("--as", dest="as_login", metavar="LOGIN", required=True, help=AS_HELP)


def register(sub, common) -> None:
    p = sub.add_parser("note", help="内部备注 / internal notes for reviewers", parents=[common])
    p_sub = p.add_subparsers(dest="note_command", metavar="ACTION", required=True)
    add = p_sub.add_parser("add", help="添加备注 / add a note", parents=[common])
    _target(add)
    add.add_argument(
        "--text", required=True, help="备注内容（- 从标准输入读取）/ the note ('-': standard input)"
    )
    _as(add)
    add.set_defaults(handler=cmd_note_add)
    show = p_sub.add_parser("list", help="列出备注 / print the notes (JSON)", parents=[common])
    _target(show)
    _as(show)
    show.set_defaults(handler=cmd_note_list)

    t = sub.add_parser("tag", help="案件标签 / case tags", parents=[common])
    t_sub = t.add_subparsers(dest="tag_command", metavar="ACTION", required=True)
    for action, help_text, handler in (
        ("add", "给案件加标签 / tag a case", cmd_tag_add),
        ("remove", "去掉案件标签 / take a tag off a case", cmd_tag_remove),
    ):
        cmd = t_sub.add_parser(action, help=help_text, parents=[common])
        cmd.add_argument(
            "--case", dest="case_id", type=int, metavar="ID", required=True,
            help="案件编号 / the case's id",
        )  # fmt: skip
        cmd.add_argument("name", metavar="NAME", help="标签名 / the tag's name")
        _as(cmd)
        cmd.set_defaults(handler=handler)
    for action, help_text, handler in (
        ("define", "在标签列表中添加 / add a tag to the list", cmd_tag_define),
        ("retire", "停用标签 / retire a tag from the list", cmd_tag_retire),
    ):
        cmd = t_sub.add_parser(action, help=help_text, parents=[common])
        cmd.add_argument("name", metavar="NAME", help="标签名 / the tag's name")
        _as(cmd)
        cmd.set_defaults(handler=handler)
    show = t_sub.add_parser(
        "list", help="标签列表或案件的标签 / the list, or a case's tags (JSON)", parents=[common]
    )
    show.add_argument(
        "--case", dest="case_id", type=int, metavar="ID",
        help="只列该案件的标签 / only the tags of this case",
    )  # fmt: skip
    show.add_argument("--retired", action="store_true", help="含已停用 / include retired tags")
    _as(show)
    show.set_defaults(handler=cmd_tag_list)


_run = run_as_json


def _where(args) -> dict:
    return {"case_id": args.case_id, "account_id": args.account_id}


def cmd_note_add(args) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise CommandError(
            "--text 为空 / --text is empty: write what the next reviewer should know"
        )
    return _run(args, lambda c: {"note_id": c.call(notes.add_note, body=text, **_where(args))})


def cmd_note_list(args) -> int:
    return _run(args, lambda c: c.call(notes.list_notes, **_where(args)))


def cmd_tag_add(args) -> int:
    return _run(args, lambda c: c.call(notes.tag_case, case_id=args.case_id, name=args.name))


def cmd_tag_remove(args) -> int:
    return _run(args, lambda c: c.call(notes.untag_case, case_id=args.case_id, name=args.name))


def cmd_tag_define(args) -> int:
    return _run(args, lambda c: c.call(notes.define_tag, name=args.name))


def cmd_tag_retire(args) -> int:
    return _run(args, lambda c: c.call(notes.retire_tag, name=args.name))


def cmd_tag_list(args) -> int:
    if args.case_id is not None:
        return _run(args, lambda c: c.call(notes.case_tags, case_id=args.case_id))
    return _run(args, lambda c: c.call(notes.list_tags, include_retired=args.retired))
