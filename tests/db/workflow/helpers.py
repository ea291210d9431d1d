"""Shared set-up for the workflow tests: reviewers, an account, reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from workbench.access.auth import Actor, actor_of
from workbench.cases.intake_batch import receive_report
from workbench.db import session_scope
from workbench.models import Account, Case, Reviewer, ReviewerRole
from workbench.records import audit

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # Monday 10:00 Beijing


@dataclass
class Team:
    admin: Actor
    mod: Actor
    mod2: Actor
    sup: Actor
    sup2: Actor
    appeals: Actor


def make_team(engine) -> Team:
    """Six reviewers, one per role (two moderators, two supervisors); no passwords."""
    with session_scope(engine) as s:
        people = {}
        for login, role in [
            ("admin", "administrator"),
            ("mod", "moderator"),
            ("mod2", "moderator"),
            ("sup", "supervisor"),
            ("sup2", "supervisor"),
            ("appeals", "appeal_reviewer"),
        ]:
            reviewer = Reviewer(login=login, display_name=login.title())
            s.add(reviewer)
            s.flush()
            s.add(ReviewerRole(reviewer_id=reviewer.id, role=role))
            s.flush()
            people[login] = actor_of(s, reviewer)
        return Team(**people)


def make_account(engine, name="新华社官方号", **fields) -> int:
    with session_scope(engine) as s:
        account = Account(platform_id=fields.pop("platform_id", f"p-{name}"), name=name, **fields)
        s.add(account)
        s.flush()
        return account.id


_counter = iter(range(1, 10**9))


def report(engine, account_id, *, reporter="r1", category="impersonate_news_media", at=None, **kw):
    """Receive one report in its own transaction; the IntakeResult.

    The workflow tests simulate time: the report is written when it is
    received (``at``), unless ``now`` says otherwise.
    """
    n = next(_counter)
    with session_scope(engine) as s:
        return receive_report(
            s,
            None,
            external_id=kw.pop("external_id", f"ext-{n}"),
            kind=kw.pop("kind", "report"),
            channel=kw.pop("channel", "user_report"),
            target_account_id=account_id,
            category=category,
            reporter_external_id=reporter,
            received_at=at or T0,
            now=kw.pop("now", at or T0),
            **kw,
        )


def case_of(engine, case_id) -> Case:
    with session_scope(engine, write=False) as s:
        return s.get(Case, case_id)


def account_of(engine, account_id) -> Account:
    with session_scope(engine, write=False) as s:
        return s.get(Account, account_id)


def act(engine, fn, *args, **kwargs):
    """Run one service call in its own transaction."""
    with session_scope(engine) as s:
        return fn(s, *args, **kwargs)


def audit_ok(engine) -> bool:
    with session_scope(engine, write=False) as s:
        result = audit.verify(s)
    assert result.ok, result.problem
    return True


def later(minutes=0, hours=0, days=0) -> datetime:
    return T0 + timedelta(minutes=minutes, hours=hours, days=days)
