"""``workbench reviewer add|disable|enable|reset-password|list``.

Run as an administrator (``--as LOGIN``, password from ``WORKBENCH_PASSWORD``
or a prompt); the very first reviewer of an empty database needs no ``--as``.
New passwords come from ``--password-stdin`` or a prompt, never the command line.
"""

from __future__ import annotations

import getpass
import sys

from sqlmodel import select

from workbench.commands import CommandError, open_database
from workbench.commands.acting import sign_in_as
from workbench.db import session_scope
from workbench.models import Reviewer
from workbench.models.codes import Role
from workbench.queues import auth
from workbench.queues.errors import WorkbenchError


def register(sub, common) -> None:
    p = sub.add_parser("reviewer", help="审核员账号 / reviewer accounts", parents=[common])
    actions = p.add_subparsers(dest="reviewer_command", metavar="ACTION", required=True)

    def action(name, help_text, handler):
        a = actions.add_parser(name, help=help_text, parents=[common])
        a.add_argument("--as", dest="as_login", metavar="LOGIN", help="acting administrator")
        a.set_defaults(handler=handler)
        return a

    add = action("add", "新增审核员 / add a reviewer", cmd_add)
    add.add_argument("login")
    add.add_argument("--name", required=True, help="display name")
    add.add_argument(
        "--role", action="append", required=True, choices=[r.value for r in Role], dest="roles"
    )
    add.add_argument("--password-stdin", action="store_true")
    for name, handler in (("disable", cmd_disable), ("enable", cmd_enable)):
        a = action(name, f"{name} a reviewer", handler)
        a.add_argument("login")
        a.add_argument("--reason", required=True)
    reset = action("reset-password", "重置密码 / reset a password", cmd_reset)
    reset.add_argument("login")
    reset.add_argument("--password-stdin", action="store_true")
    action("list", "列出审核员 / list reviewers", cmd_list)


def _new_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("新密码 / new password: ")
    if getpass.getpass("再输入一次 / again: ") != first:
        raise CommandError("两次输入的密码不一致 / the passwords differ")
    return first


def _acting(engine, args, *, required=True):
    if not args.as_login:
        if required:
            raise CommandError(
                "需要 --as 管理员登录名 / --as LOGIN of an administrator is required"
            )
        return None
    return sign_in_as(engine, args.as_login)


def _run(args, work, *, actor_required=True) -> int:
    engine = open_database(args.database)
    try:
        actor = _acting(engine, args, required=actor_required)
        with session_scope(engine) as session:
            message = work(session, actor)
    except WorkbenchError as exc:
        raise CommandError(str(exc), exit_code=1) from exc
    finally:
        engine.dispose()
    print(message)
    return 0


def cmd_add(args) -> int:
    password = _new_password(args)

    def work(session, actor):
        r = auth.create_reviewer(
            session,
            actor,
            login=args.login,
            display_name=args.name,
            roles=args.roles,
            password=password,
        )
        return f"已添加 / added reviewer {r.login} ({', '.join(sorted(set(args.roles)))})"

    return _run(args, work, actor_required=False)


def cmd_disable(args) -> int:
    return _run(
        args,
        lambda s, a: (
            f"已停用 / disabled {auth.set_active(s, a, args.login, False, reason=args.reason).login}"
        ),
    )


def cmd_enable(args) -> int:
    return _run(
        args,
        lambda s, a: (
            f"已启用 / enabled {auth.set_active(s, a, args.login, True, reason=args.reason).login}"
        ),
    )


def cmd_reset(args) -> int:
    password = _new_password(args)
    return _run(
        args,
        lambda s, a: (
            f"已重置密码 / password reset for {auth.reset_password(s, a, args.login, password).login}"
        ),
    )


def cmd_list(args) -> int:
    engine = open_database(args.database)
    try:
        with session_scope(engine, write=False) as session:
            for r in session.exec(select(Reviewer).order_by(Reviewer.login)):
                actor = auth.actor_of(session, r)
                state = "active" if r.active else "disabled"
                print(f"{r.login}\t{r.display_name}\t{','.join(sorted(actor.roles))}\t{state}")
    finally:
        engine.dispose()
    return 0
