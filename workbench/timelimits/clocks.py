"""Clocks: the handling time limit of each stage of a case, appeal or correction order.

Stages of a case: ACCEPT runs received -> accepted|declined; SCREEN accepted
-> screening; DISPOSE screening -> disposed|no_violation; REPLY disposed|
no_violation|declined -> replied.  An appeal has APPEAL_DECISION
(appeal_received -> upheld|revised|revoked); a correction order has CORRECTION.

A clock records the policy (id and version) and calendar version it was
computed with.  Its due time is always recomputed from scratch: start +
limit (+ supervisor-approved extensions), then pushed on by the ended pauses
(see :func:`workbench.timelimits.deadlines.compute_due`: calendar time for hour
limits, working time for working-day limits).  While paused, a clock does not
run and is never warned about or breached; resuming adds the pause.

Stopping a clock closes it as ``met`` (stopped at or before the due time) or
``breached`` (after it).  Closed clocks are never recomputed.  The case's
``due_at``/``clock_state`` (and an appeal's ``due_at``, a correction order's
``deadline``) follow the earliest running clock of that owner.

A clock's ``assignee_id`` is the owner's assignee when the clock stops (the
reviewer who handled the step), else when it started; ``held_since`` when
that holder took the stage (:mod:`workbench.timelimits.clock_holds`).

Starting and stopping are part of the case transitions, which the case
services audit; pauses, resumptions and extensions are audited here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.errors import InvalidTransition, NotFound, ValidationError
from workbench.models import (
    Appeal,
    Case,
    Clock,
    ClockExtension,
    ClockPause,
    CorrectionOrder,
)
from workbench.models.base import saved
from workbench.models.codes import ClockState, LimitUnit, PauseReason, Role, Stage
from workbench.records import audit
from workbench.timelimits.alerts import level_for, load_thresholds
from workbench.timelimits.calendar import load_snapshot
from workbench.timelimits.deadlines import (
    CalendarSnapshot,
    Due,
    Extension,
    Pause,
    compute_due,
    require_aware,
)
from workbench.timelimits.policies import PolicyRule, policy_key, resolve_policy, validate_limit

OPEN_STATES = (ClockState.RUNNING, ClockState.PAUSED)
# The most one extension may grant: more is a change of policy, not an extension.
MAX_EXTENSION = {LimitUnit.WORKING_DAYS.value: 60.0, LimitUnit.HOURS.value: 24.0 * 90}
CASE_STAGES = (Stage.ACCEPT, Stage.SCREEN, Stage.DISPOSE, Stage.REPLY)


def _owner_filter(case, appeal, correction_order):
    owners = [o for o in (case, appeal, correction_order) if o is not None]
    if len(owners) != 1:
        raise ValueError("a clock belongs to exactly one case, appeal or correction order")
    if case is not None:
        return Clock.case_id == case.id
    if appeal is not None:
        return Clock.appeal_id == appeal.id
    return Clock.correction_order_id == correction_order.id


def _check_stage(stage: str, case, appeal, correction_order) -> None:
    allowed = (
        CASE_STAGES
        if case is not None
        else (Stage.APPEAL_DECISION,)
        if appeal is not None
        else (Stage.CORRECTION,)
    )
    if stage not in allowed:
        raise InvalidTransition(
            f"阶段 {stage} 不适用于此对象", f"the stage {stage} does not apply here"
        )


def clock_due(
    session: Session,
    clock: Clock,
    snapshot: CalendarSnapshot,
    policy: PolicyRule | None = None,
    *,
    new: bool = False,
) -> Due:
    """The due time of ``clock`` from its limit (or ``policy``'s), extensions and ended
    pauses (``new``: the clock was just started, so it has neither)."""
    extensions: Sequence[ClockExtension] = ()
    pauses: Sequence[ClockPause] = ()
    if not new:
        extensions = session.exec(
            select(ClockExtension).where(col(ClockExtension.clock_id) == clock.id)
        ).all()
        pauses = session.exec(select(ClockPause).where(col(ClockPause.clock_id) == clock.id)).all()
    return compute_due(
        clock.started_at,
        policy.amount if policy is not None else clock.amount,
        policy.unit if policy is not None else clock.unit,
        snapshot,
        extensions=[Extension(e.amount, e.unit) for e in extensions],
        pauses=[Pause(p.started_at, p.ended_at) for p in pauses],
    )


def recompute(
    session: Session,
    clock: Clock,
    snapshot: CalendarSnapshot,
    *,
    at: datetime,
    policy: PolicyRule | None = None,
) -> tuple[datetime, datetime]:
    """Recompute an open clock's due time (with ``policy`` when the limit changed).

    Returns (old due, new due).  A warning or breach already raised is lowered
    when the new due time makes it no longer true at ``at``, so it can be
    raised again when it becomes true.
    """
    if clock.state not in OPEN_STATES:
        raise InvalidTransition("时钟已结束，不能重算", "a closed clock keeps its due time")
    old = clock.due_at
    if policy is not None:
        clock.amount, clock.unit = policy.amount, policy.unit
        clock.policy_id, clock.policy_version = policy.policy_id, policy.version
    due = clock_due(session, clock, snapshot)
    clock.due_at, clock.provisional = due.at, due.provisional
    clock.calendar_version = snapshot.version
    if clock.warning_level:
        now_level = level_for(session, clock, at, snapshot, load_thresholds(session))
        clock.warning_level = min(clock.warning_level, now_level)
    session.add(clock)
    return old, clock.due_at


def open_clocks(session: Session, *, case=None, appeal=None, correction_order=None) -> list[Clock]:
    return list(
        session.exec(
            select(Clock)
            .where(_owner_filter(case, appeal, correction_order), col(Clock.state).in_(OPEN_STATES))
            .order_by(col(Clock.due_at), col(Clock.id))
        ).all()
    )


def refresh_owner(session: Session, *, case=None, appeal=None, correction_order=None) -> None:
    """Copy the earliest open clock's due time and state onto its owner."""
    clocks = open_clocks(session, case=case, appeal=appeal, correction_order=correction_order)
    running = [c for c in clocks if c.state == ClockState.RUNNING]
    shown = running or clocks
    due: datetime | None
    state: str | None
    if shown:
        due, state = min(c.due_at for c in shown), shown[0].state
    else:
        last = session.exec(
            select(Clock)
            .where(_owner_filter(case, appeal, correction_order))
            .order_by(col(Clock.started_at).desc(), col(Clock.id).desc())
        ).first()
        due, state = None, last.state if last is not None else None
    if case is not None:
        case.due_at, case.clock_state = due, state
        session.add(case)
    elif appeal is not None:
        appeal.due_at = due
        session.add(appeal)
    elif due is not None:
        correction_order.deadline = due
        session.add(correction_order)
    session.flush()


def start_clock(
    session: Session,
    *,
    stage: Stage | str,
    at: datetime,
    case: Case | None = None,
    appeal: Appeal | None = None,
    correction_order: CorrectionOrder | None = None,
    snapshot: CalendarSnapshot | None = None,
) -> Clock:
    """Start the clock of ``stage`` for one owner (the open one if already started)."""
    require_aware(at, "start")
    stage = Stage(stage)
    _check_stage(stage, case, appeal, correction_order)
    owner_kw = {"case": case, "appeal": appeal, "correction_order": correction_order}
    for clock in open_clocks(session, **owner_kw):
        if clock.stage == stage:
            return clock
    owner = case or appeal or correction_order
    policy = resolve_policy(session, stage=stage, **policy_key(session, owner))
    snapshot = snapshot or load_snapshot(session)
    clock = Clock(
        case_id=case.id if case is not None else None,
        appeal_id=appeal.id if appeal is not None else None,
        correction_order_id=correction_order.id if correction_order is not None else None,
        stage=stage,
        policy_id=policy.policy_id,
        policy_version=policy.version,
        calendar_version=snapshot.version,
        amount=policy.amount,
        unit=policy.unit,
        started_at=at,
        due_at=at,
        assignee_id=getattr(owner, "assignee_id", None),
        held_since=at if getattr(owner, "assignee_id", None) else None,
    )
    session.add(clock)
    session.flush()
    due = clock_due(session, clock, snapshot, new=True)
    clock.due_at, clock.provisional = due.at, due.provisional
    session.add(clock)
    refresh_owner(session, **owner_kw)
    return clock


def _end_pause(session: Session, clock: Clock, at: datetime) -> None:
    pause = session.exec(
        select(ClockPause).where(
            col(ClockPause.clock_id) == clock.id, col(ClockPause.ended_at).is_(None)
        )
    ).first()
    since = clock.paused_since or (pause.started_at if pause else at)
    if pause is not None:
        pause.ended_at = max(at, pause.started_at)
        session.add(pause)
    clock.paused_seconds += max(0.0, (at - since).total_seconds())
    clock.paused_since = None
    clock.state = ClockState.RUNNING
    session.flush()


def stop_clock(
    session: Session,
    *,
    stage: Stage | str,
    at: datetime,
    case: Case | None = None,
    appeal: Appeal | None = None,
    correction_order: CorrectionOrder | None = None,
) -> Clock | None:
    """Close the open clock of ``stage``: met if ``at`` <= due, else breached."""
    require_aware(at, "stop")
    owner_kw = {"case": case, "appeal": appeal, "correction_order": correction_order}
    clock = next((c for c in open_clocks(session, **owner_kw) if c.stage == stage), None)
    if clock is None:
        return None
    if clock.state == ClockState.PAUSED:
        _end_pause(session, clock, at)
        recompute(session, clock, load_snapshot(session), at=at)
    owner = case or appeal or correction_order
    # The reviewer holding the owner when the step ends is the one who handled it;
    # one who took it without a claim took it at an unknown time (charged from the start).
    holder = getattr(owner, "assignee_id", None)
    if holder is not None and holder != clock.assignee_id:
        clock.held_since = None
    clock.assignee_id = holder or clock.assignee_id
    if at <= clock.due_at:
        clock.state, clock.met_at = ClockState.MET, at
    else:
        clock.state, clock.breached_at = ClockState.BREACHED, at
    session.add(clock)
    session.flush()
    refresh_owner(session, **owner_kw)
    return clock


def _audit_ids(case, appeal):
    if case is not None:
        return "case", case.id, case.id, case.target_account_id
    return "appeal", appeal.id, None, appeal.account_id


def pause_clocks(
    session: Session,
    actor: Actor,
    *,
    case: Case | None = None,
    reason: PauseReason | str,
    at: datetime,
    appeal: Appeal | None = None,
) -> list[Clock]:
    """Pause every running clock of the case (or appeal) while waiting on someone."""
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)
    require_aware(at, "pause")
    try:
        reason = PauseReason(reason)
    except ValueError as exc:
        raise ValidationError(
            f"暂停原因 {reason!r} 无效", f"unknown pause reason {reason!r}"
        ) from exc
    owner_kw = {"case": case, "appeal": appeal}
    running = [c for c in open_clocks(session, **owner_kw) if c.state == ClockState.RUNNING]
    if not running:
        raise InvalidTransition("没有正在计时的时限", "no clock is running to pause")
    for clock in running:
        clock.state, clock.paused_since = ClockState.PAUSED, at
        session.add(clock)
        session.add(
            ClockPause(clock_id=saved(clock.id), reason=reason, started_at=at, started_by=actor.id)
        )
    session.flush()
    refresh_owner(session, **owner_kw)
    entity, entity_id, case_id, account_id = _audit_ids(case, appeal)
    audit.record(
        session,
        actor,
        "clock.pause",
        entity,
        entity_id,
        case_id=case_id,
        account_id=account_id,
        after={"clocks": [c.id for c in running], "reason": reason},
        at=at,
    )
    return running


def resume_clocks(
    session: Session,
    actor: Actor,
    *,
    case: Case | None = None,
    at: datetime,
    appeal: Appeal | None = None,
) -> list[Clock]:
    """Resume every paused clock of the case (or appeal); their due times move on."""
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)
    require_aware(at, "resume")
    owner_kw = {"case": case, "appeal": appeal}
    paused = [c for c in open_clocks(session, **owner_kw) if c.state == ClockState.PAUSED]
    if not paused:
        raise InvalidTransition("没有暂停中的时限", "no clock is paused")
    snapshot = load_snapshot(session)
    moves = []
    for clock in paused:
        if at < (clock.paused_since or at):
            raise ValidationError("恢复时间早于暂停时间", "the resume time is before the pause")
        _end_pause(session, clock, at)
        old, new = recompute(session, clock, snapshot, at=at)
        moves.append({"clock": clock.id, "old_due": old, "new_due": new})
    session.flush()
    refresh_owner(session, **owner_kw)
    entity, entity_id, case_id, account_id = _audit_ids(case, appeal)
    audit.record(
        session,
        actor,
        "clock.resume",
        entity,
        entity_id,
        case_id=case_id,
        account_id=account_id,
        after={"moves": moves},
        at=at,
    )
    return paused


def extend_clock(
    session: Session,
    actor: Actor,
    *,
    clock_id: int,
    amount: float,
    unit: LimitUnit | str,
    reason: str,
    at: datetime,
) -> Clock:
    """A supervisor grants more time on an open clock; its due time is recomputed."""
    require_role(actor, Role.SUPERVISOR)
    require_aware(at, "extension")
    clock = session.get(Clock, clock_id)
    if clock is None:
        raise NotFound(f"时限 {clock_id} 不存在", f"clock {clock_id} does not exist")
    if clock.state not in OPEN_STATES:
        raise InvalidTransition("时限已结束，不能延长", "a closed clock cannot be extended")
    if not reason or not reason.strip():
        raise ValidationError("延长须说明理由", "an extension needs a reason")
    validate_limit(clock.stage, amount, str(unit))
    if amount > MAX_EXTENSION[str(unit)]:
        most = MAX_EXTENSION[str(unit)]
        raise ValidationError(
            f"一次延长不能超过 {most:g} {'个工作日' if unit == LimitUnit.WORKING_DAYS else '小时'}",
            f"one extension is at most {most:g} {str(unit).replace('_', ' ')}",
        )
    session.add(
        ClockExtension(
            clock_id=saved(clock.id),
            amount=amount,
            unit=str(unit),
            reason=reason.strip(),
            approved_by=actor.id,
            approved_at=at,
        )
    )
    session.flush()
    old, new = recompute(session, clock, load_snapshot(session), at=at)
    refresh_clock_owner(session, clock)
    audit.record(
        session,
        actor,
        "clock.extend",
        "clock",
        clock.id,
        case_id=clock.case_id,
        before={"due_at": old},
        after={"due_at": new, "amount": amount, "unit": str(unit)},
        reason=reason.strip(),
        at=at,
    )
    return clock


def extend_case_clocks(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    amount: float,
    unit: LimitUnit | str,
    reason: str,
    at: datetime,
) -> list[Clock]:
    """A supervisor grants more time on every open clock of a case (2022/19, 2021/20:
    the time limits are the platform's own, and a longer one is decided and recorded)."""
    require_role(actor, Role.SUPERVISOR)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"案件 {case_id} 不存在", f"case {case_id} does not exist")
    running = open_clocks(session, case=case)
    if not running:
        raise InvalidTransition(
            f"案件 #{case_id} 没有正在计时的处理时限，无需延长",
            f"case #{case_id} has no running deadline to extend",
        )
    return [
        extend_clock(
            session, actor, clock_id=saved(c.id), amount=amount, unit=unit, reason=reason, at=at
        )
        for c in running
    ]


def refresh_clock_owner(session: Session, clock: Clock) -> None:
    if clock.case_id is not None:
        refresh_owner(session, case=session.get(Case, clock.case_id))
    elif clock.appeal_id is not None:
        refresh_owner(session, appeal=session.get(Appeal, clock.appeal_id))
    else:
        refresh_owner(
            session, correction_order=session.get(CorrectionOrder, clock.correction_order_id)
        )


def clock_history(session: Session, clock_id: int) -> tuple[list[ClockPause], list[ClockExtension]]:
    """The pauses and extensions of one clock, oldest first."""
    pauses = session.exec(
        select(ClockPause)
        .where(col(ClockPause.clock_id) == clock_id)
        .order_by(col(ClockPause.started_at))
    ).all()
    extensions = session.exec(
        select(ClockExtension)
        .where(col(ClockExtension.clock_id) == clock_id)
        .order_by(col(ClockExtension.approved_at))
    ).all()
    return list(pauses), list(extensions)
