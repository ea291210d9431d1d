"""Measures the regulator orders (2022/21): carried out, marked, reported.

2022/21 obliges the platform to co-operate with the cyberspace administration's
inspections and to take the measures it requires (应当按照要求采取措施).  A
supervisor records such a measure with the order's reference (文号), issuing body
and date.  What the order changes, and no more:

* the measure takes effect when it is recorded, also ``close``, ``blacklist`` and
  ``ban_reregistration``: the order, not a second supervisor, is the authority for
  it, so it does not wait in 待审批;
* everything else stays: only a supervisor records an order (a moderator cannot use
  one to skip approval), the measure needs its basis and reason, the case needs its
  findings, the account holder is told and may appeal (2021/20), the credit and
  status follow as for any measure, and the order is kept beside the measure
  (:class:`RegulatorOrder`), in the audit log and in the regulator's report.

An order dated in the future, or without its reference or body, is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.cases.casework import get_case
from workbench.errors import InvalidTransition, ValidationError
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.measures.measures import apply_measure, create_measure
from workbench.models import Measure
from workbench.models.base import saved
from workbench.models.codes import CaseStatus, Role
from workbench.models.regulation import RegulatorOrder
from workbench.records import audit
from workbench.records.entry_text import reviewer_text
from workbench.timelimits.appeal_window import local_date

BASIS = "2022/21"


@dataclass(frozen=True)
class OrderDetails:
    """The order as the supervisor enters it."""

    reference: str  # 文号
    issuing_body: str  # 发文机关
    issued_on: date


def check_order(order: OrderDetails, now: datetime) -> OrderDetails:
    reference = reviewer_text(order.reference, 80, ("监管要求的文号", "order's reference"))
    body = reviewer_text(order.issuing_body, 120, ("发文机关", "body that issued the order"))
    if order.issued_on > local_date(now):
        raise ValidationError(
            f"发文日期 {order.issued_on} 晚于今天",
            f"the order is dated {order.issued_on}, after today",
        )
    return OrderDetails(reference, body, order.issued_on)


def _with_basis(spec: MeasureSpec) -> MeasureSpec:
    basis = spec.basis.strip()
    if BASIS not in basis:
        basis = f"{basis}, {BASIS}" if basis else BASIS
    return MeasureSpec(spec.code, basis, spec.reason, spec.params)


def order_measures(
    session: Session,
    actor: Actor,
    *,
    order: OrderDetails,
    measures: list[MeasureSpec],
    case_id: int | None = None,
    expected_version: int | None = None,
    account_id: int | None = None,
    now: datetime,
) -> list[Measure]:
    """Carry out the measures an order requires, on a case in screening (which is disposed)
    or on an account directly; each takes effect at once and keeps the order."""
    require_role(actor, Role.SUPERVISOR)
    order = check_order(order, now)
    if not measures:
        raise ValidationError("请至少选择一项处置措施", "choose at least one measure")
    specs = [_with_basis(m) for m in measures]
    if case_id is not None:
        case = get_case(session, case_id, lock=False)
        if case.status != CaseStatus.SCREENING or expected_version is None:
            raise InvalidTransition(
                f"案件 {case_id} 须在甄别中并已记录违规认定，才能执行监管要求的处置",
                f"case {case_id} must be in screening with findings recorded to carry out "
                "the regulator's order",
            )
        taken = apply_measure(
            session,
            actor,
            case_id,
            expected_version=expected_version,
            measures=specs,
            reason=f"监管要求 / regulator's order {order.reference}",
            now=now,
            ordered=True,
        )
        account_id = case.target_account_id
    elif account_id is not None:
        taken = [
            create_measure(
                session, actor, account_id=account_id, case_id=None, spec=s, now=now, ordered=True
            )
            for s in specs
        ]
    else:
        raise ValidationError("请指定案件或账号", "name the case or the account")
    for measure in taken:
        row = RegulatorOrder(
            measure_id=saved(measure.id),
            case_id=measure.case_id,
            reference=order.reference,
            issuing_body=order.issuing_body,
            issued_on=order.issued_on,
            recorded_by=actor.id,
            recorded_at=now,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "measure.regulator_order",
            "regulator_order",
            row.id,
            case_id=measure.case_id,
            account_id=account_id,
            after={
                "measure_id": measure.id,
                "code": measure.code,
                "status": measure.status,
                "reference": order.reference,
                "issuing_body": order.issuing_body,
                "issued_on": order.issued_on.isoformat(),
            },
            at=now,
        )
    return taken


def orders_of(session: Session, measure_ids: list[int]) -> dict[int, RegulatorOrder]:
    """The order behind each of ``measure_ids`` that has one."""
    if not measure_ids:
        return {}
    rows = session.exec(
        select(RegulatorOrder).where(col(RegulatorOrder.measure_id).in_(measure_ids))
    )
    return {r.measure_id: r for r in rows.all()}


def describe(order: RegulatorOrder) -> str:
    """``网信办〔2026〕12号 · 某市网信办 · 2026-12-01`` for a report or a screen."""
    return f"{order.reference} · {order.issuing_body} · {order.issued_on.isoformat()}"
