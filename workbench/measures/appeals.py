"""Appeals (申诉, 2021/20): an account holder contests a measure.

``appeal_received → appeal_screening → upheld | revised | revoked → replied``.

An appeal is filed within the window after the measure took effect
(setting ``appeals.window_days``, default 15 Beijing calendar days); a
measure has at most one open appeal.  The appeal reviewer (role
``appeal_reviewer``) is never a person who decided or approved the measure
or a measure it replaced.  Revoking undoes the measure on the account and
gives back its credit; revising replaces it with a new measure that records
which one it supersedes.  The APPEAL_DECISION clock runs from filing to the
decision, and the appellant is answered from the ``appeal_*`` templates.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.cases.casework import check_version, locked_get, now_or
from workbench.cases.intake import check_received_at, received_window
from workbench.errors import (
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.measures.measures import create_measure, get_measure, revoke_measure
from workbench.models import Appeal, Measure, Reply
from workbench.models.base import saved
from workbench.models.codes import (
    APPEAL_STATUS_LABELS,
    OPEN_APPEAL_STATUSES,
    AppealStatus,
    MeasureStatus,
    RecipientKind,
    Role,
    Stage,
)
from workbench.records import audit
from workbench.replies.reply_context import appeal_context
from workbench.replies.reply_drafts import Draft, build_draft, enqueue
from workbench.text import clean_text, one_line
from workbench.timelimits import clocks
from workbench.timelimits.appeal_window import appeal_deadline, appeal_window_days, local_date
from workbench.timelimits.clock_holds import hold_clocks
from workbench.timelimits.deadlines import require_aware

STATUS_LABELS = APPEAL_STATUS_LABELS  # one name per status, shared with the desktop
OUTCOMES = (AppealStatus.UPHELD, AppealStatus.REVISED, AppealStatus.REVOKED)
APPEAL_FIELDS = ("status", "assignee_id", "decided_by", "decision_reason", "revised_measure_id")


def _state(appeal: Appeal) -> dict:
    return {name: getattr(appeal, name) for name in APPEAL_FIELDS} | {"version": appeal.version}


def _audit(session, actor, action, appeal, before, now, *, reason=None, extra=None) -> None:
    measure = session.get(Measure, appeal.measure_id)
    audit.record(
        session,
        actor,
        action,
        "appeal",
        appeal.id,
        case_id=measure.case_id if measure else None,
        account_id=appeal.account_id,
        before=before,
        after=_state(appeal) | (extra or {}),
        reason=reason,
        at=now,
    )


def get_appeal(session: Session, appeal_id: int) -> Appeal:
    appeal = locked_get(session, Appeal, appeal_id)
    if appeal is None:
        raise NotFound(f"申诉 {appeal_id} 不存在", f"appeal {appeal_id} does not exist")
    return appeal


def _require_status(appeal: Appeal, *allowed: str, action_zh: str, action_en: str) -> None:
    if appeal.status not in allowed:
        zh, en = STATUS_LABELS[AppealStatus(appeal.status)]
        raise InvalidTransition(
            f"申诉 {appeal.id} 当前为「{zh}」，不能{action_zh}",
            f"appeal {appeal.id} is {en.lower()}; it cannot be {action_en}",
        )


def original_deciders(session: Session, measure: Measure) -> set[int]:
    """Everyone who decided or approved the measure, or a measure it replaced."""
    people: set[int] = set()
    seen: set[int] = set()
    current: Measure | None = measure
    while current is not None and current.id not in seen:
        seen.add(saved(current.id))
        people.update(p for p in (current.decided_by, current.approved_by) if p is not None)
        current = session.get(Measure, current.supersedes_id) if current.supersedes_id else None
    return people


def _require_independent_reviewer(session: Session, actor: Actor, appeal: Appeal) -> Measure:
    require_role(actor, Role.APPEAL_REVIEWER)
    measure = session.get_one(Measure, appeal.measure_id)
    if actor.id in original_deciders(session, measure):
        raise PermissionDenied(
            f"您参与了原处置 {measure.id} 的决定或审批，不能复核针对它的申诉 {appeal.id}，"
            "请由其他申诉复核人员处理",
            f"you decided or approved measure {measure.id}, so you may not review appeal "
            f"{appeal.id} against it; another appeal reviewer must take it",
        )
    return measure


def _bump(appeal: Appeal) -> None:
    appeal.version += 1


def file_appeal(
    session: Session,
    actor: Actor | None,
    *,
    measure_id: int,
    appellant_name: str,
    text: str,
    received_at: datetime,
    appellant_contact: str | None = None,
    acknowledge: bool = True,
    language: str = "zh_CN",
    now: datetime | None = None,
    channel: str | None = None,
) -> Appeal:
    """Record an appeal against a measure; start its decision clock; acknowledge it.

    ``actor`` is None when the appeal arrives through the platform's own
    channel, else the reviewer recording it.  ``received_at`` (when the
    platform received it; default ``now``) dates the appeal and starts its
    clock; the audit events and the acknowledgement are written at ``now``,
    the writer's clock (the current instant unless a test or the demo
    simulates it), and an implausible ``received_at`` is refused.  ``channel``
    (phone, letter, ...) of an appeal a reviewer enters is kept in the audit record.
    """
    if actor is not None:
        require_role(actor, Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER, Role.PLATFORM)
    now = now_or(now)
    received_at = now if received_at is None else require_aware(received_at, "received_at")
    check_received_at(received_window(session, now), received_at)
    if not clean_text(text or "").strip():
        raise ValidationError("请填写申诉理由", "the appeal needs a text saying why")
    measure = get_measure(session, measure_id)
    if measure.status not in (MeasureStatus.IN_EFFECT, MeasureStatus.EXPIRED):
        raise InvalidTransition(
            f"措施 {measure.id} 当前为 {measure.status}，不能申诉（仅可对已生效的处置申诉）",
            f"measure {measure.id} is {measure.status}; only a measure that took effect "
            "can be appealed",
        )
    window = appeal_window_days(session)
    last_day = appeal_deadline(measure, window)
    if measure.effective_from is not None and received_at < measure.effective_from:
        raise ValidationError(
            "申诉时间早于处置生效时间", "the appeal is dated before the measure took effect"
        )
    if local_date(received_at) > last_day:
        raise ValidationError(
            f"已超过申诉期限：处置生效后 {window} 日内（截至 {last_day.isoformat()}）可申诉",
            f"too late to appeal: a measure may be appealed within {window} days of taking "
            f"effect (up to and including {last_day.isoformat()})",
        )
    open_one = open_appeal_id(session, measure_id)
    if open_one is not None:
        raise _already_open(measure_id, open_one)
    appeal = Appeal(
        measure_id=measure_id,
        account_id=measure.account_id,
        appellant_name=one_line(appellant_name or "", 200),
        appellant_contact=one_line(appellant_contact or "", 200) or None,
        text=clean_text(text).strip(),
        status=AppealStatus.RECEIVED,
        received_at=received_at,
    )
    try:
        with session.begin_nested():
            session.add(appeal)
            session.flush()
    except IntegrityError as exc:  # another reviewer filed one at the same moment
        if "uq_appeal_open_per_measure" in str(exc.orig) or "UNIQUE" in str(exc.orig).upper():
            raise _already_open(measure_id, None) from exc
        raise
    clocks.start_clock(session, stage=Stage.APPEAL_DECISION, at=received_at, appeal=appeal)
    extra = {"measure_id": measure.id} | ({"channel": channel} if channel else {})
    _audit(session, actor, "appeal.file", appeal, None, now, extra=extra)
    if acknowledge:
        draft = appeal_reply_draft(
            session, saved(appeal.id), template="appeal_received", language=language
        )
        enqueue(session, actor, draft, now)
    return appeal


def open_appeal_id(session: Session, measure_id: int) -> int | None:
    """The open appeal against the measure, if any."""
    return session.exec(
        select(Appeal.id).where(
            Appeal.measure_id == measure_id, col(Appeal.status).in_(OPEN_APPEAL_STATUSES)
        )
    ).first()


def _already_open(measure_id: int, appeal_id: int | None) -> InvalidTransition:
    which = f"（申诉 {appeal_id}）" if appeal_id else ""
    which_en = f" (appeal {appeal_id})" if appeal_id else ""
    return InvalidTransition(
        f"处置 {measure_id} 已有一项未结的申诉{which}，同一处置同时只能有一项申诉",
        f"measure {measure_id} already has an open appeal{which_en}; "
        "a measure has one open appeal at a time",
    )


def start_appeal_screening(
    session: Session,
    actor: Actor,
    appeal_id: int,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> Appeal:
    """An appeal reviewer takes the appeal up: appeal_received → appeal_screening."""
    now = now_or(now)
    appeal = get_appeal(session, appeal_id)
    _require_independent_reviewer(session, actor, appeal)
    check_version(appeal, expected_version, ("申诉", "appeal"))
    _require_status(
        appeal, AppealStatus.RECEIVED, action_zh="开始复核", action_en="taken up for review"
    )
    before = _state(appeal)
    appeal.status = AppealStatus.SCREENING
    appeal.assignee_id = actor.id
    hold_clocks(session, actor.id, now, appeal=appeal)  # the wait before is the queue's
    _bump(appeal)
    session.add(appeal)
    session.flush()
    _audit(session, actor, "appeal.screen", appeal, before, now)
    return appeal


def decide_appeal(
    session: Session,
    actor: Actor,
    appeal_id: int,
    *,
    expected_version: int,
    outcome: str,
    reason: str,
    revised_measure: MeasureSpec | None = None,
    now: datetime | None = None,
) -> Appeal:
    """Decide an appeal under review: upheld, revised (a new measure replaces the old
    one; without its own basis it keeps the old one's) or revoked (the measure is undone and its credit restored)."""
    now = now_or(now)
    appeal = get_appeal(session, appeal_id)
    measure = _require_independent_reviewer(session, actor, appeal)
    check_version(appeal, expected_version, ("申诉", "appeal"))
    _require_status(appeal, AppealStatus.SCREENING, action_zh="作出决定", action_en="decided")
    if outcome not in OUTCOMES:
        raise ValidationError(
            f"复核结果无效：{outcome}", "the outcome must be upheld, revised or revoked"
        )
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError("请填写复核理由", "give the reason for the decision")
    if (outcome == AppealStatus.REVISED) != (revised_measure is not None):
        raise ValidationError(
            "变更处置须且仅须给出新的处置措施",
            "a revised outcome needs the new measure, and only a revised one takes it",
        )
    before = _state(appeal)
    extra: dict = {"measure_id": measure.id}
    if outcome == AppealStatus.REVOKED:
        revoke_measure(
            session, actor, saved(measure.id), reason=reason, appeal_id=appeal_id, now=now
        )
    elif outcome == AppealStatus.REVISED:
        assert revised_measure is not None  # a revised outcome without one is refused above
        revoke_measure(
            session,
            actor,
            saved(measure.id),
            reason=reason,
            appeal_id=appeal_id,
            now=now,
            outcome=MeasureStatus.REVISED,
        )
        new = create_measure(
            session,
            actor,
            account_id=measure.account_id,
            case_id=measure.case_id,
            spec=replace(revised_measure, basis=revised_measure.basis or measure.basis),
            now=now,
            supersedes_id=measure.id,
        )
        appeal.revised_measure_id = new.id
        extra["revised_measure_id"] = new.id
    appeal.status = outcome
    appeal.decided_by = actor.id
    appeal.decided_at = now
    appeal.decision_reason = reason
    appeal.assignee_id = appeal.assignee_id or actor.id
    _bump(appeal)
    session.add(appeal)
    session.flush()
    clocks.stop_clock(session, stage=Stage.APPEAL_DECISION, at=now, appeal=appeal)
    _audit(session, actor, f"appeal.{outcome}", appeal, before, now, reason=reason, extra=extra)
    return appeal


def outcome_of(session: Session, appeal: Appeal) -> str | None:
    """``upheld``, ``revised`` or ``revoked`` once decided (also after the reply), else None."""
    if appeal.status in OUTCOMES:
        return appeal.status
    if appeal.status != AppealStatus.REPLIED:
        return None
    if appeal.revised_measure_id is not None:
        return AppealStatus.REVISED
    measure = session.get_one(Measure, appeal.measure_id)
    revoked = measure.status == MeasureStatus.REVOKED and measure.revoked_at == appeal.decided_at
    return AppealStatus.REVOKED if revoked else AppealStatus.UPHELD


def appeal_reply_draft(
    session: Session,
    appeal_id: int,
    *,
    template: str | None = None,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> Draft:
    """The answer to the appellant: the decision once decided, else the receipt."""
    appeal = session.get(Appeal, appeal_id)
    if appeal is None:
        raise NotFound(f"申诉 {appeal_id} 不存在", f"appeal {appeal_id} does not exist")
    if template is None:
        outcome = outcome_of(session, appeal)
        template = f"appeal_{outcome}" if outcome else "appeal_received"
    return build_draft(
        recipient_kind=RecipientKind.APPELLANT,
        recipient_address=appeal.appellant_contact,
        template=template,
        language=language,
        context=appeal_context(session, appeal, language),
        body_override=body_override,
        appeal_id=appeal.id,
        measure_id=appeal.measure_id,
    )


def reply_appeal(
    session: Session,
    actor: Actor,
    appeal_id: int,
    *,
    expected_version: int,
    language: str = "zh_CN",
    body_override: str | None = None,
    now: datetime | None = None,
) -> Reply:
    """Queue the decision to the appellant: upheld | revised | revoked → replied."""
    now = now_or(now)
    appeal = get_appeal(session, appeal_id)
    require_role(actor, Role.APPEAL_REVIEWER)
    check_version(appeal, expected_version, ("申诉", "appeal"))
    _require_status(appeal, *OUTCOMES, action_zh="答复", action_en="answered before a decision")
    draft = appeal_reply_draft(session, appeal_id, language=language, body_override=body_override)
    reply = enqueue(session, actor, draft, now)
    before = _state(appeal)
    appeal.status = AppealStatus.REPLIED
    _bump(appeal)
    session.add(appeal)
    session.flush()
    _audit(session, actor, "appeal.reply", appeal, before, now, extra={"reply_id": reply.id})
    return reply
