"""Running one operation: its transaction, its actor, its notices, its retry key.

Both transports come through :func:`execute`: the in-process client with the
reviewer it signed in, the server with the reviewer its token names.  The
actor is read again inside the transaction, so a reviewer disabled or given
other roles a moment ago acts with what they have now.  The change notices
are queued in the same transaction (PostgreSQL sends them on commit) and
handed back to the caller, who tells its own listeners after the commit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from workbench.access import auth
from workbench.db import run_in_transaction
from workbench.models import IdempotentRequest
from workbench.operations import notices
from workbench.operations.core import Ctx, OperationSpec
from workbench.operations.errors import Conflict, NotSignedIn
from workbench.records.change_feed import Changes, clear_changes, collected_changes

#: How to find who is acting, inside the transaction: the in-process client
#: loads its signed-in reviewer; the server resolves a session token.
ActorSource = Callable[[Session], auth.Actor | None]


@dataclass(frozen=True)
class Outcome:
    """What an operation returned (as a Python value, or as JSON when it
    came back from the idempotency store) and what it changed."""

    result: Any
    changes: Changes
    replayed: bool = False


def signed_in_reviewer(reviewer_id: int | None) -> ActorSource:
    """The reviewer with ``reviewer_id``, re-read (None: nobody is signed in)."""

    def load(session: Session) -> auth.Actor | None:
        return None if reviewer_id is None else auth.load_actor(session, reviewer_id)

    return load


def announce(session: Session, *, queues: bool = False) -> Changes:
    """What the transaction of ``session`` changed, its notice queued for the commit."""
    collected = collected_changes(session)
    changes = Changes(collected.entities, collected.queues or queues)
    notices.send(session, changes)
    return changes


def request_hash(name: str, arguments: dict[str, Any]) -> str:
    body = json.dumps([name, arguments], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def execute(
    engine: Engine,
    spec: OperationSpec,
    arguments: dict[str, Any],
    actor_source: ActorSource,
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
    wire_arguments: dict[str, Any] | None = None,
) -> Outcome:
    """Run ``spec`` with ``arguments`` in one transaction (retried while SQLite is busy).

    With ``idempotency_key`` (a write from the server), the first run stores
    its answer under the key in the same transaction; a retry with the same
    key and the same request gets that answer back without running again.
    """

    def work(session: Session) -> Outcome:
        clear_changes(session)
        actor = actor_source(session)
        if actor is None and not spec.public:
            raise NotSignedIn("请先登录", "sign in first")
        if spec.roles and not spec.public:
            auth.require_role(actor, *spec.roles)
        claim: IdempotentRequest | None = None
        if idempotency_key is not None and actor is not None and spec.write and not spec.reveals:
            digest = request_hash(spec.name, wire_arguments or {})
            stored = _stored(session, actor.id, idempotency_key)
            if stored is not None:
                return _replay(stored, spec, digest)
            claim = IdempotentRequest(
                reviewer_id=actor.id,
                key=idempotency_key,
                operation=spec.name,
                request_hash=digest,
            )
            session.add(claim)
            session.flush()  # a concurrent twin waits here, then fails and replays
        ctx = Ctx(session, actor, now)
        result = spec.function(ctx, **arguments)
        changes = announce(session, queues=ctx.queues_changed)
        if claim is not None:
            claim.response = {
                "result": spec.dump_result(result),
                "changes": {"entities": changes.entities, "queues": changes.queues},
            }
            session.add(claim)
        return Outcome(result, changes)

    attempts = 3 if idempotency_key is not None else 1
    for attempt in range(attempts):
        try:
            return run_in_transaction(engine, work, write=spec.write)
        except IntegrityError:
            # A twin request with the same key committed first: replay its answer.
            if attempt == attempts - 1 or idempotency_key is None:
                raise
    raise AssertionError("unreachable")


def _stored(session: Session, reviewer_id: int, key: str) -> IdempotentRequest | None:
    stmt = select(IdempotentRequest).where(
        col(IdempotentRequest.reviewer_id) == reviewer_id, col(IdempotentRequest.key) == key
    )
    return session.execute(stmt).scalars().first()


def _replay(stored: IdempotentRequest, spec: OperationSpec, digest: str) -> Outcome:
    if stored.operation != spec.name or stored.request_hash != digest:
        raise Conflict(
            "该请求编号已用于另一项操作，未重复执行",
            f"the idempotency key was already used for another request ({stored.operation}); "
            "nothing was done",
        )
    response = stored.response or {}
    raw = response.get("changes") or {}
    changes = Changes(
        {k: tuple(v) for k, v in (raw.get("entities") or {}).items()}, bool(raw.get("queues"))
    )
    return Outcome(spec.load_result(response.get("result")), changes, replayed=True)
