"""The server's door: every operation refuses every role that lacks it, in
words and without writing anything; no token, a forged one or a malformed
body never reaches an operation."""

from __future__ import annotations

import uuid

import workbench.operations.catalogue  # noqa: F401  (registers every operation)
from tests.server.helpers import (
    API,
    audit_count,
    bearer,
    body_for,
    call,
    database_state,
    readable_refusal,
    token_of,
)
from workbench.models.codes import Role
from workbench.operations.core import REGISTRY

#: One reviewer of the test team per role, holding only that role.
LOGIN_OF = {
    Role.MODERATOR.value: "mod",
    Role.SUPERVISOR.value: "sup",
    Role.APPEAL_REVIEWER.value: "appeals",
    Role.ADMINISTRATOR.value: "admin",
}


def refusals() -> list[tuple[str, str]]:
    """(operation, role) for every role an operation does not allow."""
    out = []
    for name, spec in sorted(REGISTRY.items()):
        if spec.public or not spec.roles or set(LOGIN_OF) <= set(spec.roles):
            continue
        out.extend((name, role) for role in LOGIN_OF if role not in spec.roles)
    return out


def test_there_are_operations_to_refuse():
    pairs = refusals()
    assert len({name for name, _ in pairs}) >= 10, pairs
    assert {Role.MODERATOR.value, Role.APPEAL_REVIEWER.value} <= {role for _, role in pairs}


def test_every_operation_refuses_every_role_that_lacks_it_and_writes_nothing(http, engine):
    tokens = {role: token_of(http, login) for role, login in LOGIN_OF.items()}
    before, events = database_state(engine), audit_count(engine)
    wrong = []
    for name, role in refusals():
        spec = REGISTRY[name]
        key = str(uuid.uuid4()) if spec.write else None
        response = call(http, name, body_for(spec), tokens[role], key=key)
        if response.status_code != 403:
            wrong.append(f"{name} as {role}: {response.status_code} {response.text[:200]}")
            continue
        error = readable_refusal(response, "PermissionDenied")
        assert LOGIN_OF[role] in error["en"], error  # says who was refused
    assert wrong == []
    assert audit_count(engine) == events
    assert database_state(engine) == before


FORGED = [
    {},
    {"Authorization": "Bearer"},
    {"Authorization": "Basic YWRtaW46c2VydmVyLXBhc3MtMjAyNg=="},
    {"Authorization": "Bearer " + "A" * 43},
    {"Authorization": "Bearer " + "A" * 5000},
    {"Authorization": "Bearer ../../etc/passwd"},
]


def test_no_token_or_a_forged_one_is_refused_with_401(http, engine):
    token_of(http, "mod")  # a live session exists; none of these is it
    before = database_state(engine)
    for headers in FORGED:
        for name in ("claim_next", "case_detail", "queue_counts"):
            body = body_for(REGISTRY[name])
            response = http.post(f"{API}/ops/{name}", json=body, headers=headers)
            assert response.status_code == 401, (headers, response.text)
            assert response.headers["WWW-Authenticate"] == "Bearer"
            readable_refusal(response, "NotSignedIn")
        for method in ("GET", "DELETE"):
            response = http.request(method, f"{API}/session", headers=headers)
            assert response.status_code == 401, (headers, method, response.text)
        assert http.get(f"{API}/changes", headers=headers).status_code == 401
    assert database_state(engine) == before


MALFORMED = [
    ({"case_id": "one", "expected_version": 1}, "case_id"),
    ({"case_id": 1}, "expected_version"),
    ({"case_id": 1, "expected_version": 1, "as_reviewer": 2}, "as_reviewer"),
    ({"case_id": [1], "expected_version": 1}, "case_id"),
]


def test_a_malformed_body_is_refused_with_422_naming_the_field(http, engine):
    token = token_of(http, "mod")
    before = database_state(engine)
    for body, field in MALFORMED:
        response = call(http, "claim_case", body, token, key=str(uuid.uuid4()))
        assert response.status_code == 422, response.text
        error = readable_refusal(response, "ValidationError")
        assert field in error["zh"] and field in error["en"], (body, error)
    for content in (b"{", b"\xff\xfe", b"[1, 2]", b"null"):
        response = http.post(
            f"{API}/ops/claim_case",
            content=content,
            headers={**bearer(token), "Content-Type": "application/json"},
        )
        assert response.status_code == 422, (content, response.text)
        readable_refusal(response, "ValidationError")
    assert database_state(engine) == before


def _variants(value):
    """Hostile values of the same JSON shape as ``value``."""
    if isinstance(value, bool):
        return [True]
    if isinstance(value, int):
        return [0, -1, 2**63, -(2**70)]
    if isinstance(value, float):
        return [-1.0, 1e308]
    if isinstance(value, str):
        return ["", "x" * 20_000, "\x00", "'; DROP TABLE case; --", "\u202e\ud7ff"]
    return []


def test_no_body_of_the_right_shape_makes_the_server_fail(http, engine):
    """Every operation, as a role allowed it, with each argument in turn made hostile
    (out-of-range numbers, NUL, huge text): refused in words or done, never a 500."""
    tokens = {role: token_of(http, login) for role, login in LOGIN_OF.items()}
    failures = []
    for name, spec in sorted(REGISTRY.items()):
        if spec.public:
            continue
        role = next((r for r in LOGIN_OF if not spec.roles or r in spec.roles), None)
        base = body_for(spec)
        bodies = [base] + [
            {**base, field: bad} for field, value in base.items() for bad in _variants(value)
        ]
        for body in bodies:
            response = call(http, name, body, tokens[role], key=str(uuid.uuid4()))
            if response.status_code >= 500 or ("error" not in response.json()
                                               and "result" not in response.json()):  # fmt: skip
                failures.append(f"{name} {str(body)[:120]}: {response.status_code} "
                                f"{response.text[:200]}")  # fmt: skip
    assert failures == [], "\n".join(failures)


def test_an_oversized_body_is_refused_even_in_chunks(http):
    token = token_of(http, "mod")
    big = b'{"case_id": 1, "expected_version": 1, "pad": "' + b"x" * (3 * 1024 * 1024) + b'"}'

    def chunks():
        for start in range(0, len(big), 64 * 1024):
            yield big[start : start + 64 * 1024]

    headers = {**bearer(token), "Content-Type": "application/json"}
    # With or without a Content-Length: the body is counted as it arrives, not read whole.
    for content in (big, chunks()):
        response = http.post(f"{API}/ops/claim_case", content=content, headers=headers)
        assert response.status_code == 413, response.text[:200]
        assert "larger than" in response.json()["error"]["en"]
    assert call(http, "queue_counts", {"queues": ["reports"]}, token).status_code == 200
