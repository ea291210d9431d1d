"""Who sees what: revealing one masked personal-data field (2022/16), and the
administrators' keeping of reviewers and their roles.

:func:`can_reveal` is a pure check of an :class:`~workbench.access.auth.Actor`'s
roles, for the desktop to decide whether to offer 显示; :func:`reveal` is
what checks, and audits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from workbench.access import auth
from workbench.access.auth import Actor
from workbench.access.reveal import MAX_REASON, REVEAL_ROLES, can_reveal
from workbench.access.reveal import reveal as _reveal
from workbench.models import Reviewer, ReviewerRole, utcnow
from workbench.models.codes import Role
from workbench.operations.core import Ctx, operation, saved
from workbench.operations.roles import ADMINISTRATORS

__all__ = [
    "MAX_REASON",
    "Actor",
    "REVEAL_ROLES",
    "ReviewerView",
    "can_reveal",
    "create_reviewer",
    "list_reviewers",
    "reset_password",
    "reveal",
    "set_active",
    "set_roles",
]


@dataclass(frozen=True)
class ReviewerView:
    """One reviewer as the administration page lists them."""

    id: int
    login: str
    name: str
    roles: tuple[str, ...]
    active: bool
    locked: bool  # too many failed sign-ins; a password reset unlocks
    locked_until: datetime | None = None


@operation(write=True, roles=REVEAL_ROLES, reveals=True)
def reveal(ctx: Ctx, *, entity: str, entity_id: int, field: str, reason: str) -> str:
    """One personal-data field in full, with the reason recorded in the audit log."""
    return _reveal(
        ctx.session, ctx.signed_in, entity=entity, entity_id=entity_id, field=field, reason=reason
    )


@operation(write=False, roles=ADMINISTRATORS)
def list_reviewers(ctx: Ctx) -> list[ReviewerView]:
    """Every reviewer by login, with roles, whether active and whether locked out."""
    session, now = ctx.session, ctx.now or utcnow()
    roles: dict[int, list[str]] = {}
    for rid, role in session.exec(select(ReviewerRole.reviewer_id, ReviewerRole.role)).all():
        roles.setdefault(rid, []).append(role)
    rows = session.exec(select(Reviewer).order_by(Reviewer.login)).all()
    return [  # the platform's API clients are listed by list_api_clients, not here
        ReviewerView(
            id=saved(r.id),
            login=r.login,
            name=r.display_name,
            roles=tuple(sorted(roles.get(saved(r.id), []))),
            active=r.active,
            locked=r.locked_until is not None and r.locked_until > now,
            locked_until=r.locked_until,
        )
        for r in rows
        if Role.PLATFORM not in roles.get(saved(r.id), [])
    ]


@operation(write=True, roles=ADMINISTRATORS)
def create_reviewer(
    ctx: Ctx, *, login: str, display_name: str, roles: list[str], password: str
) -> int:
    """Add a reviewer with roles and a first password; returns the new id."""
    return saved(auth.create_reviewer(
        ctx.session,
        ctx.signed_in,
        login=login,
        display_name=display_name,
        roles=roles,
        password=password,
    ).id)


@operation(write=True, roles=ADMINISTRATORS)
def set_roles(ctx: Ctx, *, login: str, roles: list[str]) -> int:
    """Give a reviewer exactly these roles."""
    return saved(auth.set_roles(ctx.session, ctx.signed_in, login, roles).id)


@operation(write=True, roles=ADMINISTRATORS)
def reset_password(ctx: Ctx, *, login: str, password: str) -> int:
    """Set a new password (and lift a lockout); the reviewer's sessions end."""
    return saved(auth.reset_password(ctx.session, ctx.signed_in, login, password).id)


@operation(write=True, roles=ADMINISTRATORS)
def set_active(ctx: Ctx, *, login: str, active: bool, reason: str = "") -> int:
    """Disable (their sessions end) or enable a reviewer, with a reason."""
    return saved(auth.set_active(ctx.session, ctx.signed_in, login, active, reason=reason).id)
