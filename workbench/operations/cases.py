"""Case work: what a moderator does to one case or a selection, and what a
supervisor does to another reviewer's case.

Each operation returns the id of the case it changed (or the ids, for a
selection), so the desktop can open the next one; the change notices say
the rest.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.cases import bulk, escalation, screening, transitions
from workbench.cases.bulk import BulkStep
from workbench.cases.casework import get_case, now_or
from workbench.cases.transitions import DECLINE_LABELS
from workbench.measures import bulk as bulk_measures_service
from workbench.measures.measure_catalogue import FUNCTIONS, MeasureSpec, needs_approval
from workbench.measures.measures import apply_measure as _apply_measure
from workbench.measures.measures import approve_measure as _approve_measure
from workbench.models.codes import LimitUnit, PauseReason
from workbench.operations.core import Ctx, operation, saved
from workbench.operations.roles import CASE_READERS, MODERATORS, SUPERVISION, SUPERVISORS
from workbench.queues import claims
from workbench.replies import bulk as bulk_replies
from workbench.replies import replies
from workbench.replies.reply_drafts import Draft
from workbench.reports import supervision
from workbench.reports.supervision import PendingApproval
from workbench.timelimits import clocks

__all__ = [
    "DECLINE_LABELS",
    "BulkStep",
    "FUNCTIONS",
    "Draft",
    "MeasureSpec",
    "PendingApproval",
    "needs_approval",
]


@operation(write=True, roles=MODERATORS)
def claim_next(ctx: Ctx, *, queue: str) -> int | None:
    """Claim the next unclaimed case of ``queue``; None when the queue has none."""
    return claims.claim_next(ctx.session, ctx.signed_in, queue, now=ctx.now)


@operation(write=True, roles=MODERATORS)
def claim_case(ctx: Ctx, *, case_id: int, expected_version: int) -> int:
    """Claim one case for a lease; others cannot work it meanwhile."""
    return saved(claims.claim_case(
        ctx.session, ctx.signed_in, case_id, expected_version=expected_version, now=ctx.now
    ).id)


@operation(write=True, roles=MODERATORS)
def release_claim(ctx: Ctx, *, case_id: int) -> int:
    """Give a claimed case back to its queue."""
    return saved(claims.release_claim(ctx.session, ctx.signed_in, case_id, now=ctx.now).id)


@operation(write=True, roles=SUPERVISORS)
def reassign_case(ctx: Ctx, *, case_id: int, to_reviewer_id: int, reason: str = "") -> int:
    """A supervisor hands a case to another reviewer."""
    return saved(claims.reassign(
        ctx.session, ctx.signed_in, case_id, to_reviewer_id, reason=reason, now=ctx.now
    ).id)


@operation(write=True, roles=MODERATORS)
def accept_case(ctx: Ctx, *, case_id: int, expected_version: int, note: str = "") -> int:
    """Accept (受理) a received case; its screening clock starts."""
    return saved(transitions.accept_case(
        ctx.session,
        ctx.signed_in,
        case_id,
        expected_version=expected_version,
        note=note,
        now=ctx.now,
    ).id)


@operation(write=True, roles=MODERATORS)
def decline_case(
    ctx: Ctx, *, case_id: int, expected_version: int, reason_code: str, note: str = ""
) -> int:
    """Decline (不予受理) a received case with a reason code."""
    return saved(transitions.decline_case(
        ctx.session,
        ctx.signed_in,
        case_id,
        expected_version=expected_version,
        reason_code=reason_code,
        note=note,
        now=ctx.now,
    ).id)


@operation(write=True, roles=MODERATORS)
def record_findings(
    ctx: Ctx,
    *,
    case_id: int,
    expected_version: int,
    findings: list[tuple[str, str | None, str]],
    hit_decisions: dict[int, str],
    notes: str = "",
) -> int:
    """Record the screening's findings (category, basis, notes) and the decision on each hit."""
    screening.record_findings(
        ctx.session,
        ctx.signed_in,
        case_id,
        expected_version=expected_version,
        findings=findings,
        hit_decisions=hit_decisions,
        notes=notes,
        now=ctx.now,
    )
    return case_id


@operation(write=True, roles=MODERATORS)
def apply_measures(
    ctx: Ctx, *, case_id: int, expected_version: int, measures: list[MeasureSpec]
) -> int:
    """Dispose of a case with one or more measures; severe ones wait for approval."""
    _apply_measure(
        ctx.session,
        ctx.signed_in,
        case_id,
        expected_version=expected_version,
        measures=measures,
        now=ctx.now,
    )
    return case_id


@operation(write=False, roles=SUPERVISION)
def case_pending_approvals(ctx: Ctx, *, case_id: int) -> list[PendingApproval]:
    """The case's severe measures awaiting a supervisor: each with its basis, reason,
    proposer and when it was proposed (the evidence is in the case itself)."""
    return supervision.pending_approvals(ctx.session, case_id=case_id)


@operation(write=True, roles=SUPERVISORS)
def decide_approval(ctx: Ctx, *, measure_id: int, approve: bool, reason: str) -> int:
    """A supervisor other than the decider approves or rejects a severe measure;
    returns the case id."""
    measure = _approve_measure(
        ctx.session, ctx.signed_in, measure_id, approve=approve, reason=reason, now=ctx.now
    )
    return saved(measure.case_id)


@operation(write=True, roles=MODERATORS)
def find_no_violation(ctx: Ctx, *, case_id: int, expected_version: int, reason: str) -> int:
    """Close screening with no violation found (the reporter is told next)."""
    return saved(transitions.find_no_violation(
        ctx.session,
        ctx.signed_in,
        case_id,
        expected_version=expected_version,
        reason=reason,
        now=ctx.now,
    ).id)


@operation(write=False, roles=CASE_READERS)
def preview_case_reply(
    ctx: Ctx, *, case_id: int, template: str | None = None, language: str = "zh_CN"
) -> list[Draft]:
    """The replies to a case's reporters as they would be sent.  The addresses
    leave the server masked and without the template's filling values (2022/16)."""
    drafts = replies.preview_reply(
        ctx.session, case_id=case_id, template=template, language=language
    )
    return [replace(d, recipient_address=d.masked_address, context={}) for d in drafts]


@operation(write=True, roles=MODERATORS)
def reply_to_reporters(
    ctx: Ctx,
    *,
    case_id: int,
    expected_version: int,
    template: str | None = None,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> int:
    """Queue the replies to a case's reporters from a template (or an edited body)."""
    replies.reply_to_reporters(
        ctx.session,
        ctx.signed_in,
        case_id,
        template=template,
        language=language,
        body_override=body_override,
        expected_version=expected_version,
        now=ctx.now,
    )
    return case_id


@operation(write=True, roles=MODERATORS)
def pause_case_clocks(ctx: Ctx, *, case_id: int, reason: PauseReason) -> int:
    """Pause a case's running clocks (waiting on the reporter, on another body ...)."""
    case = get_case(ctx.session, case_id)
    clocks.pause_clocks(ctx.session, ctx.signed_in, case=case, reason=reason, at=now_or(ctx.now))
    return case_id


@operation(write=True, roles=MODERATORS)
def resume_case_clocks(ctx: Ctx, *, case_id: int) -> int:
    """Resume a case's paused clocks; their deadlines move by the pause."""
    case = get_case(ctx.session, case_id)
    clocks.resume_clocks(ctx.session, ctx.signed_in, case=case, at=now_or(ctx.now))
    return case_id


@operation(write=True, roles=SUPERVISORS)
def extend_case_deadline(
    ctx: Ctx, *, case_id: int, amount: float, unit: LimitUnit, reason: str
) -> int:
    """A supervisor gives a case more time (working days or hours) with a reason, audited
    (2022/19, 2021/20); its running clocks' due times are recomputed."""
    clocks.extend_case_clocks(
        ctx.session,
        ctx.signed_in,
        case_id=case_id,
        amount=amount,
        unit=unit,
        reason=reason,
        at=now_or(ctx.now),
    )
    return case_id


@operation(write=True, roles=MODERATORS)
def escalate_case(ctx: Ctx, *, case_id: int, expected_version: int, reason: str) -> int:
    """Move a case to the supervisors' escalation queue, releasing the claim."""
    return saved(escalation.escalate_case(
        ctx.session,
        ctx.signed_in,
        case_id,
        expected_version=expected_version,
        reason=reason,
        now=ctx.now,
    ).id)


@operation(write=True, roles=MODERATORS)
def bulk_accept(ctx: Ctx, *, items: list[tuple[int, int]]) -> list[int]:
    """Accept every case of a selection, (case id, version) each: all or none."""
    return [saved(c.id) for c in bulk.bulk_accept(ctx.session, ctx.signed_in, items, now=ctx.now)]


@operation(write=True, roles=MODERATORS)
def bulk_decline(
    ctx: Ctx, *, items: list[tuple[int, int]], reason_code: str, note: str = ""
) -> list[int]:
    """Decline every case of a selection with one reason: all or none."""
    cases = bulk.bulk_decline(
        ctx.session, ctx.signed_in, items, reason_code=reason_code, note=note, now=ctx.now
    )
    return [saved(c.id) for c in cases]


@operation(write=True, roles=MODERATORS)
def bulk_measures(
    ctx: Ctx, *, items: list[tuple[int, int]], measures: list[MeasureSpec], preview: bool = False
) -> list[BulkStep]:
    """Dispose of every case of a selection, (case id, version) each, with the same
    measures: all or none, each case audited, a severe measure waiting for a
    supervisor's approval on every case.  ``preview`` runs it and rolls it back."""
    return bulk_measures_service.bulk_measures(
        ctx.session, ctx.signed_in, items, measures=measures, now=ctx.now, dry_run=preview
    )


@operation(write=True, roles=MODERATORS)
def bulk_reply(
    ctx: Ctx,
    *,
    items: list[tuple[int, int]],
    template: str | None = None,
    language: str = "zh_CN",
    preview: bool = False,
) -> list[BulkStep]:
    """Reply to the reporters of every case of a selection (each from the template its
    state calls for unless one is named): all or none, refused while a case has a
    severe measure awaiting approval.  ``preview`` runs it and rolls it back."""
    return bulk_replies.bulk_reply(
        ctx.session,
        ctx.signed_in,
        items,
        template=template,
        language=language,
        now=ctx.now,
        dry_run=preview,
    )
