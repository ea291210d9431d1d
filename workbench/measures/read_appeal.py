"""What the appeals view shows: the appeal beside the decision it contests.

:func:`appeal_detail` returns plain values (no ORM objects): the appeal, the
original measure with who decided and approved it, the original case's
reports and evidence, the account card, and the account's history of
measures and appeals.  :func:`open_appeals` lists appeals still to decide.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.cases.read_case import account_card, reports_of
from workbench.errors import NotFound
from workbench.models import Account, Appeal, Measure, Reviewer, utcnow
from workbench.models.base import saved
from workbench.models.codes import AppealStatus
from workbench.models.views import AccountCard, ReportView
from workbench.rules.privacy import mask_contact
from workbench.timelimits import risk as risks

OPEN_APPEALS = (AppealStatus.RECEIVED.value, AppealStatus.SCREENING.value)


@dataclass(frozen=True, slots=True)
class DecisionView:
    """A measure as decided: code, basis, reason, parameters, who and when."""

    id: int
    case_id: int | None
    code: str
    basis: str
    reason: str
    params: dict
    status: str
    decided_by: str
    decided_at: datetime
    approved_by: str | None
    approved_at: datetime | None


@dataclass(frozen=True, slots=True)
class AppealSummary:
    id: int
    account_name: str
    measure_code: str
    status: str
    received_at: datetime
    due_at: datetime | None
    at_risk: bool = False  # its clock deserves a warning (timelimits/risk.py), as the queue says


@dataclass(frozen=True, slots=True)
class AppealDetail:
    id: int
    status: str
    version: int
    appellant_name: str
    appellant_contact: str | None  # masked
    text: str
    received_at: datetime
    due_at: datetime | None
    decided_by: str | None
    decision_reason: str | None
    decision: DecisionView
    account: AccountCard
    reports: tuple[ReportView, ...]
    history: tuple[DecisionView, ...]  # every measure on the account, newest first
    appeals: tuple[AppealSummary, ...]  # every appeal of the account, newest first


def _names(session: Session, ids) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(
        select(Reviewer.id, Reviewer.display_name).where(col(Reviewer.id).in_(wanted))
    )
    return {saved(reviewer_id): name for reviewer_id, name in rows.all()}


def _decisions(session: Session, measures: list[Measure]) -> list[DecisionView]:
    names = _names(session, [m.decided_by for m in measures] + [m.approved_by for m in measures])
    return [
        DecisionView(
            saved(m.id),
            m.case_id,
            m.code,
            m.basis,
            m.reason,
            dict(m.params or {}),
            m.status,
            names.get(m.decided_by, str(m.decided_by)),
            m.decided_at,
            names.get(m.approved_by) if m.approved_by else None,
            m.approved_at,
        )
        for m in measures
    ]


def _summaries(session: Session, appeals: list[Appeal], account_name: str) -> list[AppealSummary]:
    codes = dict(
        session.exec(
            select(Measure.id, Measure.code).where(
                col(Measure.id).in_([a.measure_id for a in appeals])
            )
        ).all()
    )
    return [
        AppealSummary(
            saved(a.id),
            account_name,
            codes.get(a.measure_id, ""),
            a.status,
            a.received_at,
            a.due_at,
        )
        for a in appeals
    ]


def appeal_detail(session: Session, appeal_id: int) -> AppealDetail:
    appeal = session.get(Appeal, appeal_id)
    if appeal is None:
        raise NotFound(f"申诉 {appeal_id} 不存在", f"appeal {appeal_id} does not exist")
    measure = session.get_one(Measure, appeal.measure_id)
    card = account_card(session, appeal.account_id)
    history = list(
        session.exec(
            select(Measure)
            .where(Measure.account_id == appeal.account_id)
            .order_by(col(Measure.decided_at).desc(), col(Measure.id).desc())
        ).all()
    )
    appeals = list(
        session.exec(
            select(Appeal)
            .where(Appeal.account_id == appeal.account_id)
            .order_by(col(Appeal.received_at).desc(), col(Appeal.id).desc())
        ).all()
    )
    decider = appeal.decided_by
    decided_by = _names(session, [decider]).get(decider) if decider is not None else None
    return AppealDetail(
        id=appeal_id,
        status=appeal.status,
        version=appeal.version,
        appellant_name=appeal.appellant_name,
        appellant_contact=mask_contact(appeal.appellant_contact),
        text=appeal.text,
        received_at=appeal.received_at,
        due_at=appeal.due_at,
        decided_by=decided_by,
        decision_reason=appeal.decision_reason,
        decision=_decisions(session, [measure])[0],
        account=card,
        reports=reports_of(session, measure.case_id) if measure.case_id else (),
        history=tuple(_decisions(session, history)),
        appeals=tuple(_summaries(session, appeals, card.name)),
    )


def open_appeals(session: Session, *, limit: int = 500) -> list[AppealSummary]:
    """Appeals still to decide, the nearest deadline first."""
    rows = session.exec(
        select(Appeal, Account.name)
        .join(Account, col(Account.id) == Appeal.account_id)
        .where(col(Appeal.status).in_(OPEN_APPEALS))
        .order_by(col(Appeal.due_at).is_(None), col(Appeal.due_at), col(Appeal.id))
        .limit(limit)
    ).all()
    out: list[AppealSummary] = []
    for appeal, name in rows:
        out.extend(_summaries(session, [appeal], name))
    warned = risks.at_risk(session, utcnow(), appeal_ids=[a.id for a in out]).appeal_ids
    return [replace(a, at_risk=a.id in warned) for a in out]
