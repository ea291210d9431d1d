"""``workbench db upgrade``: create or upgrade the schema.

``workbench db grant ROLE``: on a shared PostgreSQL database, run by its
owner, gives the workbench server's login role what the application needs and
no more (see :mod:`workbench.pg_roles`); run it again after each upgrade.
Reviewers get no database login: they sign in to ``workbench serve``.
"""

from __future__ import annotations

from workbench.commands.acting import failures
from workbench.operations.maintenance import grant_role, upgrade_database


def register(sub, common) -> None:
    db = sub.add_parser("db", help="数据库维护 / database maintenance", parents=[common])
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser(
        "upgrade", help="创建或升级数据库结构 / create or upgrade the schema", parents=[common]
    )
    up.set_defaults(handler=cmd_upgrade)
    gr = db_sub.add_parser(
        "grant",
        help="授予工作台服务器的数据库登录角色使用权限（审核员不直接登录数据库） / give the "
        "workbench server's PostgreSQL login role its privileges (reviewers get no database "
        "login; they sign in to workbench serve)",
        parents=[common],
    )
    gr.add_argument(
        "role",
        metavar="ROLE",
        help="服务器已有的 PostgreSQL 登录角色（不能是所有者或超级用户）/ the server's existing "
        "PostgreSQL login role (not the owner, not a superuser)",
    )
    gr.set_defaults(handler=cmd_grant)


def cmd_upgrade(args) -> int:
    with failures():
        result, seeded = upgrade_database(args.database)
    if result.changed:
        print(f"schema upgraded {result.before or '(empty)'} -> {result.after}")
        if result.backup:
            print(f"backup of the previous database: {result.backup}")
    else:
        print(f"schema already current ({result.after})")
    if seeded:
        print(seeded)
    return 0


def cmd_grant(args) -> int:
    with failures():
        result = grant_role(args.database, args.role)
    print(
        f"已授权 / granted {result.role} on {result.database}: rows of {result.tables} tables; "
        "audit_event read and append only; alembic_version read only; no schema changes"
    )
    return 0
