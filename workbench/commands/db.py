"""``workbench db upgrade``: create or upgrade the schema.

``workbench db grant ROLE``: on a shared PostgreSQL database, run by its
owner, gives a reviewer's login role what the application needs and no more
(see :mod:`workbench.pg_roles`); run it again after each upgrade.
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from workbench.commands import CommandError, ensure_seeded
from workbench.db import DatabaseUrlError, make_engine
from workbench.pg_roles import GrantError, grant
from workbench.schema import SchemaTooNewError, upgrade


def register(sub, common) -> None:
    db = sub.add_parser("db", help="数据库维护 / database maintenance", parents=[common])
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser(
        "upgrade", help="创建或升级数据库结构 / create or upgrade the schema", parents=[common]
    )
    up.set_defaults(handler=cmd_upgrade)
    gr = db_sub.add_parser(
        "grant",
        help="授予数据库登录角色使用权限 / give a PostgreSQL login role the workbench's privileges",
        parents=[common],
    )
    gr.add_argument("role", metavar="ROLE", help="an existing PostgreSQL login role")
    gr.set_defaults(handler=cmd_grant)


def cmd_upgrade(args) -> int:
    try:
        engine = make_engine(args.database)
    except DatabaseUrlError as exc:
        raise CommandError(str(exc)) from exc
    try:
        result = upgrade(engine)
        seeded = ensure_seeded(engine)
    except SchemaTooNewError as exc:
        raise CommandError(str(exc), exit_code=1) from exc
    except OperationalError as exc:
        raise CommandError(f"无法连接数据库 / cannot reach the database: {exc.orig}", 1) from exc
    finally:
        engine.dispose()
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
    try:
        engine = make_engine(args.database)
    except DatabaseUrlError as exc:
        raise CommandError(str(exc)) from exc
    try:
        result = grant(engine, args.role)
    except GrantError as exc:
        raise CommandError(str(exc), exc.exit_code) from exc
    except OperationalError as exc:
        raise CommandError(f"无法连接数据库 / cannot reach the database: {exc.orig}", 1) from exc
    finally:
        engine.dispose()
    print(
        f"已授权 / granted {result.role} on {result.database}: rows of {result.tables} tables; "
        "audit_event read and append only; alembic_version read only"
    )
    return 0
