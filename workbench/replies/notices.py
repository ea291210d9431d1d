"""Notices to the account holder (2021/20): every measure, its basis, and the right
to appeal within the window; a correction order with what to correct and by when
(2022/15); the outcome of a change request, 不予变更 with its reason and article (2022/10).

The notice's context comes from the account and the measure only, and the
finished text is checked against every reporter of the account (name, id,
contact): a notice that would reveal one is refused, whoever typed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.cases.casework import now_or
from workbench.errors import InvalidTransition, NotFound, ValidationError
from workbench.models import (
    Account,
    Appeal,
    AuditEvent,
    Case,
    ChangeRequest,
    CorrectionOrder,
    Measure,
    Reply,
    Report,
    Reporter,
)
from workbench.models.account import ACCOUNT_INFO_LABELS
from workbench.models.base import saved
from workbench.models.codes import (
    AppealStatus,
    ChangeRequestStatus,
    CorrectionStatus,
    DeliveryStatus,
    MeasureStatus,
    RecipientKind,
)
from workbench.replies.reply_context import account_holder_context, account_holder_template
from workbench.replies.reply_drafts import REPLY_ROLES, Draft, build_draft, enqueue
from workbench.replies.templates import TemplateLibrary
from workbench.timelimits.appeal_window import appeal_window_days, local_date

DECIDED_APPEALS = [
    s.value for s in (AppealStatus.UPHELD, AppealStatus.REVISED, AppealStatus.REVOKED)
]
MIN_ASCII_IDENTITY_CHARS = 4  # shorter ids ("r1", "5") would match ordinary text


def _is_identity(value: str) -> bool:
    """Long enough to name someone: two characters of Chinese, four of ASCII."""
    return len(value) >= (MIN_ASCII_IDENTITY_CHARS if value.isascii() else 2)


def _identities(session: Session, account_id: int) -> set[str]:
    rows = session.exec(
        select(Reporter.external_id, Reporter.name, Reporter.contact)
        .join(Report, col(Report.reporter_id) == col(Reporter.id))
        .where(Report.target_account_id == account_id)
    ).all()
    return {v.strip() for row in rows for v in row if v and _is_identity(v.strip())}


def check_no_reporter_identity(session: Session, account_id: int, draft: Draft) -> None:
    """Refuse a notice to the account holder that names any reporter of the account.

    A value that is also the account's own information, or part of the shipped
    template's fixed wording, reveals nobody and is not held against the notice.
    """
    text = f"{draft.subject}\n{draft.body}\n{draft.recipient_address or ''}"
    account = session.get_one(Account, account_id)
    tpl = TemplateLibrary().get(draft.template, draft.language)
    harmless = " ".join(
        v or "" for v in (account.name, account.platform_id, account.contact, tpl.subject, tpl.body)
    )
    for identity in _identities(session, account_id):
        if identity in text and identity not in harmless:
            raise ValidationError(
                "发给账号运营者的通知不得包含举报人的身份信息（姓名、编号或联系方式），"
                "请删除后再发送",
                "a notice to the account holder must not contain a reporter's identity "
                "(name, id or contact); remove it and try again",
            )


def account_holder_draft(
    session: Session,
    measure_id: int,
    *,
    template: str | None = None,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> Draft:
    """The notice of a measure to the account holder, checked for reporter identity."""
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFound(f"措施 {measure_id} 不存在", f"measure {measure_id} does not exist")
    if measure.status not in (MeasureStatus.IN_EFFECT, MeasureStatus.EXPIRED):
        raise InvalidTransition(
            f"措施 {measure.id} 尚未生效（{measure.status}），暂不能通知账号运营者",
            f"measure {measure.id} is {measure.status}, not in effect; "
            "the account holder is told once it takes effect",
        )
    account = session.get_one(Account, measure.account_id)
    draft = build_draft(
        recipient_kind=RecipientKind.ACCOUNT_HOLDER,
        recipient_address=account.contact,
        template=template or account_holder_template(measure),
        language=language,
        context=account_holder_context(session, measure, account, language),
        body_override=body_override,
        case_id=measure.case_id,
        measure_id=measure.id,
    )
    check_no_reporter_identity(session, saved(account.id), draft)
    return draft


def notify_account_holder(
    session: Session,
    actor: Actor,
    measure_id: int,
    *,
    template: str | None = None,
    language: str = "zh_CN",
    body_override: str | None = None,
    now: datetime | None = None,
) -> Reply:
    """Queue the notice of a measure, its basis and the right to appeal (2021/20)."""
    require_role(actor, *REPLY_ROLES)
    draft = account_holder_draft(
        session, measure_id, template=template, language=language, body_override=body_override
    )
    return enqueue(session, actor, draft, now_or(now))


def measures_awaiting_notice(session: Session, *, limit: int = 200) -> list[Measure]:
    """Measures in effect whose account holder has not been sent a notice yet, oldest first."""
    noticed = select(Reply.measure_id).where(
        Reply.recipient_kind == RecipientKind.ACCOUNT_HOLDER,
        col(Reply.measure_id).is_not(None),
        Reply.status != DeliveryStatus.FAILED,
    )
    return list(
        session.exec(
            select(Measure)
            .where(
                Measure.status == MeasureStatus.IN_EFFECT,
                col(Measure.id).not_in(noticed),
            )
            .order_by(col(Measure.effective_from), col(Measure.id))
            .limit(limit)
        ).all()
    )


# -- correction orders and change-request outcomes (2022/15, 2022/10) ----------------

FIELD_LABELS_EN = {"name": "name", "bio": "bio", "signature": "signature",
                   "certification": "certification", "avatar_path": "avatar",
                   "cover_path": "cover image"}  # fmt: skip


def _holder_draft(session: Session, account: Account, template: str, context: dict, *,
                  language: str, body_override: str | None, **ids) -> Draft:  # fmt: skip
    draft = build_draft(
        recipient_kind=RecipientKind.ACCOUNT_HOLDER,
        recipient_address=account.contact,
        template=template,
        language=language,
        context=context,
        body_override=body_override,
        **ids,
    )
    check_no_reporter_identity(session, saved(account.id), draft)
    return draft


def correction_order_draft(
    session: Session,
    order_id: int,
    *,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> Draft:
    """The notice of a correction order, with what to correct and by when (2022/15)."""
    order = session.get(CorrectionOrder, order_id)
    if order is None:
        raise NotFound(f"限期改正 {order_id} 不存在", f"correction order {order_id} does not exist")
    if order.status != CorrectionStatus.OPEN:
        raise InvalidTransition(
            f"限期改正 {order.id} 已结束（{order.status}），无需再通知",
            f"correction order {order.id} is {order.status}; there is nothing to tell",
        )
    if order.measure_id is not None:
        return account_holder_draft(
            session, order.measure_id, template="correction_order_notice",
            language=language, body_override=body_override,
        )  # fmt: skip
    account = session.get_one(Account, order.account_id)
    window = appeal_window_days(session)
    context = {
        "account_name": account.name or account.platform_id,
        "platform_id": account.platform_id,
        "measure_reference": f"R{order.id}",
        "measure_basis": "2022/15",
        "measure_reason": order.required,
        "required": order.required,
        "deadline": order.deadline,
        "appeal_window_days": window,
        "appeal_deadline": local_date(order.created_at) + timedelta(days=window),
    }
    return _holder_draft(
        session, account, "correction_order_notice", context, language=language,
        body_override=body_override, case_id=order.case_id,
    )  # fmt: skip


def change_request_draft(
    session: Session,
    change_request_id: int,
    *,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> Draft:
    """The outcome of a change request: made, or refused (不予变更) with the reason and
    the article the decision recorded (2022/10)."""
    request = session.get(ChangeRequest, change_request_id)
    if request is None:
        raise NotFound(
            f"变更申请 {change_request_id} 不存在",
            f"change request {change_request_id} does not exist",
        )
    if request.status == ChangeRequestStatus.PENDING:
        raise InvalidTransition(
            f"变更申请 {request.id} 尚未审核，暂不能通知结果",
            f"change request {request.id} is not decided yet; there is no outcome to tell",
        )
    account = session.get_one(Account, request.account_id)
    passed = request.status == ChangeRequestStatus.PASSED
    decision = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.entity == "change_request",
            AuditEvent.entity_id == request.id,
            col(AuditEvent.action).in_(["change_request.pass", "change_request.reject"]),
        )
        .order_by(col(AuditEvent.id).desc())
    ).first()
    zh = language == "zh_CN"
    fields = (ACCOUNT_INFO_LABELS.get(f, f) if zh else FIELD_LABELS_EN.get(f, f)
              for f in request.proposed)  # fmt: skip
    context: dict[str, object] = {
        "account_name": account.name or account.platform_id,
        "platform_id": account.platform_id,
        "request_reference": f"CR{request.id}",
        "fields_label": ("、" if zh else ", ").join(fields),
        "decided_date": local_date(request.decided_at or request.submitted_at),
    }
    if not passed:
        context["reason"] = (decision.reason if decision else None) or "—"
        context["basis"] = ((decision.after or {}).get("basis") if decision else None) or "2022/10"
    template = "change_request_passed" if passed else "change_request_rejected"
    return _holder_draft(
        session, account, template, context, language=language, body_override=body_override,
        case_id=_filed_under(session, request),
    )  # fmt: skip


def _filed_under(session: Session, request: ChangeRequest) -> int:
    """The case a change request's notice is kept with: the case of the correction order it
    answers, else the account's latest case; refused when the account has none (the
    platform hears the outcome through its API all the same)."""
    order = session.get(CorrectionOrder, request.correction_order_id or 0)
    if order is not None and order.case_id is not None:
        return order.case_id
    case_id = session.exec(
        select(col(Case.id))
        .where(col(Case.target_account_id) == request.account_id)
        .order_by(col(Case.id).desc())
    ).first()
    if case_id is None:
        raise InvalidTransition(
            f"变更申请 {request.id} 的账号没有案件，无法登记通知；平台已通过接口获知结果",
            f"change request {request.id}'s account has no case to keep the notice with; the "
            "platform hears the outcome through its API",
        )
    return case_id


def queue_holder_notice(
    session: Session, actor: Actor, draft: Draft, now: datetime | None = None
) -> Reply:
    """Queue a notice ``draft`` to the account holder in the outbox."""
    require_role(actor, *REPLY_ROLES)
    return enqueue(session, actor, draft, now_or(now))


# -- what a case has to tell the holder ----------------------------------------------


NoticeKind = Literal["measure", "correction_order", "appeal", "change_request"]


@dataclass(frozen=True)
class NoticeTarget:
    """Something of a case the holder may be told of, and whether it was told already."""

    kind: NoticeKind
    id: int
    code: str  # the measure's code, the order's or request's or appeal's status
    sent: int  # notices to the holder queued about it so far


def case_notice_targets(session: Session, case_id: int) -> list[NoticeTarget]:
    """What the case has to tell the account holder: its measures that took effect, its
    open correction orders, the decided appeals against its measures and the decided
    change requests answering its orders, each with the notices already queued."""
    s = session
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound(f"案件 {case_id} 不存在", f"case {case_id} does not exist")
    measures = s.exec(
        select(Measure)
        .where(
            Measure.case_id == case_id,
            col(Measure.status).in_([MeasureStatus.IN_EFFECT.value, MeasureStatus.EXPIRED.value]),
        )
        .order_by(col(Measure.id))
        .limit(50)
    ).all()
    orders = s.exec(
        select(CorrectionOrder)
        .where(CorrectionOrder.case_id == case_id, CorrectionOrder.status == CorrectionStatus.OPEN)
        .order_by(col(CorrectionOrder.id))
    ).all()
    all_orders = s.exec(select(CorrectionOrder.id).where(CorrectionOrder.case_id == case_id)).all()
    decided_appeals = s.exec(
        select(Appeal)
        .join(Measure, col(Measure.id) == col(Appeal.measure_id))
        .where(col(Measure.case_id) == case_id, col(Appeal.status).in_(DECIDED_APPEALS))
        .order_by(col(Appeal.id))
    ).all()
    requests = s.exec(
        select(ChangeRequest)
        .where(
            col(ChangeRequest.correction_order_id).in_(list(all_orders)),
            ChangeRequest.status != ChangeRequestStatus.PENDING,
        )
        .order_by(col(ChangeRequest.id))
    ).all()
    sent = _sent_counts(session, [saved(m.id) for m in measures])
    return (
        [NoticeTarget("measure", saved(m.id), m.code, sent.get(m.id, 0)) for m in measures]
        + [NoticeTarget("correction_order", saved(o.id), o.status, sent.get(o.measure_id, 0))
           for o in orders]
        + [NoticeTarget("appeal", saved(a.id), a.status, 0) for a in decided_appeals]
        + [NoticeTarget("change_request", saved(r.id), r.status, 0) for r in requests]
    )  # fmt: skip


def _sent_counts(session: Session, measure_ids: list[int]) -> dict[int | None, int]:
    rows = session.exec(
        select(Reply.measure_id).where(
            col(Reply.measure_id).in_(measure_ids),
            Reply.recipient_kind == RecipientKind.ACCOUNT_HOLDER,
        )
    ).all()
    counts: dict[int | None, int] = {}
    for measure_id in rows:
        counts[measure_id] = counts.get(measure_id, 0) + 1
    return counts
