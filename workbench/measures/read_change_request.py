"""What the 信息变更 view shows: the change requests screening held (2022/10).

:func:`pending_change_requests` returns plain values (no ORM objects): each
pending request with its account, the current value of every field it would
change beside the proposed one, the rule hits that held it with their article,
and the correction order it answers.  Phones, e-mail addresses and ID numbers
written into account information are masked (2022/16).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.models import Account, ChangeRequest, CorrectionOrder
from workbench.models.base import saved
from workbench.models.codes import RULE_BASIS, ChangeRequestStatus, RuleCategory
from workbench.rules.privacy import mask_in_text


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    current: str | None  # masked
    proposed: str | None  # masked


@dataclass(frozen=True, slots=True)
class ChangeHitView:
    category: str
    field: str
    matched: str  # masked
    basis: str  # the article, '2022/8(4)' style
    explanation: str


@dataclass(frozen=True, slots=True)
class PendingChangeRequest:
    id: int
    account_id: int
    account_name: str  # masked
    account_status: str
    submitted_at: datetime
    correction_order_id: int | None
    correction_deadline: datetime | None
    changes: tuple[FieldChange, ...]
    hits: tuple[ChangeHitView, ...]


def _text(value) -> str | None:
    if value is None:
        return None
    return mask_in_text(value if isinstance(value, str) else str(value))


def _basis(hit: dict) -> str:
    if hit.get("basis"):
        return str(hit["basis"])
    try:
        return RULE_BASIS[RuleCategory(hit.get("category", ""))]
    except (KeyError, ValueError):
        return ""


def hit_view(hit: dict) -> ChangeHitView:
    return ChangeHitView(
        category=str(hit.get("category", "")),
        field=str(hit.get("field", "")),
        matched=_text(hit.get("matched", "")) or "",
        basis=_basis(hit),
        explanation=str(hit.get("explanation", "")),
    )


def pending_change_requests(session: Session, *, limit: int = 500) -> list[PendingChangeRequest]:
    """The change requests waiting for a moderator, the oldest first."""
    rows = session.exec(
        select(ChangeRequest, Account)
        .join(Account, col(Account.id) == ChangeRequest.account_id)
        .where(ChangeRequest.status == ChangeRequestStatus.PENDING)
        .order_by(col(ChangeRequest.submitted_at), col(ChangeRequest.id))
        .limit(limit)
    ).all()
    order_ids = {r.correction_order_id for r, _ in rows if r.correction_order_id is not None}
    deadlines = (
        dict(
            session.exec(
                select(CorrectionOrder.id, CorrectionOrder.deadline).where(
                    col(CorrectionOrder.id).in_(order_ids)
                )
            ).all()
        )
        if order_ids
        else {}
    )
    out = []
    for request, account in rows:
        changes = tuple(
            FieldChange(field, _text(getattr(account, field, None)), _text(value))
            for field, value in (request.proposed or {}).items()
        )
        hits = tuple(hit_view(h) for h in (request.screening_outcome or {}).get("hits", []))
        out.append(
            PendingChangeRequest(
                id=saved(request.id),
                account_id=saved(account.id),
                account_name=_text(account.name) or "",
                account_status=account.status,
                submitted_at=request.submitted_at,
                correction_order_id=request.correction_order_id,
                correction_deadline=deadlines.get(request.correction_order_id),
                changes=changes,
                hits=hits,
            )
        )
    return out
