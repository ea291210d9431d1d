"""Measures (处置, 2022/17): deciding them on a case, approving the severe ones,
putting them into effect on the account, and undoing them.

``close``, ``blacklist`` and ``ban_reregistration`` wait in
``pending_approval`` until a supervisor other than the decider approves them;
the rest take effect at once.  Taking effect lowers the account's credit,
recomputes its status and restrictions, and for ``correct_by_deadline``
opens a correction order.  Every measure keeps a snapshot of the account
information as it was when decided.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from workbench.access.auth import Actor, require_role
from workbench.cases import credibility
from workbench.cases.casework import (
    get_account,
    get_case,
    load_for_action,
    locked_get,
    move,
    now_or,
    save,
)
from workbench.cases.legal_basis import check_basis
from workbench.errors import (
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from workbench.measures import corrections
from workbench.measures.account_effects import (
    account_snapshot,
    lower_credit,
    recompute_account_status,
    restore_credit,
)
from workbench.measures.credit_grades import downgrade_points
from workbench.measures.credit_grades import load_policy as load_grade_policy
from workbench.measures.measure_catalogue import (
    MeasureSpec,
    check_params,
    credit_amount,
    label,
    needs_approval,
)
from workbench.models import Case, Finding, Measure
from workbench.models.codes import CaseStatus, MeasureCode, MeasureStatus, Role
from workbench.platform import platform_outbox
from workbench.records import audit

__all__ = [
    "MeasureSpec",
    "apply_measure",
    "approve_measure",
    "create_measure",
    "recompute_account_status",
    "revoke_measure",
]

MAX_BASIS_LENGTH = 64
MEASURE_FIELDS = ("status", "approved_by", "effective_from", "effective_until", "revoked_by")


def _state(measure: Measure) -> dict:
    return {name: getattr(measure, name) for name in MEASURE_FIELDS} | {
        "code": measure.code,
        "credit_delta": measure.credit_delta,
    }


def _audit(session, actor, action, measure, before, now, *, reason=None, extra=None):
    audit.record(
        session,
        actor,
        action,
        "measure",
        measure.id,
        case_id=measure.case_id,
        account_id=measure.account_id,
        before=before,
        after=_state(measure) | (extra or {}),
        reason=reason,
        at=now,
    )


def get_measure(session: Session, measure_id: int) -> Measure:
    measure = locked_get(session, Measure, measure_id)
    if measure is None:
        raise NotFound(f"措施 {measure_id} 不存在", f"measure {measure_id} does not exist")
    return measure


def _take_effect(session: Session, actor: Actor | None, measure: Measure, now: datetime) -> None:
    account = get_account(session, measure.account_id)
    credit_before = account.credit_score
    measure.status = MeasureStatus.IN_EFFECT
    measure.effective_from = now
    days = (measure.params or {}).get("days")
    measure.effective_until = now + timedelta(days=days) if days else None
    points = credit_amount(session, measure.code)
    if measure.code == MeasureCode.DOWNGRADE_CREDIT:  # one grade down (2021/13, 2022/18)
        points = downgrade_points(load_grade_policy(session), account.credit_score)
    measure.credit_delta = lower_credit(account, points)
    session.add_all([measure, account])
    session.flush()
    extra: dict[str, object] = {"credit_score": [credit_before, account.credit_score]}
    if measure.code == MeasureCode.CORRECT_BY_DEADLINE:
        order = corrections.open_for_measure(session, actor, measure, now)
        extra["correction_order_id"] = order.id
    _audit(
        session,
        actor,
        "measure.in_effect",
        measure,
        {"status": MeasureStatus.PENDING_APPROVAL},
        now,
        extra=extra,
    )
    platform_outbox.on_measure(session, measure, "measure.in_effect", now)  # to enforce
    recompute_account_status(session, measure.account_id, actor=actor, now=now)


def check_spec(spec: MeasureSpec) -> tuple[dict, str, str]:
    """The validated parameters, basis and reason of a measure as chosen."""
    params = check_params(spec.code, spec.params)
    basis = check_basis(spec.basis)
    if len(basis) > MAX_BASIS_LENGTH:
        raise ValidationError(
            f"法律依据过长（最多 {MAX_BASIS_LENGTH} 字符）",
            f"the legal basis is longer than {MAX_BASIS_LENGTH} characters",
        )
    reason = (spec.reason or "").strip()
    if not reason:
        raise ValidationError(
            f"请填写采取「{label(spec.code)}」的理由", f"give a reason for {label(spec.code)}"
        )
    return params, basis, reason


def create_measure(
    session: Session,
    actor: Actor,
    *,
    account_id: int,
    case_id: int | None,
    spec: MeasureSpec,
    now: datetime | None = None,
    supersedes_id: int | None = None,
    ordered: bool = False,
) -> Measure:
    """Decide one measure on an account: severe ones wait for approval, others apply now.

    ``ordered``: the regulator ordered it (2022/21, :mod:`workbench.measures.regulator_orders`);
    a supervisor records it and it takes effect at once, the order standing for the approval.
    """
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)
    if ordered:
        require_role(actor, Role.SUPERVISOR)
    now = now_or(now)
    params, basis, reason = check_spec(spec)
    account = get_account(session, account_id)
    measure = Measure(
        case_id=case_id,
        account_id=account_id,
        code=spec.code,
        basis=basis,
        reason=reason,
        params=params,
        status=MeasureStatus.PENDING_APPROVAL,
        account_snapshot=account_snapshot(account, now),
        decided_by=actor.id,
        decided_at=now,
        supersedes_id=supersedes_id,
    )
    session.add(measure)
    session.flush()
    _audit(
        session,
        actor,
        "measure.decide",
        measure,
        None,
        now,
        reason=reason,
        extra={"basis": basis, "params": params} | ({"regulator_order": True} if ordered else {}),
    )
    if ordered or not needs_approval(spec.code):
        _take_effect(session, actor, measure, now)
    return measure


def apply_measure(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    measures: list[MeasureSpec],
    reason: str = "",
    now: datetime | None = None,
    ordered: bool = False,
) -> list[Measure]:
    """Dispose of a case in screening with one or more measures (screening -> disposed).

    The case needs recorded findings; a measure without its own basis takes
    the findings' bases.  ``ordered``: the regulator ordered them (see :func:`create_measure`).
    """
    now = now_or(now)
    case = load_for_action(session, actor, case_id, expected_version, now)
    if not measures:
        raise ValidationError("请至少选择一项处置措施", "choose at least one measure")
    findings = session.exec(select(Finding).where(Finding.case_id == case.id)).all()
    if case.status == CaseStatus.SCREENING and not findings:
        raise InvalidTransition(
            f"案件 {case.id} 尚未记录违规认定，不能处置",
            f"case {case.id} has no findings recorded; record them before disposing",
        )
    default_basis = ", ".join(dict.fromkeys(f.basis for f in findings))
    specs = [MeasureSpec(m.code, m.basis or default_basis, m.reason, m.params) for m in measures]
    for spec in specs:  # refuse before changing anything
        check_spec(spec)
    get_account(session, case.target_account_id)
    before = move(session, case, CaseStatus.DISPOSED, now)
    credibility.record_outcome(session, case, upheld=True, now=now)
    taken = [
        create_measure(
            session,
            actor,
            account_id=case.target_account_id,
            case_id=case.id,
            spec=spec,
            now=now,
            ordered=ordered,
        )
        for spec in specs
    ]
    save(
        session,
        actor,
        case,
        "case.dispose",
        before,
        now,
        reason=reason or None,
        extra={"measures": [{"id": m.id, "code": m.code, "status": m.status} for m in taken]},
    )
    return taken


def dispose_case(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    measures: list[MeasureSpec],
    reason: str = "",
    now: datetime | None = None,
) -> Case:
    """Dispose (处置) with measures: screening → disposed, as the lifecycle's other steps
    (:mod:`workbench.cases.transitions`) return the case; see :func:`apply_measure`."""
    apply_measure(
        session,
        actor,
        case_id,
        expected_version=expected_version,
        measures=measures,
        reason=reason,
        now=now,
    )
    return get_case(session, case_id)


def approve_measure(
    session: Session,
    supervisor: Actor,
    measure_id: int,
    *,
    approve: bool,
    reason: str,
    now: datetime | None = None,
) -> Measure:
    """A supervisor other than the decider approves (it takes effect) or rejects a severe measure."""
    require_role(supervisor, Role.SUPERVISOR)
    now = now_or(now)
    measure = get_measure(session, measure_id)
    get_account(session, measure.account_id)
    if measure.status != MeasureStatus.PENDING_APPROVAL:
        raise InvalidTransition(
            f"措施 {measure.id} 不在待审批状态（当前：{measure.status}）",
            f"measure {measure.id} is not waiting for approval (it is {measure.status})",
        )
    if measure.decided_by == supervisor.id:
        raise PermissionDenied(
            f"措施 {measure.id} 由您决定，须由另一位主管审批",
            f"you decided measure {measure.id}; another supervisor must approve it",
        )
    if not (reason or "").strip():
        raise ValidationError("请填写审批意见", "give a reason for the approval decision")
    before = _state(measure)
    measure.approved_by = supervisor.id
    measure.approved_at = now
    if approve:
        session.add(measure)
        session.flush()
        _audit(session, supervisor, "measure.approve", measure, before, now, reason=reason)
        _take_effect(session, supervisor, measure, now)
    else:
        measure.status = MeasureStatus.REJECTED
        session.add(measure)
        session.flush()
        _audit(session, supervisor, "measure.reject", measure, before, now, reason=reason)
    return measure


def revoke_measure(
    session: Session,
    actor: Actor,
    measure_id: int,
    *,
    reason: str,
    appeal_id: int | None = None,
    now: datetime | None = None,
    outcome: str = MeasureStatus.REVOKED,
) -> Measure:
    """Undo a measure on the account (status recomputed, credit given back).

    ``outcome`` is ``revoked`` or, when an appeal replaces the measure with
    another, ``revised``.  Supervisors and appeal reviewers may do this.
    """
    require_role(actor, Role.SUPERVISOR, Role.APPEAL_REVIEWER)
    now = now_or(now)
    if outcome not in (MeasureStatus.REVOKED, MeasureStatus.REVISED):
        raise ValidationError(
            f"撤销结果无效：{outcome}", f"outcome must be revoked or revised, not {outcome!r}"
        )
    if not (reason or "").strip():
        raise ValidationError("请填写撤销理由", "give a reason for undoing the measure")
    measure = get_measure(session, measure_id)
    if measure.status not in (MeasureStatus.IN_EFFECT, MeasureStatus.EXPIRED):
        raise InvalidTransition(
            f"措施 {measure.id} 当前为 {measure.status}，不能撤销",
            f"measure {measure.id} is {measure.status}; only a measure in effect or expired can be undone",
        )
    before = _state(measure)
    account = get_account(session, measure.account_id)
    credit_before = account.credit_score
    restore_credit(account, measure.credit_delta)
    measure.status = outcome
    measure.revoked_at = now
    measure.revoked_by = actor.id
    session.add_all([measure, account])
    session.flush()
    cancelled = corrections.cancel_for_measure(session, actor, measure, now)
    _audit(
        session,
        actor,
        f"measure.{outcome}",
        measure,
        before,
        now,
        reason=reason,
        extra={
            "appeal_id": appeal_id,
            "credit_score": [credit_before, account.credit_score],
            "correction_orders_cancelled": cancelled,
        },
    )
    platform_outbox.on_measure(session, measure, f"measure.{outcome}", now)  # to lift
    recompute_account_status(session, measure.account_id, actor=actor, now=now)
    return measure
