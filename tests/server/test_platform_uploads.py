"""Evidence images uploaded as file parts of a ``multipart/form-data`` report, against a
real server: filed as the base64 ones are and idempotent; the size, type and pixel
limits enforced before decoding, a decompression bomb named as one, and a refused
upload writes nothing, neither rows nor files in the evidence store."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.db.workflow.helpers import later
from tests.server.helpers import database_state, readable_refusal
from tests.server.platform_support import (
    account,
    bomb_png,
    evidence,
    form_body,
    png,
    register,
    report_row,
    send,
    send_form,
)
from workbench.db import session_scope
from workbench.models import EvidenceAttachment, Report

NOW = later(days=1)


@pytest.fixture
def platform(engine, remote, server_clock):
    server_clock.at = NOW
    return register(engine, remote, scopes=["intake:reports"])


def _stored_files() -> list[Path]:
    folder = Path(os.environ["WORKBENCH_EVIDENCE_DIR"])
    return sorted(folder.rglob("*")) if folder.exists() else []


def _images(engine, external_id: str) -> list[tuple[str, int]]:
    with session_scope(engine, write=False) as s:
        report = s.exec(select(Report).where(Report.external_id == external_id)).scalars().one()
        rows = s.exec(
            select(EvidenceAttachment)
            .where(EvidenceAttachment.report_id == report.id)
            .order_by(EvidenceAttachment.id)
        ).scalars()
        return [(a.sha256, a.width) for a in rows]


def test_a_report_with_images_as_file_parts_is_filed_and_a_resend_answers_the_same(
    http, engine, platform
):
    target = account(engine)
    red, wide = png(), png(size=(80, 20))
    row = report_row(1, target, evidence=[{"part": "wide"}])
    body = form_body(
        {"report": row},
        [("evidence", "red.png", "image/png", red), ("wide", "wide.png", "image/png", wide)],
    )
    first = send_form(http, platform, "/v1/reports", body, NOW)
    assert first.status_code == 201, first.text
    assert [w for _, w in _images(engine, "plat-1")] == [80, 40]  # named part, then `evidence`
    again = send_form(http, platform, "/v1/reports", body, NOW + timedelta(seconds=1))
    assert again.status_code == 200 and again.json() == first.json() | {"existing": True}
    # The same report with the images as base64 is the same content.
    as_json = report_row(1, target, evidence=[evidence(wide), evidence(red)])
    same = send(http, platform, "/v1/reports", as_json, NOW + timedelta(seconds=2))
    assert same.status_code == 200, same.text


def test_a_batch_takes_the_file_parts_its_rows_name(http, engine, platform):
    target = account(engine)
    rows = [
        report_row(1, target, evidence=[{"part": "a"}]),
        report_row(2, target, evidence=[{"part": "b"}, {"part": "a"}]),
        report_row(3, target),
    ]
    a, b = png(size=(10, 10)), png(size=(20, 20))
    body = form_body(
        {"reports": {"reports": rows}},
        [("a", "a.png", "image/png", a), ("b", "b.png", "image/png", b)],
    )
    answer = send_form(http, platform, "/v1/reports/batch", body, NOW)
    assert answer.status_code == 200, answer.text
    assert len(answer.json()["accepted"]) == 3
    assert [w for _, w in _images(engine, "plat-2")] == [20, 10]
    assert _images(engine, "plat-3") == []


def _refusals(target: str) -> dict:
    row = report_row(1, target)
    big = b"\x89PNG\r\n\x1a\n" + os.urandom(1_100_000)

    def one(*files, row=row, field="report"):
        return {field: row}, list(files)

    return {
        "oversized part": (
            one(("evidence", "big.png", "image/png", big)),
            "larger than 1000 KB; not decoded",
        ),
        "decompression bomb": (
            one(("evidence", "bomb.png", "image/png", bomb_png())),
            "decompression bomb",
        ),
        "pixels over the limit": (
            one(("evidence", "tall.png", "image/png", bomb_png(8000, 8000))),
            "limit 50,000,000",
        ),
        "a type that is no image": (
            one(("evidence", "notes.txt", "text/plain", b"hello")),
            "must be one of image/png",
        ),
        "bytes not of the declared type": (
            one(("evidence", "shot.jpg", "image/jpeg", png())),
            "not a image/jpeg",
        ),
        "a part no row takes": (
            one(("stray", "s.png", "image/png", png())),
            "no row takes the file part(s) stray",
        ),
        "a part that is not there": (
            one(row=row | {"evidence": [{"part": "missing"}]}),
            "no file part named 'missing'",
        ),
        "no report field": (one(field="reports"), "needs the one JSON field 'report'"),
    }


@pytest.mark.parametrize("case", list(_refusals("x")))
def test_a_refused_upload_says_why_and_writes_nothing(case, http, engine, platform):
    target = account(engine)
    (fields, files), words = _refusals(target)[case]
    before, stored = database_state(engine), _stored_files()
    answer = send_form(http, platform, "/v1/reports", form_body(fields, files), NOW)
    assert answer.status_code == 422, answer.text
    assert words in readable_refusal(answer, "ValidationError")["en"]
    assert {k: v for k, v in database_state(engine).items() if k != "api_signature"} == {
        k: v for k, v in before.items() if k != "api_signature"
    }
    assert _stored_files() == stored


def test_a_route_without_uploads_and_a_broken_form_are_refused(http, engine, remote, platform):
    appeals = register(engine, remote, name="appeals", scopes=["intake:appeals"])
    before = database_state(engine)
    body = form_body({"appeal": {"external_id": "a-1"}}, [])
    answer = send_form(http, appeals, "/v1/appeals", body, NOW)
    assert answer.status_code == 422, answer.text
    assert "takes JSON" in readable_refusal(answer, "ValidationError")["en"]
    broken = b"--another-boundary\r\nContent-Disposition: form-data\r\n\r\n{}\r\n"
    answer = send_form(http, platform, "/v1/reports", broken, NOW)
    assert answer.status_code == 422, answer.text
    assert "invalid multipart request" in readable_refusal(answer, "ValidationError")["en"]
    assert {k: v for k, v in database_state(engine).items() if k != "api_signature"} == {
        k: v for k, v in before.items() if k != "api_signature"
    }
