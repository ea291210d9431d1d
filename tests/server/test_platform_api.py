"""The platform's integration API (``/v1/``) against a real server: reports and
appeals in, idempotent by external id, all or nothing unless partial acceptance
is asked for, and every refused request (credentials, scope, body, images)
answered in words with nothing written."""

from __future__ import annotations

import json
import os
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.db.workflow.helpers import later
from tests.server.helpers import database_state, readable_refusal, sign_in
from tests.server.platform_support import (
    Platform,
    account,
    bomb_png,
    evidence,
    measure_in_effect,
    png,
    register,
    report_row,
    send,
    signed_headers,
)
from workbench.db import session_scope
from workbench.models import Appeal, AuditEvent, Case, EvidenceAttachment, Report
from workbench.operations import access, api_clients
from workbench.operations import appeals as appeal_ops
from workbench.operations.failures import PermissionDenied, ValidationError

NOW = later(days=1)


@pytest.fixture
def platform(engine, remote, server_clock):
    server_clock.at = NOW
    return register(engine, remote)


def _report(engine, external_id: str) -> Report | None:
    with session_scope(engine, write=False) as s:
        return s.exec(select(Report).where(Report.external_id == external_id)).scalars().first()


def test_a_report_with_evidence_is_filed_and_sent_again_answers_the_same_record(
    http, engine, platform
):
    target = account(engine)
    image = png()
    row = report_row(1, target, evidence=[evidence(image)])

    first = send(http, platform, "/v1/reports", row, NOW)
    assert first.status_code == 201, first.text
    filed = first.json()
    assert filed["existing"] is False and filed["external_id"] == "plat-1"
    report = _report(engine, "plat-1")
    assert report.id == filed["report_id"] and report.case_id == filed["case_id"]
    with session_scope(engine, write=False) as s:
        attachment = s.exec(select(EvidenceAttachment)).scalars().one()
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "report.receive")).scalars()
        actors = {e.actor_id for e in events}
    # The image is the evidence store's copy, described as intake describes any file.
    assert attachment.path.startswith(os.environ["WORKBENCH_EVIDENCE_DIR"])
    assert attachment.width == 40 and attachment.problem is None
    assert actors == {platform.reviewer_id}  # audited with the client as the actor
    after = database_state(engine)

    again = send(http, platform, "/v1/reports", row, NOW + timedelta(seconds=1))
    assert again.status_code == 200, again.text
    assert again.json() == filed | {"existing": True}
    state = database_state(engine)
    assert {k: v for k, v in state.items() if k != "api_signature"} == {
        k: v for k, v in after.items() if k != "api_signature"
    }


def test_the_same_external_id_with_other_content_is_a_conflict_naming_the_field(
    http, engine, platform
):
    target = account(engine)
    assert send(http, platform, "/v1/reports", report_row(1, target), NOW).status_code == 201
    before = database_state(engine)
    changed = report_row(1, target, category="misleading_claim", text="另一段文字")
    response = send(http, platform, "/v1/reports", changed, NOW + timedelta(seconds=1))
    assert response.status_code == 409, response.text
    error = readable_refusal(response, "Conflict")
    assert "category" in error["en"] and "text" in error["en"]
    assert error["problems"][0]["field"] == "category, text"
    assert database_state(engine) == before


def test_every_channel_is_taken_in_one_batch(http, engine, platform):
    target = account(engine)
    channels = [
        ("user_report", "report", "reports"),
        ("public_complaint", "complaint", "complaints"),
        ("regulator_referral", "report", "referrals"),
        ("automated_screening", "report", "automated"),
        ("change_request", "report", "change_requests"),
    ]
    rows = [
        report_row(n, target, channel=channel, kind=kind, category=category)
        for n, ((channel, kind, _queue), category) in enumerate(
            zip(
                channels,
                ["impersonate_news_media", "misleading_claim", "false_information", "other",
                 "strict_verification"],
                strict=True,
            )
        )
    ]
    response = send(http, platform, "/v1/reports/batch", {"reports": rows}, NOW)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["rejected"] == [] and len(answer["accepted"]) == 5
    with session_scope(engine, write=False) as s:
        queues = [s.get(Case, a["case_id"]).queue for a in answer["accepted"]]
    assert queues == [q for _c, _k, q in channels]


def test_a_batch_is_all_or_nothing_unless_partial_acceptance_is_asked(http, engine, platform):
    target = account(engine)
    rows = [
        report_row(0, target),
        report_row(1, target, category="no_such_category"),
        report_row(2, target),
        report_row(3, "p-nobody"),
        report_row(4, target, received_at="2026-03-02 10:00"),
    ]
    before = database_state(engine)
    refused = send(http, platform, "/v1/reports/batch", {"reports": rows}, NOW)
    assert refused.status_code == 422, refused.text
    error = readable_refusal(refused, "ValidationError")
    named = {(p["row"], p["field"]) for p in error["problems"]}
    assert named == {(1, "category"), (3, "target_account_id"), (4, "received_at")}
    assert "row 1 category" in error["en"] and "第 1 行" in error["zh"]
    assert database_state(engine) == before

    partial = send(
        http, platform, "/v1/reports/batch?accept_partial=true", {"reports": rows},
        NOW + timedelta(seconds=1),
    )
    assert partial.status_code == 200, partial.text
    answer = partial.json()
    assert [a["external_id"] for a in answer["accepted"]] == ["plat-0", "plat-2"]
    assert {(p["row"], p["field"]) for p in answer["rejected"]} == named
    assert _report(engine, "plat-1") is None and _report(engine, "plat-2") is not None

    # The body flag works as the query does; rows filed before come back as existing.
    again = send(
        http, platform, "/v1/reports/batch",
        {"reports": rows[:3], "accept_partial": True}, NOW + timedelta(seconds=2),
    )
    assert [a["existing"] for a in again.json()["accepted"]] == [True, True]


def test_a_batch_over_500_rows_is_refused_with_413(http, engine, platform):
    target = account(engine)
    before = database_state(engine)
    rows = [report_row(n, target, text="") for n in range(501)]
    response = send(http, platform, "/v1/reports/batch", {"reports": rows}, NOW)
    assert response.status_code == 413, response.text
    assert "500" in readable_refusal(response, "WorkbenchError")["en"]
    assert database_state(engine) == before


def test_an_appeal_lands_in_the_appeal_reviewers_queue_with_its_clock_running(
    http, engine, platform, team, remote, server_clock
):
    measure_id = measure_in_effect(engine, team)
    row = {
        "external_id": "appeal-1",
        "measure_id": measure_id,
        "appellant_name": "王五",
        "appellant_contact": "wangwu@example.com",
        "text": "账号名称为本单位注册商标，并非冒用",
        "received_at": (NOW - timedelta(hours=1)).isoformat(),
    }
    response = send(http, platform, "/v1/appeals", row, NOW)
    assert response.status_code == 201, response.text
    appeal_id = response.json()["appeal_id"]

    queue = remote("appeals").call(appeal_ops.open_appeals)
    mine = [a for a in queue if a.id == appeal_id]
    assert mine and mine[0].status == "appeal_received"
    assert mine[0].due_at is not None and mine[0].due_at > NOW  # the decision clock runs
    with session_scope(engine, write=False) as s:
        appeal = s.get(Appeal, appeal_id)
        assert appeal.external_id == "appeal-1"
        event = s.exec(
            select(AuditEvent).where(AuditEvent.action == "appeal.file")
        ).scalars().one()
        assert event.actor_id == platform.reviewer_id

    again = send(http, platform, "/v1/appeals", row, NOW + timedelta(seconds=1))
    assert again.status_code == 200 and again.json()["existing"] is True
    before = database_state(engine)
    second = send(
        http, platform, "/v1/appeals", row | {"external_id": "appeal-2"},
        NOW + timedelta(seconds=2),
    )
    assert second.status_code == 409, second.text
    assert "open appeal" in readable_refusal(second, "Conflict")["en"]
    server_clock.at = later(days=30)
    late_row = row | {"external_id": "appeal-3", "received_at": later(days=30).isoformat()}
    late = send(http, platform, "/v1/appeals/batch", {"appeals": [late_row]}, later(days=30))
    assert late.status_code == 422, late.text
    error = readable_refusal(late, "ValidationError")
    assert "too late to appeal" in error["en"] and error["problems"][0]["row"] == 0
    assert database_state(engine) == before


def test_a_bearer_token_is_accepted_and_the_platform_row_cannot_sign_in(
    http, engine, platform
):
    target = account(engine)
    response = http.post(
        "/v1/reports",
        json=report_row(1, target),
        headers={"Authorization": f"Bearer {platform.secret}"},
    )
    assert response.status_code == 201, response.text
    refused = sign_in(http, f"api:{platform.name}", "")
    assert refused.status_code == 401
    assert sign_in(http, f"api:{platform.name}", platform.secret).status_code == 401


def _refusals(remote, platform: Platform, target: str) -> dict:
    """Per case: (the administrator's change first or None, the request, status, kind,
    words in its English)."""
    row = report_row(1, target)
    path = "/v1/reports"

    def signed(http):
        return send(http, platform, path, row, NOW)

    def bearer(http):
        return http.post(path, json=row, headers={"Authorization": f"Bearer {platform.secret}"})

    def disable():
        remote("admin").call(api_clients.set_api_client_active, name=platform.name, active=False)

    def rotate():
        remote("admin").call(api_clients.rotate_api_client_secret, name=platform.name)

    def malformed(http):
        body = b'{"external_id": "x",'
        return http.post(path, content=body, headers=signed_headers(platform, path, body, NOW))

    def tampered(http):
        """Signed for one body, sent with another (a man in the middle's edit)."""
        body = json.dumps(row, ensure_ascii=False).encode()
        headers = signed_headers(platform, path, body, NOW)
        return http.post(path, content=body.replace(b"plat-1", b"plat-9"), headers=headers)

    def with_image(data: bytes, content_type: str = "image/png"):
        return lambda http: send(
            http, platform, path, row | {"evidence": [evidence(data, content_type)]}, NOW
        )

    big = b"\x89PNG\r\n\x1a\n" + os.urandom(1_100_000)
    return {
        "bad signature": (
            None,
            lambda http: send(http, platform, path, row, NOW, secret="wbp_1_not-the-secret"),
            401, "NotSignedIn", "signature does not match",
        ),
        "expired timestamp": (
            None,
            lambda http: send(http, platform, path, row, NOW - timedelta(minutes=6)),
            401, "NotSignedIn", "more than 5 minutes",
        ),
        "timestamp ahead of the clock": (
            None,
            lambda http: send(http, platform, path, row, NOW + timedelta(minutes=6)),
            401, "NotSignedIn", "more than 5 minutes",
        ),
        "body changed after signing": (
            None, tampered, 401, "NotSignedIn", "signature does not match"
        ),
        "disabled client": (disable, signed, 403, "PermissionDenied", "disabled"),
        "disabled client, bearer": (disable, bearer, 403, "PermissionDenied", "disabled"),
        "rotated-away secret": (rotate, signed, 401, "NotSignedIn", "signature does not match"),
        "rotated-away bearer": (rotate, bearer, 401, "NotSignedIn", "rotated"),
        "missing scope": (
            None,
            lambda http: send(http, platform, "/v1/appeals", {"external_id": "a"}, NOW),
            403, "PermissionDenied", "intake:appeals",
        ),
        "malformed body": (None, malformed, 422, "ValidationError", "not valid JSON"),
        "malformed row": (
            None,
            lambda http: send(http, platform, path, row | {"colour": "red"}, NOW),
            422, "ValidationError", "colour: unknown field",
        ),
        "no credentials": (
            None, lambda http: http.post(path, json=row), 401, "NotSignedIn", "no credentials"
        ),
        "oversized image": (None, with_image(big), 422, "ValidationError", "larger than 1000 KB"),
        "decompression bomb": (None, with_image(bomb_png()), 422, "ValidationError", "pixels"),
        "image of another type": (
            None, with_image(png(), "image/jpeg"), 422, "ValidationError", "not a image/jpeg"
        ),
    }


CASES = list(_refusals(None, Platform("x", "x", 0, 0), "x"))


@pytest.mark.parametrize("case", CASES)
def test_a_refused_request_says_why_and_writes_nothing(case, http, engine, remote, server_clock):
    server_clock.at = NOW
    platform = register(engine, remote, scopes=["intake:reports"])
    target = account(engine)
    change, request, status, kind, words = _refusals(remote, platform, target)[case]
    if change is not None:
        change()  # the administrator's change is written; the request after it is not
    before = database_state(engine)
    response = request(http)
    assert response.status_code == status, response.text
    error = readable_refusal(response, kind)
    assert words in error["en"], error
    assert database_state(engine) == before
    assert _report(engine, "plat-1") is None


def test_a_replayed_request_is_refused_and_writes_nothing(http, engine, platform):
    target = account(engine)
    body = b'{"external_id": "plat-1", "channel": "user_report", "target_account_id": "%s", ' % (
        target.encode()
    ) + (
        b'"category": "other", "received_at": "' + later(hours=20).isoformat().encode() + b'"}'
    )
    headers = signed_headers(platform, "/v1/reports", body, NOW)
    first = http.post("/v1/reports", content=body, headers=headers)
    assert first.status_code == 201, first.text
    before = database_state(engine)
    replayed = http.post("/v1/reports", content=body, headers=headers)
    assert replayed.status_code == 401, replayed.text
    assert "already used" in readable_refusal(replayed, "NotSignedIn")["en"]
    assert database_state(engine) == before


def test_administration_is_audited_and_lists_no_secret(engine, remote, server_clock, team):
    server_clock.at = NOW
    platform = register(engine, remote, name="appeal-centre")
    admin = remote("admin")
    listed = admin.call(api_clients.list_api_clients)
    assert [(c.name, c.scopes, c.active) for c in listed] == [
        ("appeal-centre", ("intake:appeals", "intake:reports"), True)
    ]
    assert platform.secret not in repr(listed)
    with pytest.raises(PermissionDenied):
        remote("mod").call(api_clients.list_api_clients)
    with session_scope(engine, write=False) as s:
        events = s.exec(
            select(AuditEvent).where(AuditEvent.entity == "api_client")
        ).scalars().all()
        assert [(e.action, e.actor_id) for e in events] == [("api_client.create", team["admin"])]
        assert all(platform.secret not in repr(e.after) for e in events)
    # A reviewer is never given the platform role, nor listed among them.
    with pytest.raises(ValidationError, match="platform"):
        admin.call(access.set_roles, login="mod", roles=["platform"])
    assert "api:appeal-centre" not in [r.login for r in admin.call(access.list_reviewers)]
