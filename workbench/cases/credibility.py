"""Reporter credibility (恶意举报甄别, 2017/15): how far a reporter's reports hold up.

Per reporter the workbench counts reports made, upheld (the case was
disposed with a measure) and declined (declined, or screened and no
violation found), plus flags for possibly malicious reporting.  The score is
Laplace-smoothed and explainable::

    score = (upheld + 1) / (upheld + declined + flags + 2)

A new reporter scores 0.5; each flag counts like one more declined report.
A report is flagged when one reporter reports the same account many times
within a window, or when many reporters first seen shortly before report the
same account in a burst.  The thresholds are settings (``credibility.*``).
The score weighs queue order (see :mod:`workbench.cases.priority`); the
open cases of a reporter are re-prioritised when their score changes.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from workbench.cases.casework import locked_get
from workbench.cases.priority import refresh_for_reporters
from workbench.models import Case, Report, ReporterCredibility
from workbench.records import audit
from workbench.settings import get_setting

DEFAULTS = {
    "credibility.repeat_window_days": 30,
    "credibility.repeat_threshold": 3,
    "credibility.burst_hours": 24,
    "credibility.burst_threshold": 5,
    "credibility.new_reporter_days": 7,
}


def setting(session: Session, key: str) -> int:
    return int(get_setting(session, key, DEFAULTS[key]))


def score_of(upheld: int, declined: int, flags: int) -> float:
    return (upheld + 1) / (upheld + declined + flags + 2)


def explain(cred: ReporterCredibility) -> str:
    """The score in words a reviewer can check, Chinese first."""
    u, d, f = cred.upheld, cred.declined, cred.malicious_flags
    return (
        f"举报 {cred.reports_made} 次，成立 {u} 次，不成立 {d} 次，疑似恶意标记 {f} 次；"
        f"可信度 = ({u}+1)/({u}+{d}+{f}+2) = {cred.score:.2f} / "
        f"{cred.reports_made} reports, {u} upheld, {d} declined, {f} flagged as possibly "
        f"malicious; score = ({u}+1)/({u}+{d}+{f}+2) = {cred.score:.2f}"
    )


def get_credibility(session: Session, reporter_id: int) -> ReporterCredibility:
    """The reporter's counts (created at 0), row-locked on PostgreSQL."""
    cred = locked_get(session, ReporterCredibility, reporter_id, key="reporter_id")
    if cred is None:
        cred = ReporterCredibility(reporter_id=reporter_id)
        session.add(cred)
        session.flush()
    return cred


def _state(cred: ReporterCredibility) -> dict:
    return {
        "reports_made": cred.reports_made,
        "upheld": cred.upheld,
        "declined": cred.declined,
        "malicious_flags": cred.malicious_flags,
        "score": round(cred.score, 4),
    }


def _update(cred: ReporterCredibility, now: datetime) -> None:
    cred.score = score_of(cred.upheld, cred.declined, cred.malicious_flags)
    cred.updated_at = now


def record_outcome(
    session: Session, case: Case, *, upheld: bool, now: datetime, malicious: bool = False
) -> None:
    """Count the case's outcome for each reporter whose report carried weight."""
    found = session.exec(
        select(Report.reporter_id)
        .where(Report.case_id == case.id, col(Report.reporter_id).is_not(None), Report.weight > 0)
        .distinct()
    ).all()
    reporter_ids = sorted(r for r in found if r is not None)  # (the query skips None)
    creds = [get_credibility(session, reporter_id) for reporter_id in reporter_ids]
    for cred in creds:
        reporter_id = cred.reporter_id
        before = _state(cred)
        if upheld:
            cred.upheld += 1
        else:
            cred.declined += 1
        if malicious:
            cred.malicious_flags += 1
        _update(cred, now)
        session.add(cred)
        audit.record(
            session,
            None,
            "reporter.outcome",
            "reporter",
            reporter_id,
            case_id=case.id,
            account_id=case.target_account_id,
            before=before,
            after=_state(cred),
            at=now,
        )
    refresh_for_reporters(session, set(reporter_ids))
