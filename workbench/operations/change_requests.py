"""Change requests (信息变更, 2022/10): the ones screening held, and a moderator's decision.

A change to account information is screened like a registration; what the rule
engine passes is applied at once, what it held waits here.  Moderators and
supervisors read the held requests and decide them, as the service checks:
批准变更 applies the change to the account and meets the correction orders it
answers in time; 不予变更 leaves the account as it is and needs a reason and
the article it rests on.  Each decision returns the request's id.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from workbench.cases.legal_basis import check_basis
from workbench.errors import ValidationError
from workbench.measures import corrections, holder_intake
from workbench.measures.holder_intake import ChangeTarget
from workbench.measures.read_change_request import (
    ChangeHitView,
    FieldChange,
    PendingChangeRequest,
    hit_view,
)
from workbench.measures.read_change_request import (
    pending_change_requests as _pending_change_requests,
)
from workbench.operations.core import Ctx, operation, saved
from workbench.operations.roles import MODERATORS
from workbench.operations.screening import build_screener, closed_names_in_database

__all__ = [
    "ChangeHitView",
    "ChangeTarget",
    "FieldChange",
    "PendingChangeRequest",
    "Submitted",
    "change_target",
    "decide_change_request",
    "pending_change_request_count",
    "pending_change_requests",
    "submit_change_request",
]

MAX_LIST = 500
APPROVED = "人工审核通过 / passed by a moderator"


@operation(write=False, roles=MODERATORS)
def pending_change_requests(ctx: Ctx, *, limit: int = MAX_LIST) -> list[PendingChangeRequest]:
    """The change requests screening held, the oldest first: the account, each field's
    current value beside the proposed one and the hits with their article (masked)."""
    return _pending_change_requests(ctx.session, limit=max(1, min(int(limit), MAX_LIST)))


@operation(write=True, roles=MODERATORS)
def decide_change_request(
    ctx: Ctx, *, change_request_id: int, approve: bool, reason: str, basis: str = ""
) -> int:
    """批准变更 (approve; the reason may be left out) or 不予变更 (refuse, with a reason
    and the article)."""
    if approve and not reason.strip():
        reason = APPROVED
    checked = check_basis(basis) if (basis.strip() or not approve) else None
    return saved(
        corrections.decide_change_request(
            ctx.session,
            ctx.signed_in,
            change_request_id,
            approve=approve,
            reason=reason,
            basis=checked,
            now=ctx.now,
        ).id
    )


# -- change requests entered by hand (2022/10) ----------------------------------------


@operation(write=False, roles=MODERATORS)
def change_target(ctx: Ctx, *, platform_id: str) -> ChangeTarget:
    """The account with this platform id and the current value of each text field."""
    return holder_intake.change_target(ctx.session, platform_id)


@dataclass(frozen=True)
class Submitted:
    """A change request entered: passed at once, or held for a moderator with its hits."""

    id: int
    status: str
    hits: tuple[ChangeHitView, ...]


@operation(write=True, roles=MODERATORS)
def submit_change_request(
    ctx: Ctx, *, platform_id: str, field: str, value: str, reason: str = ""
) -> Submitted:
    """Enter the holder's request to change one field of the account's information,
    screened by the rule engine on arrival: no hit applies it (and meets the correction
    order it answers); a hit holds it in the 信息变更审核 tab with the rule and article."""
    if field not in holder_intake.TEXT_FIELDS:
        raise ValidationError(
            f"不能通过表单变更该字段：{field}",
            f"a change request entered by hand changes one of "
            f"{', '.join(holder_intake.TEXT_FIELDS)}, not {field!r}",
        )
    account = holder_intake.account_by_platform_id(ctx.session, platform_id)
    request = corrections.submit_change_request(
        ctx.session,
        ctx.signed_in,
        saved(account.id),
        {field: value.strip()},
        text_screen(ctx.session),
        now=ctx.now,
        reason=reason,
    )
    hits = _pending_hits(request.screening_outcome)
    return Submitted(saved(request.id), request.status, hits)


def text_screen(session: Session) -> corrections.Screen:
    """The rule engine's text rules with the database's closed names, as a ``screen``."""
    closed = closed_names_in_database(session)
    return corrections.screen_with(build_screener(None, closed, images=False))


def _pending_hits(outcome: dict | None) -> tuple[ChangeHitView, ...]:
    return tuple(hit_view(h) for h in (outcome or {}).get("hits", []))


@operation(write=False, roles=MODERATORS)
def pending_change_request_count(ctx: Ctx) -> int:
    """How many change requests wait for a moderator (the 信息变更 queue's count)."""
    return holder_intake.pending_change_request_count(ctx.session)
