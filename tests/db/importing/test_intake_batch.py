"""Reports filed in one call give what one call per report gives, row for row: what a
call decides in memory (joins, repeats, flags, priorities, events) is what calls of
one report each decide from what the calls before them stored."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from workbench.cases.intake import ReportInput
from workbench.cases.intake_batch import receive_report, receive_reports
from workbench.db import make_engine, session_scope
from workbench.models import (
    SHANGHAI,
    Account,
    AuditEvent,
    Case,
    Clock,
    Report,
    Reporter,
    ReporterCredibility,
    RuleHit,
)
from workbench.models.codes import ReportKind
from workbench.records.audit import verify

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=13)  # the writer's clock: every report is written after it arrived
CATEGORIES = ["impersonate_news_media", "false_information", "other"]


def _inputs(seed: int, n: int) -> list[ReportInput]:
    """Reports as an import gives them (UTC, clean text), and every third as a caller
    may: Beijing time, an enum member for the kind, a control character in the text."""
    rnd = random.Random(seed)
    items = []
    for i in range(n):
        raw = i % 3 == 0
        at = T0 + timedelta(hours=rnd.randint(0, 24 * 12))
        kind = rnd.choice(["report", "complaint"])
        items.append(
            ReportInput(
                external_id=f"x{i}",
                kind=ReportKind(kind) if raw else kind,
                channel=rnd.choice(["user_report", "public_complaint", "regulator_referral"]),
                target_account_id=rnd.randint(1, 3),
                category=rnd.choice(CATEGORIES),
                received_at=at.astimezone(SHANGHAI) if raw else at,
                text="冒充\x07官方" if raw else "冒充官方",
                reporter_external_id=rnd.choice([None, *[f"u{k}" for k in range(6)]]),
                reporter_name="某人",
            )
        )
    items.append(items[3])  # the same report twice
    return items


def _setup(engine) -> None:
    with session_scope(engine) as s:
        for i in range(1, 5):
            s.add(
                Account(
                    platform_id=f"p{i}", name=f"账号{i}", grade="important" if i == 2 else "general"
                )
            )
        s.flush()
        s.add(
            RuleHit(
                account_id=1,
                category="embedded_contact",
                rule="contact.phone",
                field="bio",
                basis="2022/8(6)",
                severity="high",
                fingerprint="f1",
            )
        )


def _state(engine) -> dict:
    with session_scope(engine, write=False) as s:
        cases = [
            (c.id, c.queue, c.status, c.target_account_id, c.category, c.priority, c.weight,
             c.reporter_count, c.version, c.strongest_hit, c.due_at, c.clock_state, c.opened_at,
             c.updated_at)
            for c in s.exec(select(Case).order_by(Case.id))
        ]  # fmt: skip
        reports = [
            (r.id, r.external_id, r.case_id, r.reporter_id, r.weight, r.suspected_malicious)
            for r in s.exec(select(Report).order_by(Report.id))
        ]
        creds = [
            (c.reporter_id, c.reports_made, c.malicious_flags, round(c.score, 9))
            for c in s.exec(select(ReporterCredibility).order_by(ReporterCredibility.reporter_id))
        ]
        reporters = [(r.id, r.external_id, r.first_seen_at) for r in s.exec(select(Reporter))]
        clocks = [
            (c.case_id, c.stage, c.due_at, c.amount, c.unit, c.state)
            for c in s.exec(select(Clock).order_by(Clock.id))
        ]
        events = [
            (e.id, e.action, e.entity, e.entity_id, e.case_id, e.account_id, e.before, e.after,
             e.reason, e.occurred_at)
            for e in s.exec(select(AuditEvent).order_by(AuditEvent.id))
        ]  # fmt: skip
        assert verify(s).ok
    return dict(
        cases=cases, reports=reports, creds=creds, reporters=reporters, clocks=clocks, events=events
    )


def test_batch_equals_one_call_per_report(engine, tmp_path, request):
    from tests.conftest import fresh_database_url

    backend = engine.dialect.name
    (tmp_path / "other").mkdir()
    other = make_engine(fresh_database_url(backend, request, tmp_path / "other"))
    try:
        items = _inputs(7, 90)
        _setup(engine)
        _setup(other)
        with session_scope(engine) as s:
            for item in items:
                receive_report(
                    s,
                    None,
                    external_id=item.external_id,
                    kind=item.kind,
                    channel=item.channel,
                    target_account_id=item.target_account_id,
                    category=item.category,
                    reporter_external_id=item.reporter_external_id,
                    reporter_name=item.reporter_name,
                    received_at=item.received_at,
                    text=item.text,
                    now=NOW,
                )
        with session_scope(other) as s:
            results = receive_reports(s, None, items[:40], now=NOW)
            results += receive_reports(s, None, items[40:], now=NOW)
        expected, got = _state(engine), _state(other)
        assert any(r[5] for r in got["reports"]), "the data set should flag some reports"
        assert any(e[1] == "reporter.flag" for e in got["events"])
        assert {e[-1] for e in got["events"]} == {NOW}, "events carry the writer's time"
        for key in expected:
            assert got[key] == expected[key], key
        with session_scope(other, write=False) as s:
            texts = {r.text for r in s.exec(select(Report))}
            assert texts == {"冒充官方"}, "control characters are cleaned on both paths"
        assert results[-1].existing and results[-1].report_id == results[3].report_id
    finally:
        other.dispose()
