"""``workbench reviewer add|disable|enable|reset-password|list``.

Run as an administrator (``--as LOGIN``, password from ``WORKBENCH_PASSWORD``
or a prompt); the very first reviewer of an empty database needs no ``--as``.
New passwords come from ``--password-stdin`` (the first line of standard input) or
a prompt at the terminal, never the command line; without a terminal the prompt
exits 2 saying so.  A password that is too short, a bad role or an unknown login
exits 2; a refusal (wrong password, not an administrator) exits 1.
"""

from __future__ import annotations

import sys

from workbench.commands import CommandError
from workbench.commands.acting import ask_password, open_client, refusals, sign_in_as
from workbench.models.codes import REVIEWER_ROLES
from workbench.operations import access
from workbench.operations.failures import PermissionDenied
from workbench.operations.maintenance import add_first_reviewer, reviewer_roster


def register(sub, common) -> None:
    p = sub.add_parser("reviewer", help="审核员账号 / reviewer accounts", parents=[common])
    actions = p.add_subparsers(dest="reviewer_command", metavar="ACTION", required=True)

    def action(name, help_text, handler, as_help=AS_HELP):
        a = actions.add_parser(name, help=help_text, parents=[common])
        a.add_argument("--as", dest="as_login", metavar="LOGIN", help=as_help)
        a.set_defaults(handler=handler)
        return a

    def login(a, help_text):
        a.add_argument("login", metavar="LOGIN", help=help_text)

    add = action(
        "add",
        "新增审核员 / add a reviewer",
        cmd_add,
        as_help="执行操作的管理员（空数据库的第一位审核员不需要）；密码取自 WORKBENCH_PASSWORD "
        "或终端提示 / the acting administrator (not for the first reviewer of an empty "
        "database); password from WORKBENCH_PASSWORD or a prompt",
    )
    login(add, "新审核员的登录名 / the new reviewer's login")
    add.add_argument("--name", required=True, help="显示名称 / display name")
    add.add_argument(
        "--role",
        action="append",
        required=True,
        choices=[r.value for r in REVIEWER_ROLES],  # API clients are added by api-client
        dest="roles",
        help="角色，可重复 / a role; repeat for several",
    )
    add.add_argument("--password-stdin", action="store_true", help=PASSWORD_STDIN_HELP)
    for name, zh, en, help_text, handler in (
        (
            "disable",
            "停用",
            "disable",
            "停用审核员，并结束其全部登录 / disable a reviewer and end their sign-ins",
            cmd_disable,
        ),
        ("enable", "启用", "enable", "重新启用审核员 / enable a reviewer again", cmd_enable),
    ):
        a = action(name, help_text, handler)
        login(a, f"要{zh}的审核员登录名 / the login of the reviewer to {en}")
        a.add_argument("--reason", required=True, help=f"{zh}理由（记入审计日志）/ why (audited)")
    reset = action("reset-password", "重置密码 / reset a password", cmd_reset)
    login(reset, "审核员登录名 / the reviewer's login")
    reset.add_argument("--password-stdin", action="store_true", help=PASSWORD_STDIN_HELP)
    action(
        "list",
        "列出审核员 / list reviewers",
        cmd_list,
        as_help="不需要，可省略 / not needed; accepted and ignored",
    )


AS_HELP = (
    "执行操作的管理员（密码取自 WORKBENCH_PASSWORD 或终端提示）/ the acting administrator "
    "(password from WORKBENCH_PASSWORD or a prompt)"
)
PASSWORD_STDIN_HELP = (
    "从标准输入的第一行读取新密码（无终端时使用）/ read the new password from the first "
    "line of standard input (for use without a terminal)"
)
NEW_PASSWORD_ELSEWHERE = ("用 --password-stdin 从标准输入提供", "use --password-stdin")


def _new_password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise CommandError(
                "标准输入中没有密码 / --password-stdin: standard input holds no password"
            )
        return line.rstrip("\r\n")
    first = ask_password("新密码 / new password: ", elsewhere=NEW_PASSWORD_ELSEWHERE)
    if ask_password("再输入一次 / again: ", elsewhere=NEW_PASSWORD_ELSEWHERE) != first:
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
        with refusals():
            message = work(client)
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
            try:
                add_first_reviewer(client, **fields)
            except PermissionDenied as exc:
                raise CommandError(
                    "数据库已有审核员：请用 --as 指定一位管理员 / the database has reviewers "
                    "already: name an administrator with --as LOGIN"
                ) from exc
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
