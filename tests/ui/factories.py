"""Rows for UI and read-query tests, inserted directly as models.

Each helper adds one record with plausible defaults; keyword arguments
override any column.  Callers flush/commit through their own session.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from workbench.access.auth import hash_password
from workbench.models import (
    Account,
    AccountInfoRevision,
    Case,
    Clock,
    EvidenceAttachment,
    Measure,
    Report,
    Reporter,
    ReporterCredibility,
    Reviewer,
    ReviewerRole,
    RuleHit,
    Subject,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PASSWORD = "correct-horse-1"
_seq = itertools.count(1)


def _next() -> int:
    return next(_seq)


def reviewer(
    session: Session,
    login: str | None = None,
    roles=("moderator",),
    *,
    password: str = PASSWORD,
    display_name: str | None = None,
) -> Reviewer:
    login = login or f"reviewer{_next()}"
    row = Reviewer(
        login=login,
        display_name=display_name or login,
        password_hash=hash_password(password),
    )
    session.add(row)
    session.flush()
    for role in roles:
        session.add(ReviewerRole(reviewer_id=row.id, role=role))
    session.flush()
    return row


def subject(session: Session, **kw) -> Subject:
    n = _next()
    values = {
        "kind": "individual",
        "verified_name": f"张{n}",
        "id_number": "110101199003071234",
        "phone": "13812345678",
    }
    row = Subject(**(values | kw))
    session.add(row)
    session.flush()
    return row


def account(session: Session, **kw) -> Account:
    n = _next()
    values = {
        "platform_id": f"acct-{n}",
        "name": f"账号{n}",
        "bio": "",
        "registered_at": NOW - timedelta(days=400),
        "updated_at": NOW,
    }
    row = Account(**(values | kw))
    session.add(row)
    session.flush()
    return row


def case(session: Session, target: Account | None = None, **kw) -> Case:
    target = target or account(session)
    values = {
        "queue": "reports",
        "status": "received",
        "category": "impersonate_organisation",
        "target_account_id": target.id,
        "due_at": NOW + timedelta(days=1),
        "clock_state": "running",
        "reporter_count": 1,
        "opened_at": NOW - timedelta(hours=2),
        "updated_at": NOW - timedelta(hours=2),
    }
    row = Case(**(values | kw))
    session.add(row)
    session.flush()
    return row


def clock(session: Session, of_case: Case, *, hours: float = 16, **kw) -> Clock:
    """The running clock of ``of_case``'s current stage: ``hours`` long, due when the case is."""
    values = {
        "case_id": of_case.id,
        "stage": "dispose",
        "amount": hours,
        "unit": "hours",
        "started_at": of_case.due_at - timedelta(hours=hours),
        "due_at": of_case.due_at,
    }
    row = Clock(**(values | kw))
    session.add(row)
    session.flush()
    return row


def reporter(session: Session, *, score: float | None = None, **kw) -> Reporter:
    n = _next()
    row = Reporter(**({"external_id": f"rep-{n}", "name": f"举报人{n}"} | kw))
    session.add(row)
    session.flush()
    if score is not None:
        session.add(ReporterCredibility(reporter_id=row.id, score=score, reports_made=4, upheld=2))
        session.flush()
    return row


def report(
    session: Session,
    of_case: Case,
    *,
    by: Reporter | None = None,
    evidence: tuple[str, ...] = (),
    **kw,
) -> Report:
    n = _next()
    values = {
        "external_id": f"ext-{n}",
        "kind": "report",
        "channel": "user_report",
        "reporter_id": by.id if by else None,
        "target_account_id": of_case.target_account_id,
        "category": of_case.category,
        "text": "",
        "case_id": of_case.id,
        "received_at": NOW - timedelta(hours=3),
    }
    row = Report(**(values | kw))
    session.add(row)
    session.flush()
    for path in evidence:
        session.add(EvidenceAttachment(report_id=row.id, path=path))
    session.flush()
    return row


def hit(session: Session, of_case: Case, *, field: str, start: int, end: int, **kw) -> RuleHit:
    target = session.get(Account, of_case.target_account_id)
    text = getattr(target, field)
    values = {
        "account_id": of_case.target_account_id,
        "case_id": of_case.id,
        "category": "impersonate_organisation",
        "rule": "organs_name",
        "field": field,
        "span_start": start,
        "span_end": end,
        "matched": text[start:end],
        "basis": "2022/8(2)",
        "severity": "high",
        "score": 0.9,
        "explanation": "名称含机构名称",
        "fingerprint": f"fp-{_next()}",
        "detected_at": NOW,
    }
    row = RuleHit(**(values | kw))
    session.add(row)
    session.flush()
    return row


def measure(session: Session, of_case: Case, *, decided_by: Reviewer, **kw) -> Measure:
    values = {
        "case_id": of_case.id,
        "account_id": of_case.target_account_id,
        "code": "warn",
        "basis": "2022/8(2)",
        "status": "in_effect",
        "decided_by": decided_by.id,
        "decided_at": NOW - timedelta(days=1),
    }
    row = Measure(**(values | kw))
    session.add(row)
    session.flush()
    return row


def revision(session: Session, target: Account, **kw) -> AccountInfoRevision:
    values = {"account_id": target.id, "field": "name", "changed_at": NOW - timedelta(days=30)}
    row = AccountInfoRevision(**(values | kw))
    session.add(row)
    session.flush()
    return row


def client(engine, roles=("moderator", "supervisor"), *, clock=None, login: str | None = None):
    """An in-process client signed in as a new reviewer with ``roles``."""
    from workbench.access.auth import actor_of
    from workbench.db import session_scope
    from workbench.operations.local import LocalClient

    with session_scope(engine) as s:
        actor = actor_of(s, reviewer(s, login, roles))
    return LocalClient(engine, actor=actor, clock=clock)
