"""``workbench reviewer add|disable|enable|reset-password|list``.

Run as an administrator (``--as LOGIN``, password from ``WORKBENCH_PASSWORD``
or a prompt); the very first reviewer of an empty database needs no ``--as``.
New passwords come from ``--password-stdin`` or a prompt, never the command line.
"""

from __future__ import annotations

import getpass
import sys

from workbench.commands import CommandError
from workbench.commands.acting import open_client, sign_in_as
from workbench.models.codes import Role
from workbench.operations import access
from workbench.operations.failures import WorkbenchError
from workbench.operations.maintenance import add_first_reviewer, reviewer_roster


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


def _acting(client, args, *, required=True):
    if not args.as_login:
        if required:
            raise CommandError(
                "需要 --as 管理员登录名 / --as LOGIN of an administrator is required"
            )
        return None
    return sign_in_as(client, args.as_login)


def _run(args, work, *, actor_required=True) -> int:
    """``work(client)`` as the administrator ``--as`` names; prints what it returns."""
    client = open_client(args.database)
    try:
        _acting(client, args, required=actor_required)
        message = work(client)
    except WorkbenchError as exc:
        raise CommandError(str(exc), exit_code=1) from exc
    finally:
        client.close()
    print(message)
    return 0


def cmd_add(args) -> int:
    password = _new_password(args)
    login = args.login.strip()
    fields = dict(login=args.login, display_name=args.name, roles=args.roles, password=password)

    def work(client):
        if client.actor is None:  # the very first reviewer of an empty database
            add_first_reviewer(client, **fields)
        else:
            client.call(access.create_reviewer, **fields)
        return f"已添加 / added reviewer {login} ({', '.join(sorted(set(args.roles)))})"

    return _run(args, work, actor_required=False)


def _set_active(args, active: bool) -> int:
    def work(client):
        client.call(access.set_active, login=args.login, active=active, reason=args.reason)
        return f"已启用 / enabled {args.login}" if active else f"已停用 / disabled {args.login}"

    return _run(args, work)


def cmd_disable(args) -> int:
    return _set_active(args, False)


def cmd_enable(args) -> int:
    return _set_active(args, True)


def cmd_reset(args) -> int:
    password = _new_password(args)

    def work(client):
        client.call(access.reset_password, login=args.login, password=password)
        return f"已重置密码 / password reset for {args.login}"

    return _run(args, work)


def cmd_list(args) -> int:
    client = open_client(args.database)
    try:
        for r in reviewer_roster(client):
            state = "active" if r.active else "disabled"
            print(f"{r.login}\t{r.name}\t{','.join(r.roles)}\t{state}")
    finally:
        client.close()
    return 0
