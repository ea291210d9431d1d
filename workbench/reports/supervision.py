"""What the supervisor's dashboard reads besides :mod:`workbench.reports.figures`.

:func:`breach_trend` counts clocks that ended met or breached per week
(Monday, Beijing time); :func:`pending_approvals` lists severe measures
waiting for a supervisor; :func:`assignable_reviewers` lists who a case can be
handed to.  Plain values only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from workbench.models import SHANGHAI, Account, Clock, Measure, Reviewer, ReviewerRole
from workbench.models.base import saved
from workbench.models.codes import ClockState, MeasureStatus, Role


@dataclass(frozen=True, slots=True)
class WeekFigures:
    week: date  # the Monday
    met: int
    breached: int


@dataclass(frozen=True, slots=True)
class PendingApproval:
    measure_id: int
    case_id: int | None
    account_name: str
    code: str
    basis: str
    reason: str
    params: dict
    decided_by: str
    decided_at: datetime


def _monday(at: datetime) -> date:
    day = at.astimezone(SHANGHAI).date()
    return day - timedelta(days=day.weekday())


def breach_trend(session: Session, *, now: datetime, weeks: int = 8) -> list[WeekFigures]:
    """Met and breached clocks per week for the last ``weeks`` weeks (oldest first)."""
    first = _monday(now) - timedelta(weeks=weeks - 1)
    since = datetime.combine(first, datetime.min.time(), SHANGHAI)
    rows = session.exec(
        select(Clock.state, Clock.met_at, Clock.breached_at).where(
            col(Clock.state).in_([ClockState.MET.value, ClockState.BREACHED.value]),
            ((col(Clock.met_at) >= since) | (col(Clock.breached_at) >= since)),
        )
    ).all()
    counts = {first + timedelta(weeks=i): [0, 0] for i in range(weeks)}
    for state, met_at, breached_at in rows:
        at = met_at if state == ClockState.MET else breached_at
        if at is None or at < since:
            continue
        bucket = counts.get(_monday(at))
        if bucket is not None:
            bucket[0 if state == ClockState.MET else 1] += 1
    return [WeekFigures(week, met, breached) for week, (met, breached) in sorted(counts.items())]


def pending_approvals(
    session: Session, *, limit: int = 500, case_id: int | None = None
) -> list[PendingApproval]:
    """Severe measures waiting for a supervisor's approval (of one case, when
    ``case_id`` is given), oldest first."""
    query = (
        select(Measure, Account.name, Reviewer.display_name)
        .join(Account, col(Account.id) == col(Measure.account_id))
        .join(Reviewer, col(Reviewer.id) == col(Measure.decided_by))
        .where(Measure.status == MeasureStatus.PENDING_APPROVAL.value)
    )
    if case_id is not None:
        query = query.where(Measure.case_id == case_id)
    rows = session.exec(query.order_by(col(Measure.decided_at), col(Measure.id)).limit(limit)).all()
    return [
        PendingApproval(
            saved(m.id),
            m.case_id,
            name,
            m.code,
            m.basis,
            m.reason,
            dict(m.params or {}),
            who,
            m.decided_at,
        )
        for m, name, who in rows
    ]


def assignable_reviewers(session: Session) -> list[tuple[int, str]]:
    """Active moderators and supervisors, by name: (id, display name)."""
    rows = session.exec(
        select(Reviewer.id, Reviewer.display_name)
        .join(ReviewerRole, col(ReviewerRole.reviewer_id) == col(Reviewer.id))
        .where(
            col(Reviewer.active).is_(True),
            col(ReviewerRole.role).in_([Role.MODERATOR.value, Role.SUPERVISOR.value]),
        )
        .distinct()
        .order_by(col(Reviewer.display_name), col(Reviewer.id))
    ).all()
    return [(saved(i), name) for i, name in rows]
