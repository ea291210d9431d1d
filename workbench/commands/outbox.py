"""``workbench outbox deliver|status``: send the queued replies, see what is waiting.

``deliver`` tries every due reply once through a file drop (the default) or
SMTP and prints how many were delivered, failed for good, and left to retry;
run it from a timer.  The SMTP password is read from an environment variable
named by ``--password-env``, never from the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.commands import CommandError
from workbench.commands.acting import open_client
from workbench.models import utcnow
from workbench.operations.unattended import (
    DEFAULT_SENDER,
    FileDropTransport,
    SmtpTransport,
    default_outbox,
    deliver_replies,
    reply_counts,
)


def default_folder() -> Path:
    return default_outbox()


def register(sub, common) -> None:
    p = sub.add_parser("outbox", help="回复发件箱 / reply outbox", parents=[common])
    p_sub = p.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    d = p_sub.add_parser(
        "deliver",
        help="发送到期的回复 / deliver the replies that are due",
        parents=[common],
    )
    d.add_argument(
        "--transport",
        choices=["file", "smtp"],
        default="file",
        help="发送方式：文件投递或 SMTP / how to deliver: a file drop (default) or SMTP",
    )
    d.add_argument(
        "--folder",
        type=Path,
        help="file：投递目录（默认用户数据目录下的 outbox）/ file: drop folder (default: outbox "
        "in the user data folder)",
    )
    d.add_argument("--host", help="smtp：服务器地址 / smtp: server host")
    d.add_argument(
        "--port", type=int, default=25, help="smtp：服务器端口 / smtp: server port (default 25)"
    )
    d.add_argument(
        "--sender",
        default=None,
        help=f"发件人地址 / From address (default {DEFAULT_SENDER}; needed for smtp)",
    )
    d.add_argument(
        "--starttls", action="store_true", help="smtp：使用 STARTTLS / smtp: upgrade with STARTTLS"
    )
    d.add_argument("--username", help="smtp：登录名 / smtp: login name")
    d.add_argument(
        "--password-env",
        metavar="VAR",
        help="smtp：存放密码的环境变量名 / smtp: environment variable holding the password",
    )
    d.add_argument(
        "--limit",
        type=int,
        default=500,
        help="每次最多发送的回复数 / at most this many replies per run (default 500)",
    )
    d.set_defaults(handler=cmd_deliver)
    s = p_sub.add_parser(
        "status", help="按状态统计回复 / count replies by delivery status", parents=[common]
    )
    s.set_defaults(handler=cmd_status)


def _transport(args):
    sender = args.sender or DEFAULT_SENDER
    if args.transport == "file":
        return FileDropTransport(args.folder or default_folder(), sender=sender)
    if not args.host:
        raise CommandError("smtp 需要 --host / --transport smtp needs --host")
    if not args.sender:
        raise CommandError("smtp 需要 --sender / --transport smtp needs --sender")
    if not 0 < args.port < 65536:
        raise CommandError(f"端口无效 / invalid port {args.port}")
    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if password is None:
            raise CommandError(
                f"环境变量 {args.password_env} 未设置 / {args.password_env} is not set"
            )
    return SmtpTransport(
        args.host,
        args.port,
        sender,
        starttls=args.starttls,
        username=args.username,
        password=password,
    )


def cmd_deliver(args) -> int:
    if args.limit < 1:
        raise CommandError("--limit 须为正数 / --limit must be positive")
    transport = _transport(args)
    client = open_client(args.database)
    try:
        report = deliver_replies(client, transport, now=utcnow(), limit=args.limit)
    finally:
        client.close()
    print(
        f"已发送 / delivered: {report.delivered}  "
        f"失败 / failed: {report.failed}  待重试 / to retry: {report.retried}"
    )
    return 0


def cmd_status(args) -> int:
    client = open_client(args.database)
    try:
        counts = reply_counts(client)
    finally:
        client.close()
    for status in ("queued", "delivered", "failed", "draft"):
        print(f"{status}: {counts.get(status, 0)}")
    return 0
