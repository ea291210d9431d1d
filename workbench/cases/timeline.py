"""A case's timeline: its audit events and its clocks, newest first, each with the
stage it belongs to and its changes in readable fields (for the case view)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlmodel import Session, col

from workbench.models import (
    AuditEvent,
    Clock,
    Reviewer,
)
from workbench.models.codes import CaseStatus, Stage
from workbench.models.views import (
    TimelineChange,
    TimelineEntry,
)

MAX_TIMELINE = 300


#: Which stage a case event belongs to: the one the case was in before it (a
#: case's first event, with no status yet, belongs to acceptance).
STATUS_STAGE: dict[str | None, Stage] = {  # looked up by the status stored in the payload
    None: Stage.ACCEPT,
    CaseStatus.RECEIVED: Stage.ACCEPT,
    CaseStatus.ACCEPTED: Stage.SCREEN,
    CaseStatus.SCREENING: Stage.DISPOSE,
    CaseStatus.DISPOSED: Stage.REPLY,
    CaseStatus.NO_VIOLATION: Stage.REPLY,
    CaseStatus.DECLINED: Stage.REPLY,
    CaseStatus.REPLIED: Stage.REPLY,
    CaseStatus.CLOSED: Stage.REPLY,
}
ENTITY_STAGE = {"appeal": Stage.APPEAL_DECISION, "correction_order": Stage.CORRECTION}

#: The payload fields the timeline shows, per entity: (field, shown as, kind).
#: Everything else in a payload (versions, weights, internal ids) stays out.
CASE_CHANGE_FIELDS = (
    ("status", "status", "status"),
    ("queue", "queue", "queue"),
    ("category", "category", "category"),
    ("decline_reason", "decline_reason", "decline_reason"),
    ("resolution_note", "resolution_note", "text"),
    ("assignee_id", "assignee", "text"),
    ("claimed_until", "claimed_until", "time"),
    ("reporter_count", "reporter_count", "number"),
)
CHANGE_FIELDS = {
    "case": CASE_CHANGE_FIELDS,
    "report": CASE_CHANGE_FIELDS,
    "measure": (
        ("code", "measure", "measure"),
        ("status", "status", "status"),
        ("effective_from", "effective_from", "time"),
        ("effective_until", "effective_until", "time"),
    ),
    "rule_hit": (("category", "category", "category"), ("decision", "decision", "hit_decision")),
    "reply": (("recipient_kind", "recipient", "recipient"), ("status", "delivery", "delivery")),
    "appeal": (("status", "status", "status"),),
    "correction_order": (("status", "status", "status"), ("deadline", "deadline", "time")),
}


def _instant(value: object) -> str | None:
    """An audit payload's instant (ISO text or datetime) as ISO text in UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


def _value(value: object, kind: str) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if kind == "time":
        return _instant(value)
    return str(value)


def _changes(
    entity: str, before: dict, after: dict, names: dict[int, str]
) -> tuple[TimelineChange, ...]:
    changes = []
    for key, shown_as, kind in CHANGE_FIELDS.get(entity, ()):
        if key not in before and key not in after:
            continue
        old, new = before.get(key), after.get(key)
        if key == "assignee_id":
            old = names.get(old, f"#{old}") if isinstance(old, int) else None
            new = names.get(new, f"#{new}") if isinstance(new, int) else None
        old, new = _value(old, kind), _value(new, kind)
        if old != new:
            changes.append(TimelineChange(shown_as, kind, old, new))
    return tuple(changes)


def _clock_changes(action: str, before: dict, after: dict) -> tuple[TimelineChange, ...]:
    """The due times, pause reason and extension of a clock event."""
    if action == "clock.pause":
        return (
            TimelineChange(
                "pause_reason", "pause_reason", None, _value(after.get("reason"), "text")
            ),
        )
    if action == "clock.resume":
        return tuple(
            TimelineChange("due", "time", _instant(m.get("old_due")), _instant(m.get("new_due")))
            for m in after.get("moves") or ()
            if isinstance(m, dict)
        )
    changes = [
        TimelineChange("due", "time", _instant(before.get("due_at")), _instant(after.get("due_at")))
    ]
    if action == "clock.extend" and after.get("amount") is not None:
        limit = f"{after['amount']:g} {after.get('unit', '')}".strip()
        changes.append(TimelineChange("extension", "limit", None, limit))
    return tuple(changes)


def _event_clocks(event: AuditEvent) -> list[int]:
    """The clocks an audit event is about."""
    after = event.after if isinstance(event.after, dict) else {}
    if event.entity == "clock" and event.entity_id is not None:
        return [event.entity_id]
    ids: list[object] = [c for c in after.get("clocks") or () if isinstance(c, int)]
    ids += [m.get("clock") for m in after.get("moves") or () if isinstance(m, dict)]
    return [c for c in ids if isinstance(c, int)]


def _reviewer_names(session: Session, events: list[AuditEvent]) -> dict[int, str]:
    ids = set()
    for event in events:
        for payload in (event.before, event.after):
            if isinstance(payload, dict) and isinstance(payload.get("assignee_id"), int):
                ids.add(payload["assignee_id"])
    if not ids:
        return {}
    rows = session.execute(
        select(col(Reviewer.id), col(Reviewer.display_name)).where(col(Reviewer.id).in_(ids))
    ).all()
    return {rid: name for rid, name in rows}


def timeline_of(session: Session, case_id: int) -> tuple[TimelineEntry, ...]:
    """Audit events of the case and its clocks (started, met or missed), newest first,
    each with the stage it belongs to and its changes in readable fields."""
    entries: list[TimelineEntry] = []
    clocks = session.execute(select(Clock).where(col(Clock.case_id) == case_id)).scalars().all()
    clock_stage = {c.id: c.stage for c in clocks}
    # The newest events when there are more than MAX_TIMELINE, read back oldest first
    # so that each event's stage follows from the case's status before it.
    rows = session.execute(
        select(AuditEvent, col(Reviewer.display_name))
        .outerjoin(Reviewer, col(Reviewer.id) == AuditEvent.actor_id)
        .where(col(AuditEvent.case_id) == case_id)
        .order_by(col(AuditEvent.id).desc())
        .limit(MAX_TIMELINE)
    ).all()[::-1]
    names = _reviewer_names(session, [event for event, _actor in rows])
    status: str | None = None
    for event, actor in rows:
        before = event.before if isinstance(event.before, dict) else {}
        after = event.after if isinstance(event.after, dict) else {}
        status = before.get("status", status) if event.entity in ("case", "report") else status
        if event.action.startswith("clock."):
            ids = _event_clocks(event)
            stage = clock_stage.get(ids[0]) if ids else None
            kind, changes = "clock", _clock_changes(event.action, before, after)
        else:
            stage = ENTITY_STAGE.get(event.entity) or STATUS_STAGE.get(status, Stage.REPLY)
            kind, changes = "audit", _changes(event.entity, before, after, names)
        summary = ", ".join(f"{k}={v}" for k, v in after.items())
        entries.append(
            TimelineEntry(
                event.occurred_at,
                kind,
                actor,
                event.action,
                summary,
                event.reason,
                stage,
                changes,
            )
        )
        if event.entity in ("case", "report") and "status" in after:
            status = after["status"]
    for clock in clocks:
        due = TimelineChange("due", "time", None, _instant(clock.due_at))
        summary = f"due={clock.due_at.isoformat(timespec='minutes')}"
        entries.append(
            TimelineEntry(
                clock.started_at, "clock", None, "clock.start", summary, None, clock.stage, (due,)
            )
        )
        ended: datetime | None = clock.met_at or clock.breached_at
        if ended is not None:
            action = "clock.met" if clock.met_at is not None else "clock.missed"
            entries.append(
                TimelineEntry(ended, "clock", None, action, summary, None, clock.stage, (due,))
            )
    # Newest first; at the same instant a clock's end before the next one's start.
    order = {"clock.start": 0, "clock.met": 1, "clock.missed": 1}
    entries.sort(key=lambda e: (e.at, order.get(e.action, 2)), reverse=True)
    return tuple(entries)
