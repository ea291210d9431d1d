"""``workbench db grant ROLE``: a reviewer's login works the queues and cannot touch the log."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tests.db.workflow.helpers import act, audit_ok, later, make_account, make_team, report
from workbench.cli import main
from workbench.db import make_engine
from workbench.queues import transitions as t


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
