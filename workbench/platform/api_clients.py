"""The platform's API clients: registering, disabling, rotating, and checking a request.

A client is a platform system (the report form, the appeal centre, the
account service) that calls the integration API (``/v1/``).  Each has a name,
scopes (:data:`SCOPES`) and a secret.  A client that gains ``notices:read``
(added, or enabled again) is given the messages still waiting for the platform
(:mod:`workbench.platform.platform_backlog`).  The secret is never stored: it is
``HMAC-SHA256(server key, "api-client:<id>:<generation>")`` from the server's
key file (:func:`secret_for`), shown to the administrator once when the
client is added or its secret rotated.  Rotation raises the generation, so
the old secret stops working at once; disabling stops every request.

A request is either

* signed: ``X-Workbench-Client: NAME``, ``X-Workbench-Timestamp: UNIX-SECONDS``
  and ``X-Workbench-Signature: hex(HMAC-SHA256(secret, METHOD "\\n" PATH "\\n"
  TIMESTAMP "\\n" hex(SHA-256(body))))``, PATH with its query string; the
  timestamp must be within :data:`REPLAY_WINDOW` of the server's clock and
  each signature is accepted once (kept in ``api_signature`` for the window,
  then pruned); or
* a bearer token: ``Authorization: Bearer SECRET`` (over TLS only).

Each client acts through a reviewer row of its own with the single role
``platform`` and no password: it cannot sign in to the reviewers' API, the
services' role checks see it as the platform, and the audit log names it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, actor_of, require_role, revoke_sessions
from workbench.errors import (
    InvalidTransition,
    NotFound,
    NotSignedIn,
    PermissionDenied,
    ValidationError,
)
from workbench.models import ApiClient, ApiSignature, Reviewer, ReviewerRole, utcnow
from workbench.models.base import saved
from workbench.models.codes import Role
from workbench.platform.platform_backlog import share_backlog
from workbench.records import audit

SCOPES = (
    "intake:reports",
    "intake:appeals",
    "intake:change_requests",
    "accounts:write",
    "notices:read",
)
REPLAY_WINDOW = timedelta(minutes=5)
LOGIN_PREFIX = "api:"
TOKEN_PREFIX = "wbp"
NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,59}")
MAX_HEADER = 300


@dataclass(frozen=True)
class ApiClientView:
    """One client as administrators see it (never its secret)."""

    id: int
    name: str
    scopes: tuple[str, ...]
    active: bool
    generation: int
    created_at: datetime
    rotated_at: datetime | None


@dataclass(frozen=True)
class IssuedSecret:
    """A client's secret, shown once: keep it in the platform's secret store."""

    client_id: int
    name: str
    secret: str
    scopes: tuple[str, ...]


def secret_for(key: bytes, client_id: int, generation: int) -> str:
    """The secret of generation ``generation`` of client ``client_id`` under ``key``."""
    mac = hmac.new(key, f"api-client:{client_id}:{generation}".encode(), hashlib.sha256)
    encoded = base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()
    return f"{TOKEN_PREFIX}_{client_id}_{encoded}"


def _view(client: ApiClient) -> ApiClientView:
    assert client.id is not None
    return ApiClientView(
        client.id,
        client.name,
        tuple(client.scopes or ()),
        client.active,
        client.generation,
        client.created_at,
        client.rotated_at,
    )


def _check_scopes(scopes: list[str] | tuple[str, ...]) -> list[str]:
    chosen = sorted(set(scopes))
    bad = [s for s in chosen if s not in SCOPES]
    if bad or not chosen:
        raise ValidationError(
            f"权限范围无效：{', '.join(bad) or '（空）'}，可选：{', '.join(SCOPES)}",
            f"scope: unknown or missing scopes {', '.join(bad) or '(none)'}; "
            f"choose from {', '.join(SCOPES)}",
        )
    return chosen


def _by_name(session: Session, name: str) -> ApiClient:
    client = session.exec(select(ApiClient).where(ApiClient.name == name.strip())).first()
    if client is None:
        raise NotFound(f"接口客户端 {name} 不存在", f"no API client named {name!r}")
    return client


def list_clients(session: Session) -> list[ApiClientView]:
    return [_view(c) for c in session.exec(select(ApiClient).order_by(ApiClient.name)).all()]


def add_client(
    session: Session,
    actor: Actor,
    key: bytes,
    *,
    name: str,
    scopes: list[str],
    now: datetime | None = None,
) -> IssuedSecret:
    """Register a client (an administrator); its secret is returned once."""
    require_role(actor, Role.ADMINISTRATOR)
    name = (name or "").strip()
    if not NAME.fullmatch(name):
        raise ValidationError(
            "名称须为 1–60 个小写字母、数字或 . _ -，以字母或数字开头",
            "name: 1-60 lowercase letters, digits or . _ -, starting with a letter or digit",
        )
    chosen = _check_scopes(scopes)
    taken = session.exec(select(ApiClient.id).where(ApiClient.name == name)).first()
    login_taken = session.exec(
        select(Reviewer.id).where(Reviewer.login == LOGIN_PREFIX + name)
    ).first()
    if taken is not None or login_taken is not None:
        raise InvalidTransition(f"接口客户端 {name} 已存在", f"an API client named {name} exists")
    reviewer = Reviewer(login=LOGIN_PREFIX + name, display_name=f"平台接口 {name}")
    session.add(reviewer)
    session.flush()
    reviewer_id = saved(reviewer.id)
    session.add(ReviewerRole(reviewer_id=reviewer_id, role=Role.PLATFORM.value))
    client = ApiClient(name=name, reviewer_id=reviewer_id, scopes=chosen)
    session.add(client)
    session.flush()
    audit.record(
        session,
        actor,
        "api_client.create",
        "api_client",
        client.id,
        after={"name": name, "scopes": chosen, "reviewer_id": reviewer.id},
    )
    share_backlog(session, actor, client, now or utcnow())  # what still waits for the platform
    assert client.id is not None
    return IssuedSecret(client.id, name, secret_for(key, client.id, 1), tuple(chosen))


def set_client_active(
    session: Session,
    actor: Actor,
    *,
    name: str,
    active: bool,
    reason: str = "",
    now: datetime | None = None,
) -> ApiClientView:
    """Disable (every request refused from now on) or enable a client."""
    require_role(actor, Role.ADMINISTRATOR)
    client = _by_name(session, name)
    before = client.active
    client.active = active
    reviewer = session.get(Reviewer, client.reviewer_id)
    if reviewer is not None:
        reviewer.active = active
        session.add(reviewer)
        revoke_sessions(session, saved(reviewer.id))
    session.add(client)
    session.flush()
    audit.record(
        session,
        actor,
        "api_client.enable" if active else "api_client.disable",
        "api_client",
        client.id,
        before={"active": before},
        after={"active": active},
        reason=reason or None,
    )
    if active and not before:
        share_backlog(session, actor, client, now or utcnow())
    return _view(client)


def rotate_secret(
    session: Session, actor: Actor, key: bytes, *, name: str, now: datetime | None = None
) -> IssuedSecret:
    """A new secret for the client; the old one stops working at once."""
    require_role(actor, Role.ADMINISTRATOR)
    client = _by_name(session, name)
    client.generation += 1
    client.rotated_at = now or utcnow()
    session.add(client)
    session.flush()
    audit.record(
        session,
        actor,
        "api_client.rotate",
        "api_client",
        client.id,
        after={"generation": client.generation},
    )
    assert client.id is not None
    return IssuedSecret(
        client.id, client.name, secret_for(key, client.id, client.generation), tuple(client.scopes)
    )


# -- checking a request ------------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    """What a request presents: a bearer token, or a client name with a signature."""

    bearer: str | None = None
    client: str | None = None
    timestamp: str | None = None
    signature: str | None = None


@dataclass(frozen=True)
class Caller:
    """The client a request was verified to come from."""

    client_id: int
    name: str
    scopes: frozenset[str]
    actor: Actor


def _refused(zh: str, en: str) -> NotSignedIn:
    return NotSignedIn(zh, en)


def string_to_sign(method: str, path: str, timestamp: str, body: bytes) -> bytes:
    """What a signature covers: method, path (with query), timestamp, body's SHA-256."""
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path}\n{timestamp}\n{digest}".encode()


def sign(secret: str, method: str, path: str, timestamp: str, body: bytes) -> str:
    """The signature of a request, as a client computes it (hex)."""
    return hmac.new(
        secret.encode(), string_to_sign(method, path, timestamp, body), hashlib.sha256
    ).hexdigest()


def _active(session: Session, client: ApiClient) -> Actor:
    reviewer = session.get(Reviewer, client.reviewer_id)
    if not client.active or reviewer is None or not reviewer.active:
        raise PermissionDenied(
            f"接口客户端 {client.name} 已停用", f"the API client {client.name} is disabled"
        )
    return actor_of(session, reviewer)


def verify(
    session: Session,
    key: bytes,
    credentials: Credentials,
    *,
    method: str,
    path: str,
    body: bytes,
    scope: str,
    now: datetime | None = None,
) -> Caller:
    """The client that sent the request, refused in words unless its credentials hold,
    it is active and it has ``scope``.  A signature is remembered in ``session``'s
    transaction: if the request's work is rolled back, so is its use of the signature."""
    now = (now or utcnow()).astimezone(UTC)
    if credentials.bearer is not None:
        client = _bearer_client(session, key, credentials.bearer)
        signature = None
        signed_at = None
    elif credentials.client or credentials.signature or credentials.timestamp:
        client, signature, signed_at = _signed_client(
            session, key, credentials, method=method, path=path, body=body, now=now
        )
    else:
        raise _refused(
            "缺少身份凭据：请签名请求或使用 Bearer 令牌",
            "no credentials: sign the request (X-Workbench-Client, X-Workbench-Timestamp, "
            "X-Workbench-Signature) or send Authorization: Bearer SECRET",
        )
    actor = _active(session, client)
    if scope not in (client.scopes or ()):
        raise PermissionDenied(
            f"接口客户端 {client.name} 没有权限范围 {scope}",
            f"the API client {client.name} lacks the scope {scope}",
        )
    if signature is not None and signed_at is not None:
        _prune_signatures(session, now)
        try:
            with session.begin_nested():
                session.add(
                    ApiSignature(
                        signature=signature, client_id=saved(client.id), signed_at=signed_at
                    )
                )
                session.flush()
        except IntegrityError:
            raise _replayed() from None
    assert client.id is not None
    return Caller(client.id, client.name, frozenset(client.scopes or ()), actor)


def _prune_signatures(session: Session, now: datetime) -> None:
    """Forget signatures older than the replay window.  On PostgreSQL the rows another
    request's transaction is pruning are skipped, not waited for: otherwise every signed
    request would queue behind the longest one still open (a batch of 500 reports)."""
    stale = col(ApiSignature.signed_at) < now - REPLAY_WINDOW
    if session.get_bind().dialect.name != "postgresql":
        session.execute(delete(ApiSignature).where(stale))
        return
    mine = (
        select(col(ApiSignature.signature))
        .where(stale)
        .limit(1000)
        .with_for_update(skip_locked=True)
    )
    session.execute(delete(ApiSignature).where(col(ApiSignature.signature).in_(mine)))


def _replayed() -> NotSignedIn:
    return _refused(
        "该签名已使用过（重放的请求），未执行：请用新的时间戳重新签名",
        "this signature was already used (a replayed request); nothing was done: "
        "sign the request again with a new timestamp",
    )


def _bad_secret() -> NotSignedIn:
    return _refused(
        "接口凭据无效（客户端或密钥不对，或密钥已更换）",
        "the API credentials are not valid (unknown client, wrong secret, or a secret "
        "that was rotated)",
    )


def _bearer_client(session: Session, key: bytes, token: str) -> ApiClient:
    parts = token.split("_", 2)
    if len(token) > MAX_HEADER or len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise _bad_secret()
    if not parts[1].isdigit() or len(parts[1]) > 12:
        raise _bad_secret()
    client = session.get(ApiClient, int(parts[1]))
    if client is None:
        raise _bad_secret()
    expected = secret_for(key, int(parts[1]), client.generation)
    if not hmac.compare_digest(expected.encode(), token.encode()):
        raise _bad_secret()
    return client


def _signed_client(
    session: Session,
    key: bytes,
    credentials: Credentials,
    *,
    method: str,
    path: str,
    body: bytes,
    now: datetime,
) -> tuple[ApiClient, str, datetime]:
    name, stamp, signature = credentials.client, credentials.timestamp, credentials.signature
    if not name or not stamp or not signature:
        raise _refused(
            "签名请求须同时带 X-Workbench-Client、X-Workbench-Timestamp、X-Workbench-Signature",
            "a signed request needs X-Workbench-Client, X-Workbench-Timestamp and "
            "X-Workbench-Signature",
        )
    if not stamp.isdigit() or len(stamp) > 12:
        raise _refused(
            "X-Workbench-Timestamp 须为 Unix 秒数", "X-Workbench-Timestamp must be Unix seconds"
        )
    signed_at = datetime.fromtimestamp(int(stamp), UTC)
    if abs(signed_at - now) > REPLAY_WINDOW:
        minutes = int(REPLAY_WINDOW.total_seconds() // 60)
        raise _refused(
            f"请求时间戳超出允许范围（服务器时间前后 {minutes} 分钟），未执行",
            f"the request's timestamp is more than {minutes} minutes from the server's clock "
            f"({now.isoformat(timespec='seconds')}); nothing was done",
        )
    signature = signature.strip().lower()
    if len(signature) != 64 or any(c not in "0123456789abcdef" for c in signature):
        raise _refused(
            "X-Workbench-Signature 须为 64 位十六进制",
            "X-Workbench-Signature must be 64 hex digits",
        )
    client = session.exec(select(ApiClient).where(ApiClient.name == name.strip()[:64])).first()
    if client is None:
        raise _bad_secret()
    assert client.id is not None
    secret = secret_for(key, client.id, client.generation)
    expected = sign(secret, method, path, stamp, body)
    if not hmac.compare_digest(expected, signature):
        raise _refused(
            "签名无效（密钥不对或已更换，或签名内容与请求不符），未执行",
            "the signature does not match (wrong or rotated secret, or it does not cover this "
            "method, path, timestamp and body); nothing was done",
        )
    return client, signature, signed_at
