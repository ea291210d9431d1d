"""The account checks' policy in force on this database: the shipped defaults
(:mod:`workbench.rules.account_policy`, which builds and checks a policy) with an
administrator's changes, kept in the setting ``account_checks``; a change needs the
administrator role and is audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlmodel import Session

from workbench.access.auth import Actor, require_role
from workbench.models import utcnow
from workbench.models.codes import Role
from workbench.records import audit
from workbench.rules.account_policy import AccountCheckPolicy, build_policy, changed_policy
from workbench.settings import get_setting, put_setting

SETTING_KEY = "account_checks"


def load_policy(session: Session) -> AccountCheckPolicy:
    """The policy in force on this database (defaults where the setting says nothing)."""
    return build_policy(get_setting(session, SETTING_KEY) or None)


def set_policy(
    session: Session,
    actor: Actor,
    changes: Mapping,
    *,
    reason: str | None = None,
    at: datetime | None = None,
) -> AccountCheckPolicy:
    """Change the thresholds (administrators only); the change is audited.

    ``changes`` may name only the values to change, e.g.
    ``{"subject_account_cap": {"individual": 3}}``; the stored setting is the
    complete, validated set.
    """
    require_role(actor, Role.ADMINISTRATOR)
    before = load_policy(session)
    policy = changed_policy(before, changes)
    at = at or utcnow()
    put_setting(session, actor, SETTING_KEY, policy.thresholds())
    audit.record(
        session,
        actor,
        "policy.account_checks.update",
        "setting",
        None,
        before=before.thresholds(),
        after=policy.thresholds(),
        reason=reason,
        at=at,
    )
    return policy
