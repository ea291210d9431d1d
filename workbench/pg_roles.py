"""What the workbench server's PostgreSQL login may do in a team's database.

Reviewers get no database login: they sign in to ``workbench serve``, and
the server alone connects to the database, as a login role of its own.  The
database owner creates the schema (``workbench db upgrade``) and then grants
the server's role exactly what the application needs
(``workbench db grant ROLE``): to connect, to read and change the rows of the
workbench tables and use their sequences, to read and append audit events
but never change, delete or truncate them, and to read the schema version.
It gets no CREATE on the schema and must not own it, the database or any
table (nor be a superuser), so the server cannot alter the schema or switch
off the audit log's triggers; a role that is any of these is refused.  The
audit log's triggers refuse changes even for the owner; the missing
privileges make the refusal come from the database's access control as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import ProgrammingError
from sqlmodel import SQLModel

import workbench.models  # noqa: F401  (fills the metadata)

AUDIT_TABLE = "audit_event"
VERSION_TABLE = "alembic_version"
ROW_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"


class GrantError(Exception):
    """The grant cannot be made; the message says why, Chinese first."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class GrantResult:
    role: str
    database: str
    tables: int
    statements: tuple[str, ...]


def workbench_tables() -> list[str]:
    """The application's tables, in dependency order."""
    return [t.name for t in SQLModel.metadata.sorted_tables]


def grant_statements(role: str, database: str, schema: str, tables: list[str]) -> list[str]:
    """The GRANT and REVOKE statements that give ``role`` what the workbench needs."""

    def q(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    who = q(role)
    out = [
        f"GRANT CONNECT ON DATABASE {q(database)} TO {who}",
        f"REVOKE ALL ON SCHEMA {q(schema)} FROM {who}",
        f"GRANT USAGE ON SCHEMA {q(schema)} TO {who}",  # no CREATE: the schema is the owner's
    ]
    for table in tables:
        name = f"{q(schema)}.{q(table)}"
        out.append(f"REVOKE ALL ON TABLE {name} FROM {who}")
        if table == AUDIT_TABLE:
            out.append(f"GRANT SELECT, INSERT ON TABLE {name} TO {who}")
        elif table == VERSION_TABLE:
            out.append(f"GRANT SELECT ON TABLE {name} TO {who}")
        else:
            out.append(f"GRANT {ROW_PRIVILEGES} ON TABLE {name} TO {who}")
    out.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q(schema)} TO {who}")
    return out


def grant(engine: Engine, role: str) -> GrantResult:
    """Give the server's existing login ``role`` the workbench's privileges (run as
    the owner); refused for a role that owns the schema, the database or a table,
    or is a superuser: it would hold far more than the grant says."""
    if engine.dialect.name != "postgresql":
        raise GrantError(
            "数据库角色授权只适用于 PostgreSQL；SQLite 文件由操作系统的文件权限保护 / "
            "db grant works on PostgreSQL only; an SQLite file is protected by the "
            "operating system's file permissions"
        )
    with engine.begin() as conn:
        found = conn.execute(
            text("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = :r"), {"r": role}
        ).first()
        if found is None:
            raise GrantError(
                f"数据库角色 {role} 不存在，请先 CREATE ROLE {role} LOGIN / "
                f"no PostgreSQL role named {role!r}; create it first (CREATE ROLE … LOGIN)"
            )
        if not found[0]:
            raise GrantError(
                f"数据库角色 {role} 不能登录 / the role {role!r} cannot log in (NOLOGIN)"
            )
        database, schema, user = conn.execute(
            text("SELECT current_database(), current_schema(), current_user")
        ).one()
        owns = _owned_by(conn, role, database, schema)
        if found[1] or owns:
            what = "a superuser" if found[1] else f"the owner of {owns}"
            raise GrantError(
                f"数据库角色 {role} 权限过大（{'超级用户' if found[1] else '拥有 ' + owns}），"
                f"服务器请使用单独的登录角色 / the role {role!r} is {what}: it would hold far "
                "more than the grant gives; create a login role of its own for the server"
            )
        present = set(inspect(conn).get_table_names(schema=schema))
        tables = workbench_tables() + [VERSION_TABLE]
        missing = [t for t in tables if t not in present]
        if missing:
            raise GrantError(
                f"数据库尚未建立结构，请先运行 workbench db upgrade / the schema is missing "
                f"({', '.join(missing[:3])}…): run workbench db upgrade first",
                exit_code=1,
            )
        statements = grant_statements(role, database, schema, tables)
        try:
            for statement in statements:
                conn.execute(text(statement))
        except ProgrammingError as exc:
            raise GrantError(
                f"授权失败：须由数据库所有者执行（当前为 {user}） / the grant was refused; "
                f"run it as the database owner (connected as {user}): {exc.orig}",
                exit_code=1,
            ) from exc
    return GrantResult(role, database, len(tables), tuple(statements))


def _owned_by(conn, role: str, database: str, schema: str) -> str:
    """What of the workbench's ``role`` owns (the database, the schema, a table), or ""."""
    row = conn.execute(
        text(
            "SELECT"
            " (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :d) = :r,"
            " (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = :s) = :r,"
            " (SELECT min(tablename) FROM pg_tables WHERE schemaname = :s AND tableowner = :r)"
        ),
        {"d": database, "s": schema, "r": role},
    ).one()
    if row[0]:
        return f"database {database}"
    if row[1]:
        return f"schema {schema}"
    return f"table {row[2]}" if row[2] else ""
