"""Telling open workbenches that something changed (PostgreSQL LISTEN/NOTIFY).

A service calls :func:`notify_change` inside the transaction of its change;
PostgreSQL delivers the notification on commit to every workbench listening
on :data:`CHANNEL`.  On SQLite it does nothing: the desktop polls the audit
log instead.  The payload is JSON ``{"kind": "case", "ids": [1, 2]}``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable

from sqlalchemy import text
from sqlmodel import Session

from workbench import safe_json

log = logging.getLogger(__name__)

CHANNEL = "workbench"
MAX_IDS = 200  # PostgreSQL caps a payload at 8000 bytes
KIND = re.compile(r"[a-z][a-z_]{0,39}")  # case, appeal, measure, queues, ...


def encode(kind: str, ids: Iterable[int] = ()) -> str:
    return json.dumps({"kind": kind, "ids": sorted(set(ids))[:MAX_IDS]}, separators=(",", ":"))


def decode(payload: str) -> tuple[str, list[int]]:
    """``(kind, ids)`` from a payload; a bare word is a kind without ids.

    Anything else that is not a notice of this module's shape (malformed or
    deeply nested JSON, ids that are not numbers) is logged and dropped:
    ``("unknown", [])``, which no view acts on.
    """
    if not isinstance(payload, str):
        return _dropped(payload, "not text")
    word = payload.strip()
    if word and KIND.fullmatch(word):
        return word, []
    try:
        data = safe_json.loads(payload)
    except safe_json.JsonError as exc:
        return _dropped(payload, str(exc))
    ids = data.get("ids", []) if isinstance(data, dict) else None
    if not isinstance(ids, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in ids
    ):
        return _dropped(payload, "not a notice object with whole-number ids")
    kind = data.get("kind")
    if not isinstance(kind, str) or not KIND.fullmatch(kind):
        return _dropped(payload, "no kind")
    return kind, ids


def _dropped(payload, why: str) -> tuple[str, list[int]]:
    log.warning("dropped a malformed change notification (%.200s): %.120r", why, payload)
    return "unknown", []


def notify_change(session: Session, kind: str, ids: Iterable[int] = ()) -> None:
    """Queue a change notification, sent when the session's transaction commits."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {
            "channel": CHANNEL,
            "payload": encode(kind, ids),
        },
    )
