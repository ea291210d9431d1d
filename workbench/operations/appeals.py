"""Appeals (申诉复核): the appeals still to decide, one appeal beside the decision
it contests, taking it up, deciding it and answering the appellant.

Only appeal reviewers decide and answer, and never about a measure they took
part in (the service refuses that in words); supervisors and administrators
may read.  Each change returns the appeal's id; the change notices say the
rest (the appeal, the measure revoked or replaced).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from workbench.errors import ValidationError
from workbench.measures import appeals, holder_intake
from workbench.measures.holder_intake import APPEAL_CHANNELS, AppealableMeasure, AppealTarget
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.measures.read_appeal import AppealDetail, AppealSummary, DecisionView
from workbench.measures.read_appeal import appeal_detail as _appeal_detail
from workbench.measures.read_appeal import open_appeals as _open_appeals
from workbench.models.codes import AppealStatus, Role
from workbench.operations.core import Ctx, operation, saved
from workbench.operations.roles import APPEAL_DECIDERS, APPEALS
from workbench.replies.reply_drafts import Draft

__all__ = [
    "APPEAL_CHANNELS",
    "AppealDetail",
    "AppealTarget",
    "AppealableMeasure",
    "AppealSummary",
    "DecisionView",
    "Draft",
    "MeasureSpec",
    "appeal_detail",
    "appeal_targets",
    "decide_appeal",
    "file_appeal",
    "open_appeals",
    "preview_appeal_reply",
    "reply_appeal",
    "start_appeal_screening",
]

MAX_LIST = 500


@operation(write=False, roles=APPEALS)
def open_appeals(ctx: Ctx, *, limit: int = MAX_LIST) -> list[AppealSummary]:
    """The appeals still to decide (received or under review), the nearest deadline first."""
    return _open_appeals(ctx.session, limit=max(1, min(int(limit), MAX_LIST)))


@operation(write=False, roles=APPEALS)
def appeal_detail(ctx: Ctx, *, appeal_id: int) -> AppealDetail:
    """One appeal with the decision it contests, the original reports, the account
    card and the account's history (personal data masked)."""
    return _appeal_detail(ctx.session, appeal_id)


@operation(write=True, roles=APPEAL_DECIDERS)
def start_appeal_screening(ctx: Ctx, *, appeal_id: int, expected_version: int) -> int:
    """An appeal reviewer takes a received appeal up for review."""
    return saved(
        appeals.start_appeal_screening(
            ctx.session, ctx.signed_in, appeal_id, expected_version=expected_version, now=ctx.now
        ).id
    )


@operation(write=True, roles=APPEAL_DECIDERS)
def decide_appeal(
    ctx: Ctx,
    *,
    appeal_id: int,
    expected_version: int,
    outcome: str,
    reason: str,
    revised_measure: MeasureSpec | None = None,
) -> int:
    """Uphold, revise (with the new measure) or revoke; an appeal still only
    received is taken up first, in the same transaction."""
    actor, version = ctx.signed_in, expected_version
    appeal = appeals.get_appeal(ctx.session, appeal_id)
    if appeal.status == AppealStatus.RECEIVED and appeal.version == expected_version:
        version = appeals.start_appeal_screening(
            ctx.session, actor, appeal_id, expected_version=version, now=ctx.now
        ).version
    decided = appeals.decide_appeal(
        ctx.session,
        actor,
        appeal_id,
        expected_version=version,
        outcome=outcome,
        reason=reason,
        revised_measure=revised_measure,
        now=ctx.now,
    )
    return saved(decided.id)


@operation(write=False, roles=APPEALS)
def preview_appeal_reply(
    ctx: Ctx, *, appeal_id: int, template: str | None = None, language: str = "zh_CN"
) -> list[Draft]:
    """The answer to the appellant as it would be sent.  The address leaves the
    server masked and without the template's filling values (2022/16)."""
    draft = appeals.appeal_reply_draft(
        ctx.session, appeal_id, template=template, language=language
    )
    return [replace(draft, recipient_address=draft.masked_address, context={})]


@operation(write=True, roles=APPEAL_DECIDERS)
def reply_appeal(
    ctx: Ctx,
    *,
    appeal_id: int,
    expected_version: int,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> int:
    """Queue the decision to the appellant (decided → replied)."""
    appeals.reply_appeal(
        ctx.session,
        ctx.signed_in,
        appeal_id,
        expected_version=expected_version,
        language=language,
        body_override=body_override,
        now=ctx.now,
    )
    return appeal_id


# -- appeals entered by hand (2021/20) ------------------------------------------------

#: Who enters an appeal received by phone or letter (as the service allows).
APPEAL_INTAKE = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)


@operation(write=False, roles=APPEAL_INTAKE)
def appeal_targets(ctx: Ctx, *, platform_id: str) -> AppealTarget:
    """The account with this platform id and its measures that took effect, each with
    the last day it may be appealed and the appeal already open against it."""
    return holder_intake.appeal_targets(ctx.session, platform_id)


@operation(write=True, roles=APPEAL_INTAKE)
def file_appeal(
    ctx: Ctx,
    *,
    measure_id: int,
    appellant_name: str,
    text: str,
    channel: str,
    received_at: datetime,
    appellant_contact: str = "",
) -> int:
    """Enter an appeal received by phone, letter, email or in person: the window and
    one open appeal per measure are checked, the decision clock starts at
    ``received_at``, the appellant is acknowledged.  The new appeal's id."""
    if not (appellant_name or "").strip():
        raise ValidationError("请填写申诉人", "give the appellant's name")
    appeal = appeals.file_appeal(
        ctx.session,
        ctx.signed_in,
        measure_id=measure_id,
        appellant_name=appellant_name,
        appellant_contact=appellant_contact or None,
        text=text,
        received_at=received_at,
        channel=holder_intake.check_channel(channel),
        now=ctx.now,
    )
    return saved(appeal.id)
