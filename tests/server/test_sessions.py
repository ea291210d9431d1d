"""Server sign-in tokens: they expire, an administrator ends them by disabling
a reviewer or resetting their password, sign-out ends them, and five wrong
passwords lock a login however many clients try at once."""

from __future__ import annotations

import threading
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from tests.server.conftest import PASSWORD
from tests.server.helpers import API, bearer, call, readable_refusal, sign_in, token_of
from workbench.access import auth, sessions
from workbench.db import session_scope
from workbench.errors import NotSignedIn
from workbench.models import AuditEvent, IdempotentRequest, ReviewerSession, utcnow
from workbench.operations import access, reads

COUNTS = {"queues": ["reports"]}


def _who(http: httpx.Client, token: str) -> httpx.Response:
    return http.get(f"{API}/session", headers=bearer(token))


def test_a_token_works_until_it_expires_then_asks_to_sign_in_again(http, server_clock, engine):
    response = sign_in(http, "mod")
    assert response.status_code == 200
    token = response.json()["token"]
    with session_scope(engine, write=False) as s:
        stored = s.exec(select(ReviewerSession.token_hash)).all()
    assert token not in stored and len(stored) == 1  # only its digest is kept
    assert call(http, "queue_counts", COUNTS, token).status_code == 200
    assert _who(http, token).json()["login"] == "mod"

    server_clock.at = utcnow() + sessions.DEFAULT_LIFETIME - timedelta(minutes=1)
    assert call(http, "queue_counts", COUNTS, token).status_code == 200
    server_clock.at = utcnow() + sessions.DEFAULT_LIFETIME + timedelta(minutes=1)
    for response in (call(http, "queue_counts", COUNTS, token), _who(http, token)):
        assert response.status_code == 401
        error = readable_refusal(response, "NotSignedIn")
        assert "sign in again" in error["en"] and "重新登录" in error["zh"]


def test_disabling_a_reviewer_or_resetting_their_password_ends_their_sessions(remote, http):
    admin = remote("admin")
    mod, mod2, sup = token_of(http, "mod"), token_of(http, "mod2"), token_of(http, "sup")
    for token in (mod, mod2, sup):
        assert call(http, "queue_counts", COUNTS, token).status_code == 200

    admin.call(access.set_active, login="mod", active=False, reason="left the team")
    response = call(http, "queue_counts", COUNTS, mod)
    assert response.status_code == 401
    readable_refusal(response, "NotSignedIn")
    response = sign_in(http, "mod")  # and cannot sign in again
    assert response.status_code == 401
    assert "disabled" in readable_refusal(response, "AuthenticationFailed")["en"]
    wrong = readable_refusal(sign_in(http, "mod", "a-guess-2026"), "AuthenticationFailed")
    assert "disabled" not in wrong["en"]  # a guess does not learn that the login exists
    admin.call(access.set_active, login="mod", active=True, reason="back")
    assert call(http, "queue_counts", COUNTS, mod).status_code == 401  # the old token stays dead
    assert call(http, "queue_counts", COUNTS, token_of(http, "mod")).status_code == 200

    admin.call(access.reset_password, login="mod2", password="a-new-pass-2026")
    assert call(http, "queue_counts", COUNTS, mod2).status_code == 401
    assert sign_in(http, "mod2").status_code == 401
    assert sign_in(http, "mod2", "a-new-pass-2026").status_code == 200

    # Roles are read on every request: a role taken away is gone at once.
    claim = {"queue": "reports"}
    assert call(http, "claim_next", claim, sup).status_code == 200
    admin.call(access.set_roles, login="sup", roles=["appeal_reviewer"])
    response = call(http, "claim_next", claim, sup)
    assert response.status_code == 403
    readable_refusal(response, "PermissionDenied")
    assert call(http, "queue_counts", COUNTS, sup).status_code == 200  # still signed in

    assert call(http, "queue_counts", COUNTS, admin.token).status_code == 200  # untouched


def test_sign_out_ends_the_token_at_once(http, remote):
    token = token_of(http, "mod")
    other = token_of(http, "mod")  # a second sign-in of the same reviewer
    assert http.delete(f"{API}/session", headers=bearer(token)).status_code == 204
    for response in (_who(http, token), http.delete(f"{API}/session", headers=bearer(token))):
        assert response.status_code == 401
        readable_refusal(response, "NotSignedIn")
    assert _who(http, other).status_code == 200  # only that sign-in ended

    client = remote("sup")
    client.sign_out()
    assert client.token is None
    with pytest.raises(NotSignedIn):
        client.call(reads.queue_counts, queues=["reports"])


def test_five_failures_lock_the_login_under_sixteen_concurrent_clients(
    server, engine, monkeypatch
):
    checks: list[str] = []
    lock = threading.Lock()
    real = auth.verify_password

    def counting(password: str, stored: str) -> bool:
        with lock:
            checks.append(password)
        return real(password, stored)

    monkeypatch.setattr(auth, "verify_password", counting)
    start = threading.Barrier(16)
    answers: list[httpx.Response | BaseException] = []

    def attempt() -> None:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            start.wait(30)
            try:
                answers.append(sign_in(http, "mod", "wrong-password"))
            except Exception as exc:  # noqa: BLE001  (reported below)
                answers.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(answers) == 16
    assert all(isinstance(a, httpx.Response) and a.status_code == 401 for a in answers), answers
    assert len(checks) == auth.MAX_FAILED_LOGINS

    with httpx.Client(base_url=server.url, timeout=30) as http:
        response = sign_in(http, "mod", PASSWORD)
        assert response.status_code == 401
        error = readable_refusal(response, "AuthenticationFailed")
        assert "locked" in error["en"] and "锁定" in error["zh"]
        assert len(checks) == auth.MAX_FAILED_LOGINS  # refused without a check
        assert sign_in(http, "mod2", PASSWORD).status_code == 200  # others are not locked

        # An unknown login costs one password check, like a real one.
        response = sign_in(http, "nobody-here", "whatever-it-is")
        assert response.status_code == 401
        readable_refusal(response, "AuthenticationFailed")
        assert len(checks) == auth.MAX_FAILED_LOGINS + 2
    with session_scope(engine, write=False) as s:
        locks = s.exec(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "reviewer.locked_out")
        ).one()[0]
    assert locks == 1


def test_the_change_stream_of_a_disabled_reviewer_ends(server, remote, http):
    server.app.state.broadcaster.recheck_every = 0  # check the sign-in at every event
    admin, mod = remote("admin"), remote("mod")
    up, down = threading.Event(), threading.Event()
    stream = mod.changes_stream(status=lambda connected: (up if connected else down).set())
    stream.start()
    try:
        assert up.wait(10)
        admin.call(access.set_active, login="mod", active=False, reason="left the team")
        assert down.wait(10)  # the server ended the stream at the next event
        response = http.get(f"{API}/changes", headers=bearer(mod.token))
        assert response.status_code == 401
    finally:
        stream.stop()


def test_the_server_tick_prunes_ended_sign_ins_and_old_write_answers(server, http, engine,
                                                                     server_clock):  # fmt: skip
    old = token_of(http, "mod")
    assert http.delete(f"{API}/session", headers=bearer(old)).status_code == 204
    live = token_of(http, "mod")
    assert call(http, "presence_leave", {}, live, key="k-1").status_code == 200
    with session_scope(engine, write=False) as s:
        assert len(s.exec(select(ReviewerSession)).all()) == 2
        assert len(s.exec(select(IdempotentRequest)).all()) == 1

    server_clock.at = utcnow() + sessions.KEEP_ANSWERS + timedelta(minutes=1)
    server.app.state.ticker.tick_once()
    with session_scope(engine, write=False) as s:
        assert len(s.exec(select(ReviewerSession)).all()) == 2  # ended, but not long ago
        assert s.exec(select(IdempotentRequest)).all() == []

    server_clock.at = utcnow() + sessions.DEFAULT_LIFETIME + sessions.KEEP_ENDED
    token_of(http, "mod2")  # a sign-in made then stays; both earlier ones ended a week ago
    server.app.state.ticker.tick_once()
    with session_scope(engine, write=False) as s:
        assert len(s.exec(select(ReviewerSession)).all()) == 1
