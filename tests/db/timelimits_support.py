"""Small builders for the time-limit tests: reviewers with roles, accounts, cases."""

from __future__ import annotations

import uuid
from datetime import datetime

from workbench.access.auth import Actor
from workbench.models import Account, Case, Reviewer, ReviewerRole


def person(session, login: str, *roles: str) -> Actor:
    reviewer = Reviewer(login=login, display_name=login.title())
    session.add(reviewer)
    session.flush()
    for role in roles:
        session.add(ReviewerRole(reviewer_id=reviewer.id, role=role))
    session.flush()
    return Actor(reviewer.id, login, reviewer.display_name, frozenset(roles))


def account(session, platform_id: str, grade: str = "general") -> Account:
    acc = Account(platform_id=platform_id, name=platform_id, grade=grade)
    session.add(acc)
    session.flush()
    return acc


def case(
    session,
    *,
    opened: datetime,
    queue: str = "reports",
    category: str = "other",
    grade: str = "general",
    assignee: Actor | None = None,
) -> Case:
    acc = account(session, f"acc-{uuid.uuid4().hex[:12]}", grade)
    c = Case(
        queue=queue,
        category=category,
        target_account_id=acc.id,
        opened_at=opened,
        updated_at=opened,
    )
    if assignee is not None:
        c.assignee_id = assignee.id
        c.claimed_until = opened
    session.add(c)
    session.flush()
    return c
