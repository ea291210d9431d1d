"""Change requests (信息变更, 2022/10): the ones screening held, and a moderator's decision.

A change to account information is screened like a registration; what the rule
engine passes is applied at once, what it held waits here.  Moderators and
supervisors read the held requests and decide them, as the service checks:
批准变更 applies the change to the account and meets the correction orders it
answers in time; 不予变更 leaves the account as it is and needs a reason and
the article it rests on.  Each decision returns the request's id.
"""

from __future__ import annotations

from workbench.operations.core import Ctx, operation, saved
from workbench.operations.roles import MODERATORS
from workbench.queues import corrections
from workbench.queues.legal_basis import check_basis
from workbench.queues.read_change_request import (
    ChangeHitView,
    FieldChange,
    PendingChangeRequest,
)
from workbench.queues.read_change_request import (
    pending_change_requests as _pending_change_requests,
)

__all__ = [
    "ChangeHitView",
    "FieldChange",
    "PendingChangeRequest",
    "decide_change_request",
    "pending_change_requests",
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
