"""Finding personal data in full (2022/16) in the audit log: what a masked value never
matches and a full one does.  The log keeps masked values or references only."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from workbench.db import session_scope
from workbench.models import AuditEvent

# A masked value keeps a few characters around '*', so none of these matches it.
PATTERNS = {
    "email": re.compile(r"[\w.+-]*[\w+-]@[\w-]+(?:\.[\w-]+)+"),
    "mobile phone": re.compile(r"(?<![\d*])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?![\d*])"),
    "ID number": re.compile(r"(?<![\dA-Za-z*])\d{17}[\dXx](?![\dA-Za-z])"),
    "WeChat / QQ": re.compile(r"(?i)(?:wx|微信|wechat|qq)\s*[:：]\s*[^\s*\"',}]{4,}"),
}


def personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, value) of every full contact, phone or ID number in ``text``."""
    return [(kind, m.group()) for kind, p in PATTERNS.items() for m in p.finditer(text)]


def in_audit_log(engine) -> list[tuple[int, str, str, str]]:
    """(event id, action, kind, value) of personal data in full in any audit event."""
    found = []
    with session_scope(engine, write=False) as s:
        for event in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
            text = json.dumps(
                [event.before, event.after, event.reason], ensure_ascii=False, default=str
            )
            found += [(event.id, event.action, k, v) for k, v in personal_data(text)]
    return found
