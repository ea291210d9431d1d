"""The server runs as the PostgreSQL role ``workbench db grant`` prepares, and
that is enough: reviewers sign in, work a case with a retry key, and hear each
other's changes, while the role itself cannot touch the log or the schema
(see tests/db/security/test_pg_grant.py)."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.db.workflow.helpers import later, make_account, report
from tests.server.conftest import PASSWORD, Clock, RunningServer
from tests.server.helpers import call, token_of
from workbench.db import make_engine
from workbench.operations import cases
from workbench.operations.remote import RemoteClient
from workbench.pg_roles import grant


@pytest.fixture
def server_role(engine, request):
    """A fresh login role granted what the server needs; gone afterwards."""
    if engine.dialect.name != "postgresql":
        pytest.skip("database roles are PostgreSQL's")
    request.getfixturevalue("team")
    role = f"wbt_server_{uuid.uuid4().hex[:10]}"
    owner = engine.url.render_as_string(hide_password=False)
    admin = create_engine(owner, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    grant(engine, role)
    url = make_url(owner).set(username=role, password=None).render_as_string(hide_password=False)
    role_engine = make_engine(url)
    yield role_engine
    role_engine.dispose()
    with admin.connect() as conn:
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"),
            {"r": role},
        )
        conn.execute(text(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER'))
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


def test_the_server_works_on_its_granted_role_alone(server_role, engine):
    case = report(engine, make_account(engine)).case
    clock = Clock()
    clock.at = later(hours=1)
    running = RunningServer(server_role, clock)
    running.start()
    mod, sup = RemoteClient(running.url, timeout=10), RemoteClient(running.url, timeout=10)
    heard = threading.Event()
    sup.subscribe(lambda changes: heard.set() if case.id in changes.entities.get("case", ())
                  else None)  # fmt: skip
    connected = threading.Event()
    stream = None
    try:
        mod.sign_in("mod", PASSWORD)
        sup.sign_in("sup", PASSWORD)
        stream = sup.changes_stream(status=lambda up: connected.set() if up else None)
        stream.start()
        assert connected.wait(10)
        body = {"case_id": case.id, "expected_version": case.version}
        key = str(uuid.uuid4())
        token = mod.token
        first = call(mod._http, "claim_case", body, token, key=key)
        assert first.status_code == 200, first.text
        again = call(mod._http, "claim_case", body, token, key=key)
        assert again.headers.get("Idempotent-Replayed") == "true"
        assert heard.wait(5)
        assert mod.call(cases.release_claim, case_id=case.id) == case.id
        assert token_of(mod._http, "mod2")  # sign-in writes its session as the role
        assert mod._http.delete("/api/v1/session",
                                headers={"Authorization": f"Bearer {token}"}).status_code == 204  # fmt: skip
        clock.at = later(days=30)
        running.app.state.ticker.tick_once()  # clocks, and pruning old sessions and answers
    finally:
        if stream is not None:
            stream.stop()
        mod.close()
        sup.close()
        running.stop()
