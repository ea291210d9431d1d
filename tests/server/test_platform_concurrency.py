"""The platform API's requests do not wait for one another where they need not: the
pruning of expired signatures, done by every signed request, skips the rows another
open request is pruning (on PostgreSQL) instead of queueing behind its transaction."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import text

from tests.db.workflow.helpers import later
from workbench.db import session_scope
from workbench.models import ApiClient, ApiSignature, Reviewer, ReviewerRole
from workbench.platform import api_clients
from workbench.platform.api_clients import Credentials, sign

KEY = b"k" * 32
NOW = later(days=1)


def _client(engine) -> str:
    with session_scope(engine) as s:
        reviewer = Reviewer(login="api:feed", display_name="平台接口 feed")
        s.add(reviewer)
        s.flush()
        s.add(ReviewerRole(reviewer_id=reviewer.id, role="platform"))
        client = ApiClient(name="feed", reviewer_id=reviewer.id, scopes=["intake:reports"])
        s.add(client)
        s.flush()
        s.add(
            ApiSignature(
                signature="0" * 64, client_id=client.id, signed_at=NOW - timedelta(hours=1)
            )
        )
        return api_clients.secret_for(KEY, client.id, 1)


def _verify(session, secret: str, body: bytes) -> None:
    stamp = str(int(NOW.timestamp()))
    credentials = Credentials(
        client="feed", timestamp=stamp, signature=sign(secret, "POST", "/v1/reports", stamp, body)
    )
    api_clients.verify(
        session, KEY, credentials, method="POST", path="/v1/reports", body=body,
        scope="intake:reports", now=NOW,
    )  # fmt: skip


def test_a_request_does_not_wait_for_another_pruning_the_same_expired_signatures(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time by design")
    secret = _client(engine)
    first_open, second_done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def second() -> None:
        try:
            first_open.wait(20)
            with session_scope(engine) as s:
                s.execute(text("SET LOCAL lock_timeout = '3s'"))  # waiting would fail it
                _verify(s, secret, b'{"n": 2}')
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            second_done.set()

    worker = threading.Thread(target=second)
    worker.start()
    with session_scope(engine) as s:
        _verify(s, secret, b'{"n": 1}')  # prunes the expired row, holds it till commit
        first_open.set()
        assert second_done.wait(20), "the second request is still waiting"
    worker.join(20)
    assert errors == []
    with session_scope(engine, write=False) as s:
        kept = s.execute(text("SELECT count(*) FROM api_signature")).scalar_one()
    assert kept == 2  # the expired one pruned once, both new ones kept
