"""A write sent again with its Idempotency-Key applies once: the retry of a
lost answer gets the first answer back, a reused key with another request is
refused, and twins racing with one key are applied once."""

from __future__ import annotations

import threading
import uuid

import httpx
from sqlalchemy import func, select

from tests.db.workflow.helpers import later, make_account, report
from tests.server.helpers import audit_count, call, database_state, readable_refusal, token_of
from workbench.db import session_scope
from workbench.models import AuditEvent, Case, IdempotentRequest


def _case(engine, server_clock) -> tuple[int, int]:
    case = report(engine, make_account(engine)).case
    server_clock.at = later(hours=1)
    return case.id, case.version


def _claim_events(engine, case_id: int) -> int:
    with session_scope(engine, write=False) as s:
        return s.execute(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.case_id == case_id, AuditEvent.action.like("%claim%"))
        ).scalar_one()


def test_a_retry_with_the_same_key_gets_the_first_answer_and_applies_once(
    http, engine, server_clock
):
    case_id, version = _case(engine, server_clock)
    token = token_of(http, "mod")
    key = str(uuid.uuid4())
    body = {"case_id": case_id, "expected_version": version}
    events = audit_count(engine)

    first = call(http, "claim_case", body, token, key=key)
    assert first.status_code == 200, first.text
    assert "Idempotent-Replayed" not in first.headers
    assert audit_count(engine) == events + 1
    after_first = database_state(engine)

    again = call(http, "claim_case", body, token, key=key)
    assert again.status_code == 200, again.text
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert audit_count(engine) == events + 1
    assert database_state(engine) == after_first

    # Without the key the same request runs again, and is refused by the case's version.
    fresh = call(http, "claim_case", body, token, key=str(uuid.uuid4()))
    assert fresh.status_code == 409
    readable_refusal(fresh, "StaleVersion")
    assert audit_count(engine) == events + 1


def test_the_same_key_with_another_request_is_refused_and_writes_nothing(
    http, engine, server_clock
):
    case_id, version = _case(engine, server_clock)
    other_id, other_version = report(engine, make_account(engine, name="另一个账号")).case.id, 1
    token = token_of(http, "mod")
    key = str(uuid.uuid4())
    assert call(http, "claim_case", {"case_id": case_id, "expected_version": version}, token,
                key=key).status_code == 200  # fmt: skip
    before = database_state(engine)
    for name, body in (
        ("claim_case", {"case_id": other_id, "expected_version": other_version}),
        ("release_claim", {"case_id": case_id}),
    ):
        response = call(http, name, body, token, key=key)
        assert response.status_code == 409, response.text
        error = readable_refusal(response, "Conflict")
        assert "idempotency key" in error["en"]
    assert database_state(engine) == before
    with session_scope(engine, write=False) as s:
        assert s.get(Case, other_id).assignee_id is None

    # A key belongs to the reviewer who sent it: another reviewer's same key is theirs.
    mod2 = token_of(http, "mod2")
    response = call(http, "claim_case", {"case_id": other_id, "expected_version": other_version},
                    mod2, key=key)  # fmt: skip
    assert response.status_code == 200, response.text
    assert "Idempotent-Replayed" not in response.headers


def test_twins_racing_with_one_key_are_applied_once(server, engine, server_clock):
    case_id, version = _case(engine, server_clock)
    with httpx.Client(base_url=server.url, timeout=30) as http:
        token = token_of(http, "mod")
    key = str(uuid.uuid4())
    body = {"case_id": case_id, "expected_version": version}
    events = audit_count(engine)
    start = threading.Barrier(4)
    answers: list[httpx.Response | BaseException] = []

    def send() -> None:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            start.wait(30)
            try:
                answers.append(call(http, "claim_case", body, token, key=key))
            except Exception as exc:  # noqa: BLE001  (reported below)
                answers.append(exc)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(answers) == 4
    assert all(isinstance(a, httpx.Response) and a.status_code == 200 for a in answers), [
        a if isinstance(a, BaseException) else (a.status_code, a.text) for a in answers
    ]
    assert len({a.content for a in answers}) == 1  # one answer, told four times
    replayed = [a.headers.get("Idempotent-Replayed") for a in answers]
    assert replayed.count(None) == 1 and replayed.count("true") == 3
    assert audit_count(engine) == events + 1
    assert _claim_events(engine, case_id) == 1
    with session_scope(engine, write=False) as s:
        stored = s.execute(select(func.count()).select_from(IdempotentRequest)).scalar_one()
    assert stored == 1


def test_a_reveal_is_never_kept_for_a_retry(http, engine):
    """The store of answers would otherwise hold personal data in full for a day."""
    from workbench.models import Subject

    number = "11010519491231002X"
    with session_scope(engine) as s:
        subject = Subject(kind="individual", verified_name="张三", id_number=number)
        s.add(subject)
        s.flush()
        subject_id = subject.id
    token = token_of(http, "sup")
    body = {"entity": "subject", "entity_id": subject_id, "field": "id_number",
            "reason": "核实身份 / checking identity"}  # fmt: skip
    key = str(uuid.uuid4())
    events = audit_count(engine)
    for _ in range(2):
        response = call(http, "reveal", body, token, key=key)
        assert response.status_code == 200, response.text
        assert response.json()["result"] == number
        assert "Idempotent-Replayed" not in response.headers
    assert audit_count(engine) == events + 2  # each time it was shown is on the record
    with session_scope(engine, write=False) as s:
        stored = s.execute(select(IdempotentRequest.response)).scalars().all()
    assert not any(number in str(r) for r in stored)


def test_every_operation_that_shows_personal_data_in_full_is_marked_so():
    import workbench.operations.catalogue  # noqa: F401
    from workbench.operations.core import REGISTRY

    showing = {n for n in REGISTRY if "reveal" in n or "unmasked" in n}
    assert showing >= {"reveal", "unmasked_regulator_report"}
    assert {n for n in showing if REGISTRY[n].write} == {n for n in showing if REGISTRY[n].reveals}
