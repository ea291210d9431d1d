"""Reviewers, roles and sign-in.  Every service checks roles here, not the UI.

Passwords are hashed with scrypt (memory-hard); repeated failures lock the
reviewer out for a while.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from workbench.errors import (
    AuthenticationFailed,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from workbench.models import Reviewer, ReviewerRole, ReviewerSession, utcnow
from workbench.models.base import saved
from workbench.models.codes import REVIEWER_ROLES, ROLE_LABELS, Role
from workbench.records import audit

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class Actor:
    """The reviewer acting, as the services see them (a plain value, safe across threads)."""

    id: int
    login: str
    display_name: str
    roles: frozenset[str]

    def has(self, role: str) -> bool:
        return role in self.roles


def require_role(actor: Actor | None, *roles: str) -> None:
    """Refuse unless ``actor`` holds one of ``roles``."""
    if actor is not None and any(actor.has(r) for r in roles):
        return
    wanted_zh = "、".join(ROLE_LABELS[Role(r)][0] for r in roles)
    wanted_en = ", ".join(ROLE_LABELS[Role(r)][1] for r in roles)
    needs_en = f"the role {wanted_en}" if len(roles) == 1 else f"one of the roles {wanted_en}"
    if actor is None:
        raise PermissionDenied(
            f"未登录，无权执行此操作，需要角色：{wanted_zh}",
            f"not signed in: this needs a reviewer with {needs_en}",
        )
    raise PermissionDenied(
        f"{actor.display_name}无权执行此操作，需要角色：{wanted_zh}",
        f"{actor.login} may not do this: it needs {needs_en}",
    )


def revoke_sessions(session: Session, reviewer_id: int, *, now: datetime | None = None) -> int:
    """End every server sign-in of a reviewer (disabled, or their password reset)."""
    now = now or utcnow()
    rows = session.exec(
        select(ReviewerSession).where(
            col(ReviewerSession.reviewer_id) == reviewer_id,
            col(ReviewerSession.revoked_at).is_(None),
        )
    ).all()
    for row in rows:
        row.revoked_at = now
        session.add(row)
    return len(rows)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


#: Checked against when the login is unknown, so the answer takes as long as for a real one.
_DECOY_HASH = (
    f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$"
    "AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
)


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(
        password.encode("utf-8"),
        salt=base64.b64decode(salt),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(base64.b64decode(digest)),
    )
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def _roles_of(session: Session, reviewer_id: int) -> frozenset[str]:
    rows = session.exec(select(ReviewerRole.role).where(ReviewerRole.reviewer_id == reviewer_id))
    return frozenset(rows.all())


def actor_of(session: Session, reviewer: Reviewer) -> Actor:
    reviewer_id = saved(reviewer.id)
    return Actor(
        reviewer_id, reviewer.login, reviewer.display_name, _roles_of(session, reviewer_id)
    )


def load_actor(session: Session, reviewer_id: int) -> Actor:
    """The reviewer as an :class:`Actor`; an inactive reviewer cannot act."""
    reviewer = session.get(Reviewer, reviewer_id)
    if reviewer is None:
        raise NotFound(f"审核员 {reviewer_id} 不存在", f"reviewer {reviewer_id} does not exist")
    if not reviewer.active:
        raise PermissionDenied(
            f"审核员 {reviewer.login} 已停用", f"reviewer {reviewer.login} is disabled"
        )
    return actor_of(session, reviewer)


def _check_roles(roles: Iterable[str]) -> list[str]:
    roles = sorted(set(roles))
    # The platform role belongs to API clients (workbench api-client), never to a person.
    bad = [r for r in roles if r not in {x.value for x in REVIEWER_ROLES}]
    if bad or not roles:
        raise ValidationError(
            f"角色无效：{', '.join(bad) or '（空）'}",
            f"unknown or missing roles: {', '.join(bad) or '(none)'}; "
            f"choose from {', '.join(r.value for r in REVIEWER_ROLES)}",
        )
    return roles


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"密码至少 {MIN_PASSWORD_LENGTH} 位",
            f"the password needs {MIN_PASSWORD_LENGTH}+ characters",
        )


def create_reviewer(
    session: Session,
    actor: Actor | None,
    *,
    login: str,
    display_name: str,
    roles: Iterable[str],
    password: str,
) -> Reviewer:
    """Add a reviewer.  ``actor`` must be an administrator, except for the very first one."""
    first = session.exec(select(Reviewer.id).limit(1)).first() is None
    if not first:
        require_role(actor, Role.ADMINISTRATOR)
    login = login.strip()
    if not login or not display_name.strip():
        raise ValidationError("登录名和显示名不能为空", "login and display name are required")
    roles = _check_roles(roles)
    _check_password(password)
    if session.exec(select(Reviewer.id).where(Reviewer.login == login)).first() is not None:
        raise ValidationError(f"登录名 {login} 已存在", f"the login {login} is taken")
    reviewer = Reviewer(
        login=login, display_name=display_name.strip(), password_hash=hash_password(password)
    )
    session.add(reviewer)
    session.flush()
    for role in roles:
        session.add(ReviewerRole(reviewer_id=saved(reviewer.id), role=role))
    session.flush()
    audit.record(
        session,
        actor,
        "reviewer.create",
        "reviewer",
        reviewer.id,
        after={"login": login, "display_name": reviewer.display_name, "roles": roles},
    )
    return reviewer


def _by_login(session: Session, login: str) -> Reviewer:
    reviewer = session.exec(select(Reviewer).where(Reviewer.login == login)).first()
    if reviewer is None or Role.PLATFORM in _roles_of(session, saved(reviewer.id)):
        # An API client's row is kept with workbench api-client, not as a reviewer.
        raise NotFound(f"审核员 {login} 不存在", f"no reviewer with login {login}")
    return reviewer


def set_active(
    session: Session, actor: Actor, login: str, active: bool, *, reason: str
) -> Reviewer:
    require_role(actor, Role.ADMINISTRATOR)
    reviewer = _by_login(session, login)
    if reviewer.id == actor.id and not active:
        raise ValidationError("不能停用自己", "you cannot disable yourself")
    before = reviewer.active
    reviewer.active = active
    session.add(reviewer)
    if not active:
        revoke_sessions(session, saved(reviewer.id))
    audit.record(
        session,
        actor,
        "reviewer.enable" if active else "reviewer.disable",
        "reviewer",
        reviewer.id,
        before={"active": before},
        after={"active": active},
        reason=reason,
    )
    return reviewer


def reset_password(session: Session, actor: Actor, login: str, password: str) -> Reviewer:
    require_role(actor, Role.ADMINISTRATOR)
    _check_password(password)
    reviewer = _by_login(session, login)
    reviewer.password_hash = hash_password(password)
    reviewer.failed_logins = 0
    reviewer.locked_until = None
    session.add(reviewer)
    revoke_sessions(session, saved(reviewer.id))
    audit.record(session, actor, "reviewer.reset_password", "reviewer", reviewer.id)
    return reviewer


def set_roles(session: Session, actor: Actor, login: str, roles: Iterable[str]) -> Reviewer:
    require_role(actor, Role.ADMINISTRATOR)
    reviewer = _by_login(session, login)
    roles = _check_roles(roles)
    before = sorted(_roles_of(session, saved(reviewer.id)))
    for row in session.exec(select(ReviewerRole).where(ReviewerRole.reviewer_id == reviewer.id)):
        session.delete(row)
    session.flush()
    for role in roles:
        session.add(ReviewerRole(reviewer_id=saved(reviewer.id), role=role))
    audit.record(
        session,
        actor,
        "reviewer.set_roles",
        "reviewer",
        reviewer.id,
        before={"roles": before},
        after={"roles": roles},
    )
    return reviewer


def authenticate(
    session: Session, login: str, password: str, *, now: datetime | None = None
) -> Actor:
    """Sign a reviewer in, counting failures and locking out after too many.

    The failure count lives in ``session``: commit it even when this raises
    (:func:`sign_in` does), or the lockout never comes.
    """
    now = now or utcnow()
    refused = AuthenticationFailed("登录名或密码错误", "wrong login or password")
    stmt = select(Reviewer).where(Reviewer.login == login.strip())
    if session.get_bind().dialect.name == "postgresql":
        # Concurrent attempts on one login queue here, so each sees the failures
        # counted before it and the lockout holds after exactly MAX_FAILED_LOGINS.
        stmt = stmt.with_for_update()
    reviewer = session.exec(stmt).first()
    if reviewer is not None and Role.PLATFORM in _roles_of(session, saved(reviewer.id)):
        reviewer = None  # an API client never signs in: refused like an unknown login
    if reviewer is None:
        verify_password(password, _DECOY_HASH)  # an unknown login costs what a real one does
        raise refused
    if reviewer.locked_until is not None and reviewer.locked_until > now:
        minutes = max(1, int((reviewer.locked_until - now).total_seconds() // 60))
        raise AuthenticationFailed(
            f"失败次数过多，账号已锁定，请 {minutes} 分钟后再试",
            f"too many failed sign-ins; locked for another {minutes} min",
        )
    if not reviewer.active:
        # Only the right password learns that the login exists and is disabled.
        if not verify_password(password, reviewer.password_hash):
            raise refused
        raise AuthenticationFailed(f"审核员 {reviewer.login} 已停用", "this reviewer is disabled")
    if not verify_password(password, reviewer.password_hash):
        reviewer.failed_logins += 1
        if reviewer.failed_logins >= MAX_FAILED_LOGINS:
            reviewer.locked_until = now + LOCKOUT
            reviewer.failed_logins = 0
            audit.record(session, None, "reviewer.locked_out", "reviewer", reviewer.id, at=now)
        session.add(reviewer)
        raise refused
    reviewer.failed_logins = 0
    reviewer.locked_until = None
    session.add(reviewer)
    audit.record(session, None, "reviewer.sign_in", "reviewer", reviewer.id, at=now)
    return actor_of(session, reviewer)


def sign_in(engine, login: str, password: str, *, now: datetime | None = None) -> Actor:
    """Authenticate in its own transaction, keeping the failure count even when refused."""
    from workbench.db import session_scope

    outcome: Actor | AuthenticationFailed
    with session_scope(engine) as session:
        try:
            outcome = authenticate(session, login, password, now=now)
        except AuthenticationFailed as exc:
            outcome = exc
    if isinstance(outcome, AuthenticationFailed):
        raise outcome
    return outcome
