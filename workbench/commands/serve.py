"""``workbench serve``: the team server that alone holds the database credentials.

Reviewers' desktops sign in to it; they get no database login.  See the
README's team section for TLS (``--certfile/--keyfile`` or a reverse proxy)
and a systemd unit.
"""

from __future__ import annotations

from workbench.commands import CommandError
from workbench.operations.database import DatabaseOpenError
from workbench.server.main import ServeOptions, prepare, serve
from workbench.server_key import KeyFileError


def _listen(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(
            f"--listen 应为 主机:端口，例如 127.0.0.1:8750 / --listen must be HOST:PORT, got {value!r}"
        )
    return host.strip("[]"), int(port)


def register(sub, common) -> None:
    p = sub.add_parser(
        "serve",
        help="启动团队服务器 / run the team server (HTTP API for desktops and the platform)",
        parents=[common],
        description="启动工作台服务器：审核员的桌面端登录到服务器，只有服务器持有数据库凭据。"
        " / Run the workbench server: desktops sign in to it; only it holds the database "
        "credentials.",
    )
    p.add_argument(
        "--listen",
        default="127.0.0.1:8750",
        metavar="HOST:PORT",
        help="监听地址 / address to listen on (default 127.0.0.1:8750)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="进程数 / worker processes (PostgreSQL only for more than one)",
    )
    p.add_argument("--certfile", help="TLS 证书 / TLS certificate (PEM)")
    p.add_argument("--keyfile", help="TLS 私钥 / TLS private key (PEM)")
    p.add_argument(
        "--session-hours",
        type=float,
        default=12.0,
        help="登录有效时长（小时）/ how long a sign-in lasts (hours, default 12)",
    )
    p.add_argument(
        "--behind-proxy",
        action="store_true",
        help="在反向代理之后（信任其 X-Forwarded-* 头）/ trust X-Forwarded-* from the proxy",
    )
    p.add_argument(
        "--key-file",
        help="服务器密钥文件（平台接口密钥由此派生，仅服务器可读）/ the server's key file: the "
        "platform API clients' secrets derive from it (default: server.key in the user data "
        "folder, created 0600 on first start)",
    )
    p.add_argument(
        "--checkpoints",
        metavar="FILE",
        help="审计链检查点文件（服务器定期写入签名检查点）/ the file the server appends signed "
        "audit chain checkpoints to (default: audit-checkpoints.jsonl in the user data folder)",
    )
    p.add_argument(
        "--checkpoint-minutes",
        type=float,
        default=10.0,
        metavar="N",
        help="检查点间隔（分钟）/ minutes between checkpoints (default 10)",
    )
    p.add_argument(
        "--sweep-minutes",
        type=float,
        default=5.0,
        metavar="N",
        help="案件清理间隔（分钟）：释放过期认领、结束到期措施、升级逾期整改、关闭已结案件；0 表示"
        "交给定时任务 / minutes between the server's case sweeps (expired claims, ended "
        "measures, missed corrections, settled cases; default 5; 0 leaves it to a cron job "
        "running `workbench cases sweep`)",
    )
    p.add_argument(
        "--intake-nice",
        type=int,
        default=10,
        metavar="N",
        help="批量接收进程的 CPU 优先级降低多少（nice，0–19；仅 PostgreSQL）：平台批量推送时审核员的操作"
        "优先 / how much lower the CPU priority of each worker's bulk intake process is "
        "(nice 0-19, default 10; PostgreSQL only): the reviewers' requests come first while "
        "the platform sends batches",
    )
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args) -> int:
    host, port = _listen(args.listen)
    if args.workers < 1:
        raise CommandError("--workers 至少为 1 / --workers must be at least 1")
    if bool(args.certfile) != bool(args.keyfile):
        raise CommandError(
            "--certfile 与 --keyfile 须同时给出 / give both --certfile and --keyfile"
        )
    if not 0 < args.checkpoint_minutes <= 24 * 60:
        raise CommandError(
            "--checkpoint-minutes 应在 0–1440 之间 / --checkpoint-minutes must be 0-1440"
        )
    if not 0 <= args.sweep_minutes <= 24 * 60:
        raise CommandError("--sweep-minutes 应在 0–1440 之间 / --sweep-minutes must be 0-1440")
    if not 0 <= args.intake_nice <= 19:
        raise CommandError("--intake-nice 应在 0–19 之间 / --intake-nice must be 0-19")
    if not 0 < args.session_hours <= 24 * 30:
        raise CommandError("--session-hours 应在 0–720 之间 / --session-hours must be 0-720")
    database = getattr(args, "database", None)
    if args.workers > 1 and (database or "").startswith("sqlite"):
        raise CommandError(
            "SQLite 只能单进程服务 / an SQLite file is served by one process: use PostgreSQL "
            "for --workers > 1"
        )
    try:
        seeded = prepare(database, args.key_file)
    except DatabaseOpenError as exc:
        raise CommandError(str(exc), exit_code=exc.exit_code) from exc
    except KeyFileError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    if seeded:
        print(seeded)
    serve(
        ServeOptions(
            database=database,
            host=host,
            port=port,
            workers=args.workers,
            certfile=args.certfile,
            keyfile=args.keyfile,
            session_hours=args.session_hours,
            proxy_headers=args.behind_proxy,
            key_file=args.key_file,
            checkpoints=args.checkpoints,
            checkpoint_minutes=args.checkpoint_minutes,
            sweep_minutes=args.sweep_minutes,
            intake_nice=args.intake_nice,
        )
    )
    return 0
