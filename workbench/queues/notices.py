"""Notices to the account holder (2021/20): every measure, its basis, and the right
to appeal within the window.

The notice's context comes from the account and the measure only, and the
finished text is checked against every reporter of the account (name, id,
contact): a notice that would reveal one is refused, whoever typed it.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from workbench.models import Account, Measure, Reply, Report, Reporter
from workbench.models.codes import DeliveryStatus, MeasureStatus, RecipientKind
from workbench.queues.auth import Actor, require_role
from workbench.queues.casework import now_or
from workbench.queues.errors import InvalidTransition, NotFound, ValidationError
from workbench.queues.reply_context import account_holder_context, account_holder_template
from workbench.queues.reply_drafts import REPLY_ROLES, Draft, build_draft, enqueue
from workbench.queues.templates import TemplateLibrary

MIN_ASCII_IDENTITY_CHARS = 4  # shorter ids ("r1", "5") would match ordinary text


def _is_identity(value: str) -> bool:
    """Long enough to name someone: two characters of Chinese, four of ASCII."""
    return len(value) >= (MIN_ASCII_IDENTITY_CHARS if value.isascii() else 2)


def _identities(session: Session, account_id: int) -> set[str]:
    rows = session.exec(
        select(Reporter.external_id, Reporter.name, Reporter.contact)
        .join(Report, Report.reporter_id == Reporter.id)
        .where(Report.target_account_id == account_id)
    ).all()
    return {v.strip() for row in rows for v in row if v and _is_identity(v.strip())}


def check_no_reporter_identity(session: Session, account_id: int, draft: Draft) -> None:
    """Refuse a notice to the account holder that names any reporter of the account.

    A value that is also the account's own information, or part of the shipped
    template's fixed wording, reveals nobody and is not held against the notice.
    """
    text = f"{draft.subject}\n{draft.body}\n{draft.recipient_address or ''}"
    account = session.get(Account, account_id)
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
    account = session.get(Account, measure.account_id)
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
    check_no_reporter_identity(session, account.id, draft)
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
        Reply.measure_id.is_not(None),
        Reply.status != DeliveryStatus.FAILED,
    )
    return list(
        session.exec(
            select(Measure)
            .where(
                Measure.status == MeasureStatus.IN_EFFECT,
                Measure.id.not_in(noticed),
            )
            .order_by(Measure.effective_from, Measure.id)
            .limit(limit)
        ).all()
    )
