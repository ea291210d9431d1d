"""Case priority within a queue, after the due time: explainable points.

    priority = 10 x strongest rule-hit severity (none 0 … critical 4)
             +  5 x account grade (general 0, important 1, key 2)
             +  3 x credit grade (A 0, B 1, C 2, D 3: a record of upheld violations, 2022/18)
             +  4 x reporter credibility (0-1, mean over the case's reporters)
             +  0.5 x weight of the reports (at most 10)

Rule hits counted are those on the case, and the account's hits not dismissed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from workbench.models import Account, Case, Report, ReporterCredibility, RuleHit
from workbench.models.base import saved
from workbench.models.codes import (
    OPEN_CASE_STATUSES,
    AccountGrade,
    CreditGrade,
    HitDecision,
    HitSeverity,
)

SEVERITY_POINTS: dict[str | None, int] = {
    None: 0,
    **{s.value: i + 1 for i, s in enumerate(HitSeverity)},
}
GRADE_POINTS = {g.value: i for i, g in enumerate(AccountGrade)}
CREDIT_POINTS = {g.value: i for i, g in enumerate(CreditGrade)}


def case_credibility(session: Session, case_id: int) -> float:
    """The mean score of the reporters whose reports carry weight on the case (0.5 if none)."""
    value = session.exec(
        select(func.avg(ReporterCredibility.score))
        .join(Report, col(Report.reporter_id) == ReporterCredibility.reporter_id)
        .where(Report.case_id == case_id, Report.weight > 0)
    ).one()
    return 0.5 if value is None else float(value)


def strongest_hit(session: Session, case: Case) -> str | None:
    severities = session.exec(
        select(RuleHit.severity).where(
            or_(
                col(RuleHit.case_id) == case.id,
                col(RuleHit.account_id) == case.target_account_id,
            ),
            or_(col(RuleHit.decision).is_(None), col(RuleHit.decision) != HitDecision.DISMISSED),
        )
    ).all()
    return max(severities, key=lambda s: SEVERITY_POINTS[s], default=None)


def explain_priority(session: Session, case: Case) -> tuple[float, dict]:
    """The priority and the points it is made of."""
    severity = strongest_hit(session, case)
    account = session.get(Account, case.target_account_id)
    parts = {
        "severity": 10 * SEVERITY_POINTS[severity],
        "grade": 5 * GRADE_POINTS.get(account.grade if account else "general", 0),
        "credit_grade": 3 * CREDIT_POINTS.get(account.credit_grade if account else "A", 0),
        "credibility": round(4 * case_credibility(session, saved(case.id)), 3),
        "weight": 0.5 * min(case.weight, 10.0),
    }
    return round(sum(parts.values()), 3), parts | {"strongest_hit": severity}


def refresh_priority(session: Session, case: Case) -> float:
    """Recompute and store the case's priority and strongest hit."""
    value, parts = explain_priority(session, case)
    case.priority = value
    case.strongest_hit = parts["strongest_hit"]
    session.add(case)
    return value


def refresh_for_reporters(session: Session, reporter_ids: set[int]) -> None:
    """Re-prioritise the open cases these reporters reported (their scores changed)."""
    if not reporter_ids:
        return
    session.flush()
    stmt = select(Case).where(
        col(Case.id).in_(
            select(Report.case_id).where(col(Report.reporter_id).in_(sorted(reporter_ids)))
        ),
        col(Case.status).in_([s.value for s in OPEN_CASE_STATUSES]),
    )
    if session.get_bind().dialect.name == "postgresql":
        # A case another reviewer holds right now keeps its order until next time.
        stmt = stmt.with_for_update(skip_locked=True)
    refresh_priorities(session, session.exec(stmt).all())
    session.flush()


def refresh_priorities(session: Session, cases: Sequence[Case]) -> None:
    """:func:`refresh_priority` for many cases, with three queries instead of three per case."""
    if not cases:
        return
    case_ids = [c.id for c in cases]
    account_ids = {c.target_account_id for c in cases}
    credibility = dict(
        session.exec(
            select(Report.case_id, func.avg(ReporterCredibility.score))
            .join(Report, col(Report.reporter_id) == ReporterCredibility.reporter_id)
            .where(col(Report.case_id).in_(case_ids), Report.weight > 0)
            .group_by(col(Report.case_id))
        ).all()
    )
    grades = {
        account_id: (grade, credit)
        for account_id, grade, credit in session.exec(
            select(Account.id, Account.grade, Account.credit_grade).where(
                col(Account.id).in_(account_ids)
            )
        ).all()
    }
    by_case: dict[int, list[str]] = {}
    by_account: dict[int, list[str]] = {}
    for hit_case, hit_account, hit_severity in session.exec(
        select(RuleHit.case_id, RuleHit.account_id, RuleHit.severity).where(
            or_(col(RuleHit.case_id).in_(case_ids), col(RuleHit.account_id).in_(account_ids)),
            or_(col(RuleHit.decision).is_(None), col(RuleHit.decision) != HitDecision.DISMISSED),
        )
    ).all():
        by_account.setdefault(hit_account, []).append(hit_severity)
        if hit_case is not None:
            by_case.setdefault(hit_case, []).append(hit_severity)
    for case in cases:
        case_id = saved(case.id)
        severities = by_account.get(case.target_account_id, []) + by_case.get(case_id, [])
        severity = max(severities, key=lambda x: SEVERITY_POINTS[x], default=None)
        cred = credibility.get(case_id)
        grade, credit = grades.get(case.target_account_id) or ("general", "A")
        value = (
            10 * SEVERITY_POINTS[severity]
            + 5 * GRADE_POINTS.get(grade or "general", 0)
            + 3 * CREDIT_POINTS.get(credit or "A", 0)
            + round(4 * (0.5 if cred is None else float(cred)), 3)
            + 0.5 * min(case.weight, 10.0)
        )
        case.priority = round(value, 3)
        case.strongest_hit = severity
        session.add(case)
