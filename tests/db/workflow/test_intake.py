"""Intake: reports join cases, repeats carry no weight, evidence is fingerprinted."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image
from sqlmodel import select

from workbench.cases.intake_batch import receive_report
from workbench.db import run_in_transaction, session_scope
from workbench.errors import NotFound, ValidationError
from workbench.models import Case, Clock, EvidenceAttachment, Report, Setting

from .helpers import audit_ok, later, make_account, report


@pytest.fixture
def account(engine):
    return make_account(engine)


def test_reports_on_one_account_and_category_join_one_case(engine, account):
    first = report(engine, account, reporter="a")
    second = report(engine, account, reporter="b", at=later(days=3))
    assert not first.joined and second.joined
    assert second.case.id == first.case.id
    assert (second.case.weight, second.case.reporter_count, second.case.version) == (2.0, 2, 2)
    other_category = report(engine, account, reporter="c", category="embedded_contact")
    assert other_category.case.id != first.case.id
    assert audit_ok(engine)


def test_a_repeat_report_is_recorded_without_weight(engine, account):
    first = report(engine, account, reporter="a")
    again = report(engine, account, reporter="a", at=later(hours=5))
    assert again.joined and not again.counted
    assert again.report.weight == 0
    assert (again.case.weight, again.case.reporter_count) == (1.0, 1)
    with session_scope(engine, write=False) as s:
        assert len(s.exec(select(Report).where(Report.case_id == first.case.id)).all()) == 2


def test_join_window_comes_from_the_setting(engine, account):
    first = report(engine, account, reporter="a")
    late = report(engine, account, reporter="b", at=later(days=8))
    assert not late.joined and late.case.id != first.case.id
    with session_scope(engine) as s:
        s.add(Setting(key="intake.join_window_days", value=30))
    joined = report(engine, account, reporter="c", at=later(days=20))
    assert joined.joined and joined.case.id == late.case.id


def test_intake_is_idempotent_by_external_id(engine, account):
    first = report(engine, account, reporter="a", external_id="X-1")
    again = report(engine, account, reporter="a", external_id="X-1", at=later(hours=1))
    assert again.existing and again.report.id == first.report.id
    assert again.case.weight == 1.0


def test_channels_route_to_queues_and_start_the_accept_clock(engine, account):
    cases = {
        channel: report(
            engine, account, reporter=None, category=category, channel=channel, kind=kind
        ).case
        for channel, category, kind in [
            ("user_report", "impersonate_state", "report"),
            ("public_complaint", "misleading_claim", "complaint"),
            ("regulator_referral", "false_identity", "report"),
            ("automated_screening", "embedded_contact", "report"),
            ("change_request", "strict_verification", "report"),
        ]
    }
    assert {c: case.queue for c, case in cases.items()} == {
        "user_report": "reports",
        "public_complaint": "complaints",
        "regulator_referral": "referrals",  # 监管转办 (2022/21)
        "automated_screening": "automated",
        "change_request": "change_requests",
    }
    with session_scope(engine, write=False) as s:
        clocks = s.exec(select(Clock)).all()
    assert sorted(c.case_id for c in clocks) == sorted(c.id for c in cases.values())
    assert {c.stage for c in clocks} == {"accept"}
    assert all(case.due_at is not None for case in cases.values())


def test_bad_input_is_refused(sqlite_engine):
    engine, account = sqlite_engine, make_account(sqlite_engine)
    with pytest.raises(ValidationError, match="channel"):
        report(engine, account, channel="fax")
    with pytest.raises(ValidationError, match="category"):
        report(engine, account, category="rudeness")
    with pytest.raises(NotFound):
        report(engine, 999)
    with pytest.raises(ValueError):
        report(engine, account, at=later().replace(tzinfo=None))


def test_evidence_is_fingerprinted_and_broken_images_flagged(sqlite_engine, tmp_path):
    engine, account = sqlite_engine, make_account(sqlite_engine)
    good = tmp_path / "shot.png"
    Image.new("RGB", (40, 30), "red").save(good)
    broken = tmp_path / "broken.png"
    broken.write_bytes(good.read_bytes()[:60])
    missing = tmp_path / "gone.jpg"
    result = report(engine, account, evidence_paths=[str(good), str(broken), str(missing)])
    with session_scope(engine, write=False) as s:
        rows = s.exec(
            select(EvidenceAttachment)
            .where(EvidenceAttachment.report_id == result.report.id)
            .order_by(EvidenceAttachment.id)
        ).all()
    ok, bad, gone = rows
    assert ok.sha256 == hashlib.sha256(good.read_bytes()).hexdigest()
    assert (ok.width, ok.height, ok.mime_type, ok.problem) == (40, 30, "image/png", None)
    assert ok.size_bytes == good.stat().st_size
    assert bad.sha256 is not None and bad.size_bytes == 60 and bad.problem
    assert gone.sha256 is None and "cannot be read" in gone.problem


def test_concurrent_reports_on_one_target_join_one_case(engine, account):
    def send(i):
        return run_in_transaction(
            engine,
            lambda s: (
                receive_report(
                    s,
                    None,
                    external_id=f"c-{i}",
                    kind="report",
                    channel="user_report",
                    target_account_id=account,
                    category="misleading_claim",
                    reporter_external_id=f"crowd-{i}",
                    received_at=later(minutes=i),
                ).case.id
            ),
        )

    with ThreadPoolExecutor(4) as pool:
        case_ids = set(pool.map(send, range(16)))
    assert len(case_ids) == 1
    with session_scope(engine, write=False) as s:
        case = s.get(Case, case_ids.pop())
    assert (case.reporter_count, case.weight, case.version) == (16, 16.0, 16)
