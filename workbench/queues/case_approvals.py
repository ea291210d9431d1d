"""The severe measures of one case that wait for a supervisor (issue 15, item 5).

What the case view's approval box shows beside the case's reports and evidence: each
measure with its basis, its reason, who proposed it and when (2022/8: severe measures
are decided by a supervisor).  The decision itself is
:func:`workbench.queues.measures.decide_approval` as from the dashboard.
"""

from __future__ import annotations

from sqlmodel import Session, select

from workbench.models import Account, Measure, Reviewer
from workbench.models.codes import MeasureStatus
from workbench.queues.supervision import PendingApproval


def case_pending_approvals(session: Session, case_id: int) -> list[PendingApproval]:
    """The case's measures awaiting approval, the oldest first."""
    rows = session.exec(
        select(Measure, Account.name, Reviewer.display_name)
        .join(Account, Account.id == Measure.account_id)
        .join(Reviewer, Reviewer.id == Measure.decided_by)
        .where(
            Measure.case_id == case_id,
            Measure.status == MeasureStatus.PENDING_APPROVAL.value,
        )
        .order_by(Measure.decided_at, Measure.id)
    ).all()
    return [
        PendingApproval(
            m.id,
            m.case_id,
            name,
            m.code,
            m.basis,
            m.reason,
            dict(m.params or {}),
            who,
            m.decided_at,
        )  # fmt: skip
        for m, name, who in rows
    ]
