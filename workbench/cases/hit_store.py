"""Rule hits in the database: stored per account and case, decided by reviewers, measured.

* :func:`store_hits` keeps one undecided row per account and hit fingerprint:
  screening the same account again refreshes the row (score, explanation,
  span) instead of adding a copy, and ties it to the case or change request
  if it had none.  A hit already decided is a closed matter; seen again, it
  is a new row to decide.
* :func:`decide_hit` lets a reviewer accept or dismiss one hit, audited.
* :func:`dismissal_rates` shows administrators which rules reviewers dismiss
  most, so noisy rules get fixed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case as sql_case
from sqlalchemy import func
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.errors import NotFound, ValidationError
from workbench.models import Account, RuleHit, utcnow
from workbench.models.codes import HitDecision, Role
from workbench.records import audit
from workbench.rules.hits import Hit

DECIDING_ROLES = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)
DECISION_LABELS = {
    HitDecision.ACCEPTED: ("采纳", "accepted"),
    HitDecision.DISMISSED: ("驳回", "dismissed"),
}


@dataclass(frozen=True, slots=True)
class DismissalRate:
    """How often reviewers dismissed one rule's hits."""

    rule: str
    category: str
    decided: int
    dismissed: int
    rate: float  # dismissed / decided, 0..1


def _refresh(row: RuleHit, hit: Hit) -> None:
    row.span_start, row.span_end = hit.start, hit.end
    row.matched = hit.matched
    row.basis = hit.basis
    row.severity = hit.severity
    row.score = float(hit.score)
    row.explanation = hit.explanation


def store_hits(
    session: Session,
    account_id: int,
    hits: Iterable[Hit],
    *,
    case_id: int | None = None,
    change_request_id: int | None = None,
    at: datetime | None = None,
) -> list[RuleHit]:
    """Store ``hits`` for the account; one row per fingerprint while undecided.

    Returns the rows for ``hits`` in their order (a fingerprint repeated in
    ``hits`` gives one row).
    """
    if session.get(Account, account_id) is None:
        raise NotFound(f"账号 {account_id} 不存在", f"account {account_id} does not exist")
    unique: dict[str, Hit] = {}
    for hit in hits:
        unique.setdefault(hit.fingerprint, hit)
    if not unique:
        return []
    open_rows = {
        row.fingerprint: row
        for row in session.exec(
            select(RuleHit)
            .where(
                RuleHit.account_id == account_id,
                col(RuleHit.fingerprint).in_(list(unique)),
                col(RuleHit.decision).is_(None),
            )
            .order_by(col(RuleHit.id))
        )
    }
    at = at or utcnow()
    rows = []
    for fingerprint, hit in unique.items():
        row = open_rows.get(fingerprint)
        if row is None:
            row = RuleHit(
                account_id=account_id,
                case_id=case_id,
                change_request_id=change_request_id,
                category=hit.category,
                rule=hit.rule,
                field=hit.field,
                basis=hit.basis,
                fingerprint=fingerprint,
                detected_at=at,
            )
        else:
            if row.case_id is None:
                row.case_id = case_id
            if row.change_request_id is None:
                row.change_request_id = change_request_id
        _refresh(row, hit)
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def decide_hit(
    session: Session,
    actor: Actor,
    hit_id: int,
    decision: str,
    reason: str | None = None,
    *,
    at: datetime | None = None,
) -> RuleHit:
    """Accept or dismiss one hit.  Changing an earlier decision needs a reason."""
    require_role(actor, *DECIDING_ROLES)
    try:
        decision = HitDecision(decision)
    except ValueError:
        raise ValidationError(
            f"无效的处理结果：{decision}（应为 accepted 或 dismissed）",
            f"unknown decision {decision!r}: use accepted or dismissed",
        ) from None
    row = session.get(RuleHit, hit_id)
    if row is None:
        raise NotFound(f"规则命中 {hit_id} 不存在", f"rule hit {hit_id} does not exist")
    reason = (reason or "").strip() or None
    if row.decision == decision:
        return row
    if row.decision is not None and reason is None:
        was_zh, was_en = DECISION_LABELS[HitDecision(row.decision)]
        raise ValidationError(
            f"该命中已{was_zh}，更改结论须说明理由",
            f"this hit was already {was_en}; changing the decision needs a reason",
        )
    before = {"decision": row.decision, "decided_by": row.decided_by}
    at = at or utcnow()
    row.decision = decision.value
    row.decided_by = actor.id
    row.decided_at = at
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        f"rule_hit.{decision.value}",
        "rule_hit",
        row.id,
        case_id=row.case_id,
        account_id=row.account_id,
        before=before,
        after={"decision": decision.value, "rule": row.rule, "category": row.category},
        reason=reason,
        at=at,
    )
    return row


def dismissal_rates(
    session: Session, actor: Actor | None = None, *, min_decided: int = 1
) -> list[DismissalRate]:
    """Per rule, how many decided hits reviewers dismissed; noisiest first.

    With ``actor`` given, only administrators and supervisors may look.
    """
    if actor is not None:
        require_role(actor, Role.ADMINISTRATOR, Role.SUPERVISOR)
    decision = col(RuleHit.decision)
    dismissed = func.sum(sql_case((decision == HitDecision.DISMISSED.value, 1), else_=0))
    rows = session.exec(
        select(RuleHit.rule, RuleHit.category, func.count(col(RuleHit.id)), dismissed)
        .where(decision.is_not(None))
        .group_by(RuleHit.rule, RuleHit.category)
    ).all()
    rates = [
        DismissalRate(rule, category, int(decided), int(gone or 0), int(gone or 0) / int(decided))
        for rule, category, decided, gone in rows
        if decided >= min_decided
    ]
    return sorted(rates, key=lambda r: (-r.rate, -r.decided, r.rule, r.category))
