"""After the cases: correction orders met, missed (escalated) and still open,
change requests passed, pending and rejected, claimed cases, and the clocks'
warnings and breaches raised as of now.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from workbench.demo import texts
from workbench.demo.setup import Staff
from workbench.demo.timeline import WorkingTime
from workbench.measures import corrections
from workbench.models import Account, Case, ChangeRequest, CorrectionOrder, Measure
from workbench.models.base import saved
from workbench.models.codes import OPEN_CASE_STATUSES, CorrectionStatus
from workbench.queues import claims
from workbench.timelimits import alerts


def _clean(account: Account) -> dict:
    return {"bio": "已按要求修改账号信息。", "signature": ""} if account.bio else {"signature": ""}


def settle_corrections(
    session: Session, staff: Staff, rng: random.Random, now: datetime
) -> Counter:
    """Meet some open correction orders with a passing change request; escalate the missed."""
    outcome: Counter[str] = Counter()
    orders = session.exec(
        select(CorrectionOrder)
        .where(CorrectionOrder.status == CorrectionStatus.OPEN)
        .order_by(col(CorrectionOrder.id))
    ).all()
    for i, order in enumerate(orders):
        overdue = order.deadline < now
        meet = i % 2 == 0 if overdue else i % 3 == 1
        if meet:
            latest = min(order.deadline, now) - timedelta(minutes=30)
            span = (latest - order.created_at).total_seconds()
            if span <= 60:
                continue
            at = order.created_at + timedelta(seconds=rng.uniform(60, span))
            account = session.get_one(Account, order.account_id)
            corrections.submit_change_request(
                session, None, saved(account.id), _clean(account), lambda _a, _p: [], now=at
            )
            outcome["met"] += 1
    escalated = corrections.escalate_missed(session, now, actor=None)
    outcome["missed"] += len(escalated)
    still_open = session.exec(
        select(CorrectionOrder.id).where(CorrectionOrder.status == CorrectionStatus.OPEN)
    ).all()
    if not still_open:
        # Every order has run its course: one fresh order keeps the follow-up queue alive.
        recent = session.exec(
            select(Measure)
            .where(col(Measure.code) == "correct_by_deadline")
            .order_by(col(Measure.id).desc())
        ).first()
        if recent is not None:
            corrections.open_correction_order(
                session,
                staff.moderators[0],
                account_id=recent.account_id,
                deadline=now + timedelta(days=7),
                required=recent.reason,
                case_id=recent.case_id,
                now=now - timedelta(hours=1),
            )
            still_open = [1]
    outcome["open"] += len(still_open)
    return outcome


def change_requests(
    session: Session,
    staff: Staff,
    account_ids: list[int],
    rng: random.Random,
    now: datetime,
    count: int,
) -> Counter:
    """Account holders' change requests: clean ones pass, the rest wait or are rejected."""
    outcome: Counter[str] = Counter()
    # Accounts under an open correction order are left to it: a request dated before the
    # order would otherwise answer it.
    held = set(
        session.exec(
            select(CorrectionOrder.account_id).where(
                CorrectionOrder.status == CorrectionStatus.OPEN
            )
        ).all()
    )
    free = [a for a in account_ids if a not in held]
    for n, account_id in enumerate(rng.sample(free, k=min(count, len(free)))):
        at = WorkingTime().ago(now, rng.uniform(2 / 24, 14))  # in working days
        if n % 3 == 0:
            proposed = {"signature": rng.choice(texts.SIGNATURES) or "知足常乐"}
            corrections.submit_change_request(
                session, None, account_id, proposed, lambda _a, _p: [], now=at
            )
            outcome["passed"] += 1
            continue
        field, text = texts.violation_text(rng, rng.choice(list(texts.VIOLATIONS)), "小明")
        request = corrections.submit_change_request(
            session, None, account_id, {field: text}, None, now=at
        )
        if n % 3 == 2:
            corrections.decide_change_request(
                session,
                staff.moderators[n % len(staff.moderators)],
                saved(request.id),
                approve=False,
                reason="拟变更内容违规",
                now=min(at + timedelta(hours=rng.uniform(1, 30)), now - timedelta(minutes=1)),
            )
            outcome["rejected"] += 1
        else:
            outcome["pending"] += 1
    return outcome


def claim_some(session: Session, staff: Staff, now: datetime, per_moderator: int = 2) -> int:
    """Each moderator holds a couple of open cases right now."""
    open_ids = session.exec(
        select(Case.id)
        .where(
            col(Case.status).in_([s.value for s in OPEN_CASE_STATUSES]),
            col(Case.assignee_id).is_(None),
        )
        .order_by(col(Case.due_at), col(Case.id))
        .limit(per_moderator * len(staff.moderators))
    ).all()
    for i, case_id in enumerate(open_ids):
        claims.claim_case(
            session, staff.moderators[i % len(staff.moderators)], saved(case_id), now=now
        )
    return len(open_ids)


def raise_alerts(session: Session, now: datetime) -> tuple[int, int]:
    result = alerts.tick(session, now)
    return len(result.warned), len(result.breached)


def pending_change_requests(session: Session) -> int:
    return len(
        session.exec(select(ChangeRequest.id).where(ChangeRequest.status == "pending")).all()
    )
