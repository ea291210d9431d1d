"""``workbench db grant ROLE``: the server's login works the queues and cannot touch the
log or the schema; reviewers themselves get no database login."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tests.db.workflow.helpers import act, audit_ok, later, make_account, make_team, report
from workbench.cases import transitions as t
from workbench.cli import main
from workbench.db import make_engine


@pytest.fixture
def login_role(pg_engine):
    """A fresh PostgreSQL login role; its privileges and the role go away afterwards."""
    role = f"wbt_reviewer_{uuid.uuid4().hex[:10]}"
    owner = pg_engine.url.render_as_string(hide_password=False)
    admin = create_engine(owner, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    yield owner, role
    with admin.connect() as conn:
        conn.execute(text(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER'))
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


def _refused(engine, statement: str) -> str:
    with engine.connect() as conn, pytest.raises(DBAPIError) as info:
        conn.execute(text(statement))
        conn.commit()
    return str(info.value.orig).lower()


def test_a_granted_role_works_cases_and_cannot_change_the_audit_log(login_role, capsys):
    owner, role = login_role
    assert main(["db", "grant", role, "--database", owner]) == 0
    assert role in capsys.readouterr().out
    url = make_url(owner).set(username=role, password=None).render_as_string(hide_password=False)
    engine = make_engine(url)
    try:
        team = make_team(engine)
        account = make_account(engine)
        case = report(engine, account).case
        done = act(engine, t.accept_case, team.mod, case.id, expected_version=case.version,
                   now=later(hours=1))  # fmt: skip
        assert done.status == "accepted"
        assert audit_ok(engine)
        for statement in (
            "UPDATE audit_event SET reason = 'changed'",
            "DELETE FROM audit_event",
            "TRUNCATE audit_event",
            "UPDATE alembic_version SET version_num = 'x'",
            "DROP TABLE account",
            "ALTER TABLE audit_event DISABLE TRIGGER ALL",
            "CREATE TABLE sneaky (x int)",
            "CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        ):
            message = _refused(engine, statement)
            assert "permission denied" in message or "must be owner" in message, statement
        assert audit_ok(engine)
        # The command line opens the database as this role too (schema check included).
        assert main(["audit", "verify", "--database", url]) == 0
    finally:
        engine.dispose()


def test_an_unknown_role_exits_2_naming_it(pg_engine, capsys):
    owner = pg_engine.url.render_as_string(hide_password=False)
    assert main(["db", "grant", "no_such_reviewer_role", "--database", owner]) == 2
    assert "no_such_reviewer_role" in capsys.readouterr().err


def test_sqlite_is_refused_with_a_reason(sqlite_engine, capsys):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    assert main(["db", "grant", "someone", "--database", url]) == 2
    assert "PostgreSQL" in capsys.readouterr().err


def test_the_granted_role_holds_no_schema_privilege_and_nothing_on_the_log_but_read_and_append(
    login_role,
):
    owner, role = login_role
    assert main(["db", "grant", role, "--database", owner]) == 0
    engine = create_engine(owner)
    try:
        with engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar_one()
            checks = {
                f"{kind} on schema": conn.execute(
                    text("SELECT has_schema_privilege(:r, :s, :k)"),
                    {"r": role, "s": schema, "k": kind},
                ).scalar_one()
                for kind in ("CREATE", "USAGE")
            }
            for kind in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "TRIGGER"):
                checks[f"{kind} on audit_event"] = conn.execute(
                    text("SELECT has_table_privilege(:r, 'audit_event', :k)"), {"r": role, "k": kind}
                ).scalar_one()
            owned = conn.execute(
                text("SELECT count(*) FROM pg_tables WHERE tableowner = :r"), {"r": role}
            ).scalar_one()
    finally:
        engine.dispose()
    assert checks == {
        "CREATE on schema": False,
        "USAGE on schema": True,
        "SELECT on audit_event": True,
        "INSERT on audit_event": True,
        "UPDATE on audit_event": False,
        "DELETE on audit_event": False,
        "TRUNCATE on audit_event": False,
        "TRIGGER on audit_event": False,
    }
    assert owned == 0


def test_an_owner_or_superuser_role_is_refused(login_role, capsys):
    owner, role = login_role
    superuser = make_url(owner).username
    assert main(["db", "grant", superuser, "--database", owner]) == 2
    assert "superuser" in capsys.readouterr().err
    admin = create_engine(owner, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER TABLE reviewer_session OWNER TO "{role}"'))
        assert main(["db", "grant", role, "--database", owner]) == 2
        err = capsys.readouterr().err
        assert "owner of table reviewer_session" in err and role in err
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER'))
        admin.dispose()
