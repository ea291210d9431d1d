"""Filing replied cases away: ``replied → closed`` once nothing can reopen them.

A replied case stays open while its account holder may still appeal one of its
measures (2021/20: the window is the setting ``appeals.window_days``) and while
an appeal against one of them is undecided or unreplied; a case with no measure
waits ``cases.close_after_days`` Beijing calendar days after its reply (default
7), in case a reporter answers.  Then the sweep (``workbench cases sweep``, and
the team server once a minute) closes it, audited as the system with the reason
in words.  Only closed cases are ever purged by retention, so a case that never
closed would be kept for ever.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from workbench.cases import casework
from workbench.models import Appeal, Case, Measure
from workbench.models.base import saved
from workbench.models.codes import AppealStatus, CaseStatus, MeasureStatus
from workbench.settings import days_setting
from workbench.timelimits.appeal_window import appeal_deadline, appeal_window_days, local_date

QUIET_SETTING = "cases.close_after_days"
DEFAULT_QUIET_DAYS = 7
MAX_QUIET_DAYS = 365
CLOSE_REASON = "申诉期已过且无未结申诉，自动结案 / no appeal is possible or pending: closed"


def quiet_days(session: Session) -> int:
    """Days a replied case without measures waits before it closes (setting)."""
    return days_setting(
        session, QUIET_SETTING, DEFAULT_QUIET_DAYS, minimum=0, maximum=MAX_QUIET_DAYS
    )


def _settled(session: Session, case: Case, now: datetime, window: int, quiet: int) -> bool:
    """Whether nothing can reopen the replied ``case`` at ``now``."""
    today = local_date(now)
    measures = session.exec(select(Measure).where(Measure.case_id == case.id)).all()
    if not measures:
        return local_date(case.updated_at) + timedelta(days=quiet) <= today
    for measure in measures:
        if measure.status == MeasureStatus.PENDING_APPROVAL:
            return False
        if measure.status != MeasureStatus.REJECTED and appeal_deadline(measure, window) >= today:
            return False
    unfinished = session.exec(
        select(Appeal.id).where(
            col(Appeal.measure_id).in_([m.id for m in measures]),
            Appeal.status != AppealStatus.REPLIED,
        )
    ).first()
    return unfinished is None


def close_settled(session: Session, now: datetime, *, limit: int = 500) -> list[int]:
    """Close up to ``limit`` replied cases that nothing can reopen; their ids.

    Each case is locked and checked again before it moves, so two sweeps at once
    close it once.
    """
    now = casework.now_or(now)
    window = appeal_window_days(session)
    quiet = quiet_days(session)
    candidates = session.exec(
        select(Case.id)
        .where(Case.status == CaseStatus.REPLIED, Case.updated_at <= now)
        .order_by(col(Case.updated_at), col(Case.id))
    ).all()
    closed: list[int] = []
    for case_id in candidates:
        if len(closed) >= limit:
            break
        case = casework.get_case(session, saved(case_id))
        if case.status != CaseStatus.REPLIED or not _settled(session, case, now, window, quiet):
            continue
        before = casework.move(
            session,
            case,
            CaseStatus.CLOSED,
            now,
            closed_at=now,
            assignee_id=None,
            claimed_until=None,
        )
        casework.save(session, None, case, "case.close", before, now, reason=CLOSE_REASON)
        closed.append(saved(case_id))
    return closed
