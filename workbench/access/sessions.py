"""Sign-in sessions of the workbench server: a random token per sign-in.

The token goes to the client once; the server keeps only its SHA-256, so
whoever reads the table cannot act as anyone.  A session ends when it
expires, when the reviewer signs out, and when an administrator disables
the reviewer or resets their password (:func:`workbench.access.auth.revoke_sessions`).
Every request re-reads the reviewer: a disabled one is refused at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from workbench.access import auth
from workbench.access.auth import Actor
from workbench.errors import NotSignedIn, WorkbenchError
from workbench.models import IdempotentRequest, ReviewerSession, utcnow
from workbench.records import audit

DEFAULT_LIFETIME = timedelta(hours=12)
MAX_TOKEN = 200
#: How long an ended sign-in is kept before :func:`prune` removes it.
KEEP_ENDED = timedelta(days=7)
#: How long a write's answer is kept for a retry with its Idempotency-Key (a client
#: retries within seconds; a day covers a laptop put to sleep mid-request).
KEEP_ANSWERS = timedelta(days=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(
    session: Session,
    actor: Actor,
    *,
    lifetime: timedelta = DEFAULT_LIFETIME,
    client: str = "",
    now: datetime | None = None,
) -> tuple[str, datetime]:
    """A new session for ``actor``: the token (shown once) and when it expires."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    expires = now + lifetime
    session.add(
        ReviewerSession(
            token_hash=_digest(token),
            reviewer_id=actor.id,
            created_at=now,
            expires_at=expires,
            client=client[:200],
        )
    )
    session.flush()
    return token, expires


def _expired() -> NotSignedIn:
    return NotSignedIn(
        "登录已失效，请重新登录", "the sign-in has expired or was ended; sign in again"
    )


def resolve(session: Session, token: str | None, *, now: datetime | None = None) -> Actor:
    """The reviewer acting under ``token``; refused unless it is live and they are active."""
    if not token or len(token) > MAX_TOKEN:
        raise NotSignedIn("请先登录", "sign in first")
    now = now or utcnow()
    row = session.exec(
        select(ReviewerSession).where(ReviewerSession.token_hash == _digest(token))
    ).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise _expired()
    try:
        return auth.load_actor(session, row.reviewer_id)
    except WorkbenchError:
        raise _expired() from None


def close_session(session: Session, token: str, *, now: datetime | None = None) -> None:
    """Sign out: the token stops working at once.  A token that is not live
    (unknown, expired, already ended) is refused like any other request."""
    now = now or utcnow()
    if not token or len(token) > MAX_TOKEN:
        raise NotSignedIn("请先登录", "sign in first")
    row = session.exec(
        select(ReviewerSession).where(ReviewerSession.token_hash == _digest(token))
    ).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise _expired()
    row.revoked_at = now
    session.add(row)
    audit.record(session, None, "reviewer.sign_out", "reviewer", row.reviewer_id)


def prune(session: Session, *, now: datetime | None = None) -> tuple[int, int]:
    """Remove sign-ins ended or expired more than :data:`KEEP_ENDED` ago and write
    answers older than :data:`KEEP_ANSWERS`, so neither table grows without end
    (the server's clock tick calls this).  How many of each went."""
    now = now or utcnow()
    ended = now - KEEP_ENDED
    gone_sessions = session.exec(
        delete(ReviewerSession).where(
            or_(col(ReviewerSession.expires_at) < ended, col(ReviewerSession.revoked_at) < ended)
        )
    ).rowcount
    gone_answers = session.exec(
        delete(IdempotentRequest).where(col(IdempotentRequest.created_at) < now - KEEP_ANSWERS)
    ).rowcount
    return gone_sessions or 0, gone_answers or 0
