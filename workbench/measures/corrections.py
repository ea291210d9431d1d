"""Correction orders (限期改正, 2022/15): a deadline for the account holder.

A ``correct_by_deadline`` measure opens an order.  The account holder answers
with a change request; one that passes screening (automatically, or by a
moderator when screening found something) changes the account information
and meets every open order of the account whose deadline it beat.  An order
whose deadline passes unmet is marked missed by :func:`escalate_missed`,
which opens one escalation case proposing termination of service (close).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import object_session
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.cases.casework import get_account, hold_intake, now_or
from workbench.cases.legal_basis import check_basis
from workbench.cases.links import sync_link_keys
from workbench.cases.public_figures import public_figure_hits
from workbench.cases.subjects import subject_return_hits
from workbench.errors import InvalidTransition, NotFound, ValidationError
from workbench.measures.account_effects import recompute_account_status
from workbench.models import (
    Account,
    AccountInfoRevision,
    Case,
    ChangeRequest,
    CorrectionOrder,
    Measure,
    Qualification,
)
from workbench.models.account import ACCOUNT_INFO_COLUMNS, info_length_problem
from workbench.models.base import saved
from workbench.models.codes import (
    ChangeRequestStatus,
    CorrectionStatus,
    MeasureStatus,
    Queue,
    ReportCategory,
    Role,
)
from workbench.platform import platform_outbox
from workbench.records import audit
from workbench.rules.privacy import mask_account_texts
from workbench.timelimits.calendar import load_snapshot
from workbench.timelimits.deadlines import add_working_days, day_start

if TYPE_CHECKING:
    from workbench.rules.engine import Screener
    from workbench.rules.hits import Hit

# Account information a change request may change (2022/23).
CHANGEABLE_FIELDS = ACCOUNT_INFO_COLUMNS
ESCALATION_NOTE = "逾期未改正，建议终止服务（关闭账号） / correction deadline missed: proposes termination of service (close)"

Screen = Callable[[Account, dict], Iterable]


def _order_state(order: CorrectionOrder) -> dict:
    return {
        "status": order.status,
        "deadline": order.deadline,
        "escalation_case_id": order.escalation_case_id,
    }


def _audit_order(session, actor, action, order, before, now, *, reason=None, extra=None):
    audit.record(
        session,
        actor,
        action,
        "correction_order",
        order.id,
        case_id=order.case_id,
        account_id=order.account_id,
        before=before,
        after=_order_state(order) | (extra or {}),
        reason=reason,
        at=now,
    )


def open_correction_order(
    session: Session,
    actor: Actor | None,
    *,
    account_id: int,
    deadline: datetime,
    required: str,
    case_id: int | None = None,
    measure_id: int | None = None,
    now: datetime | None = None,
) -> CorrectionOrder:
    """Give the account holder until ``deadline`` to correct ``required``.

    ``actor`` is the reviewer ordering it: a moderator or supervisor, or the
    appeal reviewer whose revised measure sets the deadline; None is the system.
    """
    if actor is not None:
        require_role(actor, Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)
    now = now_or(now)
    if deadline <= now:
        raise ValidationError(
            "改正期限必须晚于现在", "the correction deadline must be in the future"
        )
    if not required.strip():
        raise ValidationError("请说明需要改正的内容", "say what must be corrected")
    order = CorrectionOrder(
        account_id=account_id,
        case_id=case_id,
        measure_id=measure_id,
        required=required.strip(),
        deadline=deadline,
        created_at=now,
    )
    session.add(order)
    session.flush()
    _audit_order(
        session, actor, "correction.open", order, None, now, extra={"required": order.required}
    )
    return order


def deadline_of(session: Session, params: dict, now: datetime) -> datetime:
    """The deadline a ``correct_by_deadline`` measure sets: N working days, or the end of a date (Beijing)."""
    if "deadline_days" in params:
        return add_working_days(now, int(params["deadline_days"]), load_snapshot(session)).at
    return day_start(date.fromisoformat(params["deadline"]) + timedelta(days=1))


def open_for_measure(
    session: Session, actor: Actor | None, measure: Measure, now: datetime
) -> CorrectionOrder:
    params = measure.params or {}
    return open_correction_order(
        session,
        actor,
        account_id=measure.account_id,
        deadline=deadline_of(session, params, now),
        required=params.get("required") or measure.reason,
        case_id=measure.case_id,
        measure_id=measure.id,
        now=now,
    )


def cancel_for_measure(
    session: Session, actor: Actor | None, measure: Measure, now: datetime
) -> list[int]:
    """Cancel the open orders of an undone measure; their ids."""
    orders = session.exec(
        select(CorrectionOrder).where(
            CorrectionOrder.measure_id == measure.id,
            CorrectionOrder.status == CorrectionStatus.OPEN,
        )
    ).all()
    for order in orders:
        before = _order_state(order)
        order.status = CorrectionStatus.CANCELLED
        order.closed_at = now
        session.add(order)
        session.flush()
        _audit_order(session, actor, "correction.cancel", order, before, now)
    return [saved(o.id) for o in orders]


def _open_orders(session: Session, account_id: int) -> list[CorrectionOrder]:
    return list(
        session.exec(
            select(CorrectionOrder)
            .where(
                CorrectionOrder.account_id == account_id,
                CorrectionOrder.status == CorrectionStatus.OPEN,
            )
            .order_by(col(CorrectionOrder.deadline), col(CorrectionOrder.id))
        ).all()
    )


def screen_with(screener: Screener) -> Screen:
    """A ``screen`` callable running the rule engine's ``Screener`` on the account
    information as it would read after the change."""
    from workbench.rules.engine import AccountInput

    def screen(account: Account, proposed: dict) -> list[Hit]:
        session = object_session(account)
        assert session is not None  # the account was read in the caller's session
        qualifications = session.scalars(
            select(Qualification.field).where(Qualification.account_id == account.id)
        ).all()
        candidate = AccountInput.of_account(account, qualifications, **proposed)
        return screener.screen(candidate).hits

    return screen


def _hit_json(hit) -> dict:
    return hit.to_json() if hasattr(hit, "to_json") else dict(hit)


def _pass(session: Session, actor: Actor | None, request: ChangeRequest, now: datetime) -> None:
    """Apply a passed change request and meet the orders it answers in time."""
    account = get_account(session, request.account_id)
    for field, value in request.proposed.items():
        old = getattr(account, field)
        if old == value:
            continue
        session.add(
            AccountInfoRevision(
                account_id=request.account_id,
                field=field,
                old_value=old,
                new_value=value,
                change_request_id=request.id,
                changed_at=now,
            )
        )
        setattr(account, field, value)
    account.updated_at = now
    session.add(account)
    request.status = ChangeRequestStatus.PASSED
    request.decided_at = now
    session.add(request)
    session.flush()
    sync_link_keys(session, [request.account_id])  # linked accounts (issue 16 item 6)
    met_measures = set()
    for order in _open_orders(session, request.account_id):
        if request.submitted_at > order.deadline:
            continue
        before = _order_state(order)
        order.status = CorrectionStatus.MET
        order.closed_at = now
        session.add(order)
        session.flush()
        _audit_order(
            session,
            actor,
            "correction.met",
            order,
            before,
            now,
            extra={"change_request_id": request.id},
        )
        if order.measure_id is not None:
            met_measures.add(order.measure_id)
    for measure_id in sorted(met_measures):
        measure = session.get_one(Measure, measure_id)
        if measure.status == MeasureStatus.IN_EFFECT and not _open_for(session, measure_id):
            # The order is met: the correction measure has done its work.
            assert measure.effective_from is not None  # set when it took effect
            measure.effective_until = max(now, measure.effective_from + timedelta(microseconds=1))
            session.add(measure)
    session.flush()
    recompute_account_status(
        session, request.account_id, actor=actor, now=now + timedelta(microseconds=1)
    )


def _open_for(session: Session, measure_id: int) -> bool:
    return (
        session.exec(
            select(CorrectionOrder.id).where(
                CorrectionOrder.measure_id == measure_id,
                CorrectionOrder.status == CorrectionStatus.OPEN,
            )
        ).first()
        is not None
    )


def _request_state(request: ChangeRequest) -> dict:
    """What the audit record keeps of a request: the proposed texts with any contact
    written into them masked (2022/16), as an import's record does."""
    texts = mask_account_texts({k: v for k, v in request.proposed.items() if isinstance(v, str)})
    return {
        "status": request.status,
        "proposed": {k: texts.get(k, v) for k, v in request.proposed.items()},
        "correction_order_id": request.correction_order_id,
        "hits": len((request.screening_outcome or {}).get("hits", [])),
    }


def submit_change_request(
    session: Session,
    actor: Actor | None,
    account_id: int,
    proposed: dict,
    screen: Screen | None = None,
    *,
    now: datetime | None = None,
    external_id: str | None = None,
    reason: str | None = None,
) -> ChangeRequest:
    """Record the account holder's change request and screen it.

    ``screen(account, proposed)`` returns the rule hits on the proposed
    information (Hit objects or dicts); :func:`screen_with` makes one from
    the rule engine's ``Screener``.  No hits: the request passes at once.
    Hits, or no screener: it waits for a moderator (:func:`decide_change_request`).
    ``actor`` None is the account holder's own channel; a reviewer entering the
    request must be a moderator or supervisor; the platform's API client relays the
    holder's request under the platform's ``external_id``; the holder's ``reason``
    goes into the audit record.
    """
    if actor is not None:
        require_role(actor, Role.MODERATOR, Role.SUPERVISOR, Role.PLATFORM)
    now = now_or(now)
    unknown = sorted(set(proposed) - set(CHANGEABLE_FIELDS))
    if not proposed or unknown:
        raise ValidationError(
            f"变更申请只能修改账号信息：{', '.join(CHANGEABLE_FIELDS)}",
            f"a change request may change only {', '.join(CHANGEABLE_FIELDS)}"
            + (f" (not {', '.join(unknown)})" if unknown else ""),
        )
    for field, value in proposed.items():
        problem = info_length_problem(field, value) if isinstance(value, str) else None
        if problem is not None:
            raise ValidationError(*problem)
    account = get_account(session, account_id)
    orders = _open_orders(session, account_id)
    request = ChangeRequest(
        account_id=account_id,
        external_id=external_id,
        proposed=audit.jsonable(dict(proposed)),
        correction_order_id=orders[0].id if orders else None,
        submitted_at=now,
    )
    if screen is not None:
        hits = [_hit_json(h) for h in screen(account, dict(request.proposed))]
        # A changed account whose subject was closed or blacklisted (2022/10, 2017/13).
        returns = subject_return_hits(session, [account_id], now=now).get(account_id, [])
        hits += [_hit_json(h) for h in returns]
        # A name imitating a listed one without authorisation (2021/8), as it would read.
        name = str(request.proposed.get("name", account.name) or "")
        figures = public_figure_hits(session, {account_id: name}, now=now).get(account_id, [])
        hits += [_hit_json(h) for h in figures]
        request.screening_outcome = audit.jsonable({"hits": hits})
    session.add(request)
    session.flush()
    audit.record(
        session,
        actor,
        "change_request.submit",
        "change_request",
        request.id,
        account_id=account_id,
        after=_request_state(request),
        reason=(reason or "").strip() or None,
        at=now,
    )
    if screen is not None and not (request.screening_outcome or {}).get("hits"):
        _pass(session, actor, request, now)
        audit.record(
            session,
            actor,
            "change_request.pass",
            "change_request",
            request.id,
            account_id=account_id,
            before={"status": ChangeRequestStatus.PENDING},
            after=_request_state(request),
            reason="自动甄别未发现问题 / screening found nothing",
            at=now,
        )
    return request


def decide_change_request(
    session: Session,
    actor: Actor,
    change_request_id: int,
    *,
    approve: bool,
    reason: str,
    basis: str | None = None,
    now: datetime | None = None,
) -> ChangeRequest:
    """A moderator passes or rejects (不予变更) a change request that screening could not pass.

    ``basis`` is the article the decision rests on (``2022/10``, ``2022/8(4)``), checked
    against the regulations and kept in the audit record beside the reason."""
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR)
    now = now_or(now)
    if basis is not None:
        basis = check_basis(basis)
    request = session.get(ChangeRequest, change_request_id)
    if request is None:
        raise NotFound(
            f"变更申请 {change_request_id} 不存在",
            f"change request {change_request_id} does not exist",
        )
    if request.status != ChangeRequestStatus.PENDING:
        raise InvalidTransition(
            f"变更申请 {request.id} 已处理（{request.status}）",
            f"change request {request.id} was already decided ({request.status})",
        )
    if not (reason or "").strip():
        raise ValidationError("请填写理由", "give a reason")
    request.decided_by = actor.id
    if approve:
        _pass(session, actor, request, now)
    else:
        request.status = ChangeRequestStatus.REJECTED
        request.decided_at = now
        session.add(request)
        session.flush()
    audit.record(
        session,
        actor,
        "change_request.pass" if approve else "change_request.reject",
        "change_request",
        request.id,
        account_id=request.account_id,
        before={"status": ChangeRequestStatus.PENDING},
        after=_request_state(request) | ({"basis": basis} if basis else {}),
        reason=reason,
        at=now,
    )
    platform_outbox.on_change_request(session, request, now)  # the platform tells the holder
    return request


def escalate_missed(session: Session, now: datetime, *, actor: Actor | None = None) -> list[Case]:
    """Mark every open order past its deadline missed and open one escalation case for each."""
    from workbench.cases.intake import open_case

    now = now_or(now)
    stmt = (
        select(CorrectionOrder)
        .where(CorrectionOrder.status == CorrectionStatus.OPEN, CorrectionOrder.deadline < now)
        .order_by(col(CorrectionOrder.id))
    )
    if session.get_bind().dialect.name == "postgresql":
        hold_intake(session)  # it opens cases, as intake does
        stmt = stmt.with_for_update(skip_locked=True)
    opened = []
    for order in session.exec(stmt).all():
        origin = session.get(Case, order.case_id) if order.case_id else None
        case = open_case(
            session,
            actor,
            queue=Queue.ESCALATIONS,
            target_account_id=order.account_id,
            category=origin.category if origin else ReportCategory.OTHER,
            now=now,
            parent_case_id=order.case_id,
            note=ESCALATION_NOTE,
            extra={"correction_order_id": order.id, "proposed_measure": "close"},
        )
        before = _order_state(order)
        order.status = CorrectionStatus.MISSED
        order.closed_at = now
        order.escalation_case_id = case.id
        session.add(order)
        session.flush()
        _audit_order(session, actor, "correction.missed", order, before, now)
        opened.append(case)
    return opened
