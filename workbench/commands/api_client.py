"""``workbench api-client add|list|disable|enable|rotate``: the platform's API clients.

Run as an administrator (``--as LOGIN``) on the server's machine, as the
server's user: ``add`` and ``rotate`` print the client's secret once, derived
from the server's key file (``--key-file``, default ``server.key`` in the user
data folder, as ``workbench serve`` uses).  The secret is not stored anywhere:
put it in the platform's secret store at once.  The same operations are
available to an administrator through the server.
"""

from __future__ import annotations

from workbench.commands import CommandError
from workbench.commands.acting import open_client, sign_in_as
from workbench.operations import api_clients
from workbench.operations.failures import WorkbenchError
from workbench.server_key import KeyFileError, load_key

NAME_HELP = "客户端名称 / the client's name"


def register(sub, common) -> None:
    p = sub.add_parser(
        "api-client", help="平台接口客户端 / the platform's API clients", parents=[common]
    )
    actions = p.add_subparsers(dest="api_client_command", metavar="ACTION", required=True)

    def action(name, help_text, handler, *, key=False):
        a = actions.add_parser(name, help=help_text, parents=[common])
        a.add_argument(
            "--as", dest="as_login", metavar="LOGIN",
            help="以该管理员身份操作（密码取自 WORKBENCH_PASSWORD 或提示）/ the acting "
            "administrator (password from WORKBENCH_PASSWORD or a prompt)",
        )  # fmt: skip
        if key:
            a.add_argument(
                "--key-file",
                help="服务器密钥文件 / the server's key file (default: as workbench serve)",
            )
        a.set_defaults(handler=handler)
        return a

    add = action("add", "登记客户端并显示密钥 / register a client, show its secret", cmd_add, key=True)
    add.add_argument("name", help=NAME_HELP)
    add.add_argument(
        "--scope",
        action="append",
        required=True,
        choices=list(api_clients.SCOPES),
        dest="scopes",
        help="权限范围，可多次给出 / a scope (repeat for several)",
    )
    action("list", "列出客户端 / list clients", cmd_list)
    for name, text, handler in (
        ("disable", "停用客户端（其请求立即被拒）/ disable a client (refused at once)", cmd_disable),
        ("enable", "重新启用客户端 / enable a client again", cmd_enable),
    ):
        a = action(name, text, handler)
        a.add_argument("name", help=NAME_HELP)
        a.add_argument("--reason", default="", help="理由，记入审计 / why (audited)")
    rotate = action("rotate", "更换密钥（旧密钥立即失效）/ rotate the secret", cmd_rotate, key=True)
    rotate.add_argument("name", help=NAME_HELP)
    webhook = action(
        "webhook",
        "登记接收回复、通知和处置措施的 Webhook 地址（空字符串即取消）/ register the URL the "
        "client's replies, notices and measures are sent to (an empty string removes it)",
        cmd_webhook,
    )
    webhook.add_argument("name", help=NAME_HELP)
    webhook.add_argument("url", help="http:// 或 https:// 地址 / an http:// or https:// URL")


def _run(args, work) -> int:
    if not args.as_login:
        raise CommandError("需要 --as 管理员登录名 / --as LOGIN of an administrator is required")
    if hasattr(args, "key_file"):  # add and rotate issue a secret
        try:
            api_clients.use_server_key(load_key(args.key_file, create=False))
        except KeyFileError as exc:
            raise CommandError(
                f"{exc}（请先启动一次 workbench serve，或给出 --key-file）/ start workbench serve "
                "once, or give --key-file"
            ) from exc
    client = open_client(args.database)
    try:
        sign_in_as(client, args.as_login)
        message = work(client)
    except WorkbenchError as exc:
        raise CommandError(str(exc), exit_code=1) from exc
    finally:
        client.close()
    print(message)
    return 0


def _issued(issued: api_clients.IssuedSecret, verb: str) -> str:
    return (
        f"{verb} {issued.name} (id {issued.client_id}; {', '.join(issued.scopes)})\n"
        f"secret: {issued.secret}\n"
        "此密钥只显示这一次，请立即存入平台的密钥库 / the secret is shown only now: keep it "
        "in the platform's secret store"
    )


def cmd_add(args) -> int:
    return _run(
        args,
        lambda client: _issued(
            client.call(api_clients.add_api_client, name=args.name, scopes=args.scopes),
            "已登记 / registered",
        ),
    )


def cmd_rotate(args) -> int:
    return _run(
        args,
        lambda client: _issued(
            client.call(api_clients.rotate_api_client_secret, name=args.name),
            "已更换密钥，旧密钥已失效 / rotated; the old secret no longer works:",
        ),
    )


def cmd_list(args) -> int:
    def work(client) -> str:
        lines = [
            f"{c.name}\t{','.join(c.scopes)}\t{'active' if c.active else 'disabled'}\t"
            f"generation {c.generation}"
            for c in client.call(api_clients.list_api_clients)
        ]
        return "\n".join(lines) or "（没有客户端）/ no clients"

    return _run(args, work)


def _set_active(args, active: bool) -> int:
    def work(client) -> str:
        client.call(
            api_clients.set_api_client_active, name=args.name, active=active, reason=args.reason
        )
        return f"已启用 / enabled {args.name}" if active else f"已停用 / disabled {args.name}"

    return _run(args, work)


def cmd_disable(args) -> int:
    return _set_active(args, False)


def cmd_enable(args) -> int:
    return _set_active(args, True)


def cmd_webhook(args) -> int:
    def work(client) -> str:
        url = client.call(api_clients.set_api_client_webhook, name=args.name, url=args.url)
        if url is None:
            return f"已取消 {args.name} 的 Webhook / {args.name} has no webhook now"
        return f"{args.name} 的消息将发送到 / {args.name}'s messages go to {url}"

    return _run(args, work)
