"""What measures do to an account: status, restrictions, credit, closed names.

The account's status is the most severe among the measures in force, its
restrictions the union of theirs.  A closed or blacklisted account's names
(the current one and every earlier one) enter the closed-name list the rule
``closed_account_similar`` checks; they leave it when no measure keeps the
account closed any more.  Its registered subject enters the subject-level
list the same way, as a keyed hash (:mod:`workbench.cases.subjects`).  The
credit grade follows the credit score, and the functions it restricts join the
measures' (:mod:`workbench.measures.credit_grades`, 2022/18).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from workbench.access.auth import Actor
from workbench.cases.casework import get_account, now_or
from workbench.cases.subjects import sync_closed_subject
from workbench.measures.credit_grades import apply_grade, restricted_by_grade
from workbench.measures.credit_grades import load_policy as load_grade_policy
from workbench.measures.measure_catalogue import ACCOUNT_STATUS, STATUS_RANK, restrictions_of
from workbench.models import Account, AccountInfoRevision, ClosedName, Measure
from workbench.models.codes import AccountStatus, MeasureStatus
from workbench.platform import platform_outbox
from workbench.records import audit

SNAPSHOT_FIELDS = (
    "platform_id",
    "kind",
    "name",
    "avatar_path",
    "cover_path",
    "bio",
    "signature",
    "certification",
    "verification_method",
    "verification_status",
    "ip_location",
    "operator_name",
    "category",
    "grade",
    "credit_score",
    "status",
    "restrictions",
    "follower_count",
)
CLOSED_STATUSES = (AccountStatus.CLOSED, AccountStatus.BLACKLISTED)
MAX_CREDIT = 100


def account_snapshot(account: Account, at: datetime) -> dict:
    """The account information at the time of a measure, for the regulator's report."""
    data = {name: getattr(account, name) for name in SNAPSHOT_FIELDS}
    data["restrictions"] = list(data["restrictions"] or [])
    data["taken_at"] = at.isoformat()
    return audit.jsonable(data)


def lower_credit(account: Account, points: int) -> int:
    """Lower the credit score by ``points`` (never below 0); the change actually made (<= 0)."""
    delta = -min(points, account.credit_score)
    account.credit_score += delta
    return delta


def restore_credit(account: Account, delta: int) -> None:
    """Give back what :func:`lower_credit` took (never above 100)."""
    account.credit_score = min(MAX_CREDIT, account.credit_score - delta)


def measures_in_force(session: Session, account_id: int) -> list[Measure]:
    return list(
        session.exec(
            select(Measure)
            .where(Measure.account_id == account_id, Measure.status == MeasureStatus.IN_EFFECT)
            .order_by(col(Measure.id))
        ).all()
    )


def _names_of(session: Session, account: Account) -> list[str]:
    earlier = session.exec(
        select(AccountInfoRevision.old_value).where(
            AccountInfoRevision.account_id == account.id, AccountInfoRevision.field == "name"
        )
    ).all()
    names = [account.name, *earlier]
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def _sync_closed_names(session: Session, account: Account, now: datetime) -> dict:
    rows = session.exec(
        select(ClosedName).where(
            ClosedName.account_id == account.id,
            col(ClosedName.source).in_(("closure", "blacklist")),
        )
    ).all()
    if account.status in CLOSED_STATUSES:
        source = "blacklist" if account.status == AccountStatus.BLACKLISTED else "closure"
        have = {row.name for row in rows}
        added = [n for n in _names_of(session, account) if n not in have]
        for name in added:
            session.add(ClosedName(name=name, account_id=account.id, source=source, added_at=now))
        return {"closed_names_added": added} if added else {}
    removed = [row.name for row in rows]
    for row in rows:
        session.delete(row)
    return {"closed_names_removed": removed} if removed else {}


def recompute_account_status(
    session: Session, account_id: int, *, actor: Actor | None = None, now: datetime | None = None
) -> Account:
    """Status and restrictions from the measures in force; expired ones end here.

    Audited when anything changes.
    """
    now = now_or(now)
    account = get_account(session, account_id)
    in_force = []
    for measure in measures_in_force(session, account_id):
        if measure.effective_until is not None and measure.effective_until <= now:
            measure.status = MeasureStatus.EXPIRED
            session.add(measure)
            audit.record(
                session,
                actor,
                "measure.expire",
                "measure",
                measure.id,
                case_id=measure.case_id,
                account_id=account_id,
                before={"status": MeasureStatus.IN_EFFECT},
                after={"status": MeasureStatus.EXPIRED},
                at=now,
            )
            platform_outbox.on_measure(session, measure, "measure.expired", now)
        else:
            in_force.append(measure)
    status = AccountStatus.ACTIVE
    grades = load_grade_policy(session)
    apply_grade(session, account, actor=actor, now=now, policy=grades)
    restrictions: set[str] = set(restricted_by_grade(grades, account.credit_grade))
    for measure in in_force:
        candidate = ACCOUNT_STATUS[measure.code]
        if STATUS_RANK[candidate] > STATUS_RANK[status]:
            status = candidate
        restrictions.update(restrictions_of(measure.code, measure.params or {}))
    before = {"status": account.status, "restrictions": list(account.restrictions or [])}
    account.status = status.value
    account.restrictions = sorted(restrictions)
    names = _sync_closed_names(session, account, now)
    names.update(sync_closed_subject(session, account, now))
    after = {"status": account.status, "restrictions": account.restrictions}
    if before != after or names:
        account.updated_at = now
        session.add(account)
        session.flush()
        audit.record(
            session,
            actor,
            "account.status",
            "account",
            account.id,
            account_id=account.id,
            before=before,
            after={**after, **names},
            at=now,
        )
    session.flush()
    return account


def regrade_accounts(
    session: Session, account_ids: list[int], *, actor: Actor | None, now: datetime
) -> list[int]:
    """Bring the credit grade (and what it restricts) of accounts whose score came from
    elsewhere, an import for one, in step with the score (2022/18); those regraded."""
    policy = load_grade_policy(session)
    regraded = []
    for account_id in account_ids:
        account = get_account(session, account_id, lock=False)
        if policy.grade_of(account.credit_score) != account.credit_grade:
            recompute_account_status(session, account_id, actor=actor, now=now)
            regraded.append(account_id)
    return regraded


def expire_measures(session: Session, now: datetime) -> list[int]:
    """End every measure whose period ran out; the accounts whose status was recomputed."""
    now = now_or(now)
    account_ids = session.exec(
        select(Measure.account_id)
        .where(
            Measure.status == MeasureStatus.IN_EFFECT,
            col(Measure.effective_until).is_not(None),
            col(Measure.effective_until) <= now,
        )
        .distinct()
    ).all()
    for account_id in sorted(account_ids):
        recompute_account_status(session, account_id, now=now)
    return sorted(account_ids)
