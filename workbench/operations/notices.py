"""Change notices on the wire: PostgreSQL ``NOTIFY`` payloads and the server's stream.

An operation's :class:`~workbench.records.change_feed.Changes` is sent as
``{"v": 1, "e": {"case": [1, 2]}, "q": true}``.  Anyone with a database
login can ``NOTIFY`` the channel, and the stream crosses a network, so
:func:`decode` trusts nothing: an overlong, deeply nested or ill-shaped
payload is logged and dropped, never raised into a listener.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from workbench.records.change_feed import Changes

__all__ = ["CHANNEL", "Changes", "decode", "encode", "send"]

log = logging.getLogger(__name__)

CHANNEL = "workbench"
MAX_PAYLOAD = 7900  # PostgreSQL refuses NOTIFY payloads of 8000 bytes and more
MAX_IDS = 200  # per kind; more than that and the kind is sent without ids ("reload all")
MAX_KINDS = 32
KIND_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz_.")


def encode(changes: Changes) -> str:
    """The payload for ``changes``; kinds with too many ids go without them."""
    entities = {
        kind: (list(ids) if len(ids) <= MAX_IDS else []) for kind, ids in changes.entities.items()
    }
    payload = json.dumps({"v": 1, "e": entities, "q": changes.queues}, separators=(",", ":"))
    if len(payload) > MAX_PAYLOAD:
        payload = json.dumps(
            {"v": 1, "e": {kind: [] for kind in entities}, "q": True}, separators=(",", ":")
        )
    return payload


def decode(payload: Any) -> Changes | None:
    """The changes in ``payload``, or None (logged) when it is not a well-formed notice."""
    try:
        if not isinstance(payload, str) or len(payload) > MAX_PAYLOAD:
            raise ValueError("not a string of at most 7900 characters")
        if payload.count("[") + payload.count("{") > MAX_KINDS + 2:
            raise ValueError("nested deeper or wider than a notice is")
        data = json.loads(payload)
        if not isinstance(data, dict) or data.get("v") != 1:
            raise ValueError("no version 1 notice")
        raw, queues = data.get("e", {}), data.get("q", False)
        if not isinstance(raw, dict) or not isinstance(queues, bool) or len(raw) > MAX_KINDS:
            raise ValueError("malformed entities")
        entities: dict[str, tuple[int, ...]] = {}
        for kind, ids in raw.items():
            if not (isinstance(kind, str) and 0 < len(kind) <= 40 and set(kind) <= KIND_CHARS):
                raise ValueError(f"bad kind {kind!r:.50}")
            if not isinstance(ids, list) or len(ids) > MAX_IDS:
                raise ValueError("bad ids")
            if not all(isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in ids):
                raise ValueError("ids are not positive integers")
            entities[kind] = tuple(sorted(set(ids)))
        return Changes(entities, queues)
    except (ValueError, RecursionError, TypeError) as exc:
        log.warning("dropped a malformed change notice (%s): %.120r", exc, payload)
        return None


def send(session: Session, changes: Changes) -> None:
    """Queue ``NOTIFY`` for ``changes``; PostgreSQL delivers it when the transaction commits."""
    if changes.empty or session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": encode(changes)},
    )
