"""What each reply template may say: the contexts built for reporters, account
holders and appellants (the appeal window they state is
:mod:`workbench.timelimits.appeal_window`).

Each builder returns only plain values for the template's declared
placeholders.  The account holder's context is built from the account and
the measure alone, never from reports, so no reporter's identity can reach it.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from workbench.errors import InvalidTransition
from workbench.models import Account, Appeal, Case, CorrectionOrder, Measure, Report
from workbench.models.base import saved
from workbench.models.codes import (
    MEASURE_LABELS,
    REPORT_CATEGORY_LABELS,
    MeasureCode,
    MeasureStatus,
    ReportCategory,
)
from workbench.timelimits.appeal_window import appeal_deadline, appeal_window_days, local_date

# What a reply may tell of a case's measures: only those that took effect (2021/20,
# 2022/17).  A severe measure waiting for approval is not stated: while one waits the
# reporters are not answered at all (:func:`require_no_measure_awaiting_approval`), and a
# rejected one is never stated.
STATED_MEASURES = (MeasureStatus.IN_EFFECT, MeasureStatus.EXPIRED)


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language == "zh_CN" else pair[1]


def measure_label(code: str, language: str) -> str:
    return _pick(MEASURE_LABELS[MeasureCode(code)], language)


def measure_with_terms(measure: Measure, language: str) -> str:
    """The measure's label with its duration, ``暂停更新（30 天）`` / ``Suspend updates (30 days)``."""
    text = measure_label(measure.code, language)
    days = (measure.params or {}).get("days")
    if days:
        text += f"（{days} 天）" if language == "zh_CN" else f" ({days} days)"
    return text


def category_label(category: str, language: str) -> str:
    return _pick(REPORT_CATEGORY_LABELS[ReportCategory(category)], language)


def _moment(at: datetime | None, language: str) -> str | datetime:
    if at is None:
        return "无固定期限" if language == "zh_CN" else "no fixed end"
    return at


def case_reference(case_id: int) -> str:
    return f"C{case_id}"


def measure_reference(measure_id: int) -> str:
    return f"M{measure_id}"


def appeal_reference(appeal_id: int) -> str:
    return f"A{appeal_id}"


def measures_awaiting_approval(session: Session, case_id: int) -> list[str]:
    """The codes of the case's measures that still wait for a supervisor's approval."""
    return list(
        session.exec(
            select(Measure.code)
            .where(Measure.case_id == case_id, Measure.status == MeasureStatus.PENDING_APPROVAL)
            .order_by(col(Measure.id))
        ).all()
    )


def require_no_measure_awaiting_approval(session: Session, case_id: int) -> None:
    """Refuse to answer a case's reporters while a severe measure waits for approval.

    The reply states the measures taken; one that is not yet approved is not in effect
    and may still be rejected, so the reply waits until a supervisor has decided.
    """
    waiting = measures_awaiting_approval(session, case_id)
    if waiting:
        zh = "、".join(measure_label(c, "zh_CN") for c in dict.fromkeys(waiting))
        en = ", ".join(measure_label(c, "en") for c in dict.fromkeys(waiting))
        raise InvalidTransition(
            f"案件 #{case_id} 的处置措施（{zh}）尚待主管审批，尚未生效：答复只能说明已生效的措施，"
            "请在主管审批后再回复举报人",
            f"case #{case_id} has measures awaiting a supervisor's approval ({en}), not yet in "
            "effect: a reply may state only measures in effect, so answer the reporters once "
            "a supervisor has decided",
        )


def reporter_context(
    session: Session, case: Case, account: Account, report: Report, reporter, language: str
) -> dict[str, object]:
    """What a reply to one reporter of ``case`` may say."""
    taken = session.exec(
        select(Measure.code)
        .where(
            Measure.case_id == case.id,
            col(Measure.status).in_(STATED_MEASURES),
        )
        .order_by(col(Measure.id))
    ).all()
    joiner = "、" if language == "zh_CN" else ", "
    none = "依规处理" if language == "zh_CN" else "handling under the rules"
    return {
        "reporter_name": reporter.name.strip() or ("举报人" if language == "zh_CN" else "reporter"),
        "report_reference": report.external_id,
        "case_reference": case_reference(saved(case.id)),
        "account_name": account.name or account.platform_id,
        "category_label": category_label(report.category, language),
        "received_date": local_date(report.received_at),
        "measures_label": joiner.join(measure_label(c, language) for c in dict.fromkeys(taken))
        or none,
    }


def account_holder_template(measure: Measure) -> str:
    if measure.code == MeasureCode.CORRECT_BY_DEADLINE:
        return "correction_order_notice"
    return "measure_notice"


def account_holder_context(
    session: Session, measure: Measure, account: Account, language: str
) -> dict[str, object]:
    """What the notice of ``measure`` to the account holder may say: nothing from reports."""
    window = appeal_window_days(session)
    context: dict[str, object] = {
        "account_name": account.name or account.platform_id,
        "platform_id": account.platform_id,
        "measure_reference": measure_reference(saved(measure.id)),
        "measure_label": measure_label(measure.code, language),
        "measure_basis": measure.basis,
        "measure_reason": measure.reason,
        "effective_from": _moment(measure.effective_from, language),
        "effective_until": _moment(measure.effective_until, language),
        "appeal_window_days": window,
        "appeal_deadline": appeal_deadline(measure, window),
        "required": measure.reason,
        "deadline": _moment(None, language),
    }
    order = session.exec(
        select(CorrectionOrder)
        .where(CorrectionOrder.measure_id == measure.id)
        .order_by(col(CorrectionOrder.id).desc())
    ).first()
    if order is not None:
        context["required"] = order.required or measure.reason
        context["deadline"] = order.deadline
    return context


def appeal_context(
    session: Session, appeal: Appeal, language: str, *, decision_due: datetime | None = None
) -> dict[str, object]:
    """What a reply to the appellant may say about the appeal and its decision."""
    measure = session.get_one(Measure, appeal.measure_id)
    pending = "待定" if language == "zh_CN" else "to be decided"
    context: dict[str, object] = {
        "appellant_name": appeal.appellant_name.strip()
        or ("申诉人" if language == "zh_CN" else "appellant"),
        "appeal_reference": appeal_reference(saved(appeal.id)),
        "measure_reference": measure_reference(saved(measure.id)),
        "measure_label": measure_with_terms(measure, language),
        "received_date": local_date(appeal.received_at),
        "decision_due": decision_due or appeal.due_at or pending,
        "decision_reason": appeal.decision_reason or pending,
        "decided_date": local_date(appeal.decided_at) if appeal.decided_at else pending,
        "revised_measure_label": pending,
        "revised_measure_basis": pending,
    }
    if appeal.revised_measure_id is not None:
        revised = session.get_one(Measure, appeal.revised_measure_id)
        context["revised_measure_label"] = measure_with_terms(revised, language)
        context["revised_measure_basis"] = revised.basis
    return context
