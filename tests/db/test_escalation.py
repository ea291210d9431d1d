"""Escalating a case moves it to the escalations queue, unclaimed, with the reason audited."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.db.audit_support import sealed
from tests.ui import factories as f
from workbench.access.auth import actor_of
from workbench.cases.escalation import escalate_case
from workbench.db import session_scope
from workbench.errors import InvalidTransition, ValidationError
from workbench.models import AuditEvent
from workbench.queues import claims


def test_escalate_moves_the_case_and_audits_the_reason(engine):
    with session_scope(engine) as s:
        mod = actor_of(s, f.reviewer(s, "mod"))
        case = f.case(s, status="accepted")
        claims.claim_case(s, mod, case.id, now=f.NOW)
        version = case.version
        with pytest.raises(ValidationError):
            escalate_case(s, mod, case.id, expected_version=version, reason=" ", now=f.NOW)
        escalate_case(s, mod, case.id, expected_version=version, reason="涉及知名机构", now=f.NOW)
        assert (case.queue, case.assignee_id, case.status) == ("escalations", None, "accepted")
        sealed(s)
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "case.escalate")).one()
        assert event.reason == "涉及知名机构"
        assert event.after["from_queue"] == "reports"
        with pytest.raises(InvalidTransition):
            escalate_case(s, mod, case.id, expected_version=case.version, reason="再次", now=f.NOW)


def test_a_finished_case_cannot_be_escalated(engine):
    with session_scope(engine) as s:
        mod = actor_of(s, f.reviewer(s, "mod"))
        case = f.case(s, status="replied")
        with pytest.raises(InvalidTransition, match="finished"):
            escalate_case(s, mod, case.id, expected_version=case.version, reason="晚了", now=f.NOW)
