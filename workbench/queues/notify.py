"""Telling open workbenches that something changed (PostgreSQL LISTEN/NOTIFY).

A service calls :func:`notify_change` inside the transaction of its change;
PostgreSQL delivers the notification on commit to every workbench listening
on :data:`CHANNEL`.  On SQLite it does nothing: the desktop polls the audit
log instead.  The payload is JSON ``{"kind": "case", "ids": [1, 2]}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import text
from sqlmodel import Session

CHANNEL = "workbench"
MAX_IDS = 200  # PostgreSQL caps a payload at 8000 bytes


def encode(kind: str, ids: Iterable[int] = ()) -> str:
    return json.dumps({"kind": kind, "ids": sorted(set(ids))[:MAX_IDS]}, separators=(",", ":"))


def decode(payload: str) -> tuple[str, list[int]]:
    """``(kind, ids)`` from a payload; a bare word is a kind without ids."""
    try:
        data = json.loads(payload)
    except (TypeError, ValueError):
        return (payload.strip() or "unknown"), []
    if not isinstance(data, dict):
        return "unknown", []
    ids = [int(i) for i in data.get("ids", []) if isinstance(i, int | str) and str(i).isdigit()]
    return str(data.get("kind") or "unknown"), ids


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
