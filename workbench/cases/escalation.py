"""Escalating a case to the supervisors: it moves to the escalations queue, unclaimed.

A moderator escalates what they should not decide alone (a prominent account,
a case beyond their remit); the case keeps its status and clocks, only its
queue changes, and the reason is audited.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.cases.casework import case_state, load_for_action, now_or, save
from workbench.errors import InvalidTransition, ValidationError
from workbench.models import Case
from workbench.models.codes import OPEN_CASE_STATUSES, Queue
from workbench.timelimits.clock_holds import hold_clocks


def escalate_case(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    reason: str,
    now: datetime | None = None,
) -> Case:
    """Move an open case to the escalations queue and release its claim."""
    now = now_or(now)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请说明升级的理由", "give a reason for escalating the case")
    case = load_for_action(session, actor, case_id, expected_version, now)
    if case.status not in {s.value for s in OPEN_CASE_STATUSES}:
        raise InvalidTransition(
            f"案件 {case.id} 已办结，不能升级",
            f"case {case.id} is finished; it cannot be escalated",
        )
    if case.queue == Queue.ESCALATIONS:
        raise InvalidTransition(
            f"案件 {case.id} 已在升级队列中", f"case {case.id} is already escalated"
        )
    before = case_state(case)
    previous = case.queue
    case.queue = Queue.ESCALATIONS.value
    case.assignee_id, case.claimed_until = None, None
    hold_clocks(session, None, now, case=case)  # back in a queue: waiting again
    save(
        session,
        actor,
        case,
        "case.escalate",
        before,
        now,
        reason=reason,
        extra={"queue": case.queue, "from_queue": previous},
    )
    return case
