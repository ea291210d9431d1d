"""Replies (反馈): answering reporters, telling account holders of measures, answering appellants.

A reply is built from a template (``resources/templates``) filled from a
context the workbench assembles from the case, measure or appeal.  The
reviewer previews the filled-in text (:func:`preview_reply`) and may edit it:
an edited body (``body_override``) is template text rendered with the same
sandboxed renderer and the same placeholders, so one edit serves every
reporter of a case with each one's own name.  The result enters the outbox
(:class:`~workbench.models.Reply`, status ``queued``); :mod:`transports`
delivers it.

The account holder's context is built from the account and the measure
only, and the finished notice is checked against every reporter of the
account (name, id, contact): a notice that would reveal one is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from workbench.models import Account, Case, Measure, Reply, Report, Reporter
from workbench.models.codes import (
    CaseStatus,
    DeliveryStatus,
    MeasureStatus,
    RecipientKind,
    Role,
)
from workbench.queues import audit
from workbench.queues.auth import Actor, require_role
from workbench.queues.casework import get_case, now_or, require_case_worker
from workbench.queues.errors import InvalidTransition, NotFound, ValidationError
from workbench.queues.reply_context import (
    account_holder_context,
    account_holder_template,
    reporter_context,
)
from workbench.queues.templates import (
    LANGUAGES,
    TemplateLibrary,
    one_line,
    render_text,
)
from workbench.queues.transitions import mark_replied

REPLY_ROLES = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)
MIN_ASCII_IDENTITY_CHARS = 4  # shorter ids ("r1", "5") would match ordinary text


@dataclass(frozen=True)
class Draft:
    """One reply as it would be queued: the reviewer previews and may edit it."""

    recipient_kind: str
    recipient_address: str | None
    template: str
    language: str
    subject: str
    body: str
    case_id: int | None = None
    measure_id: int | None = None
    appeal_id: int | None = None
    report_id: int | None = None
    context: Mapping[str, object] = field(default_factory=dict)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError(
            f"不支持的语言：{one_line(str(language), 20)}",
            f"unsupported language {one_line(str(language), 20)!r}; use zh_CN or en",
        )


def build_draft(
    *,
    recipient_kind: str,
    recipient_address: str | None,
    template: str,
    language: str,
    context: Mapping[str, object],
    body_override: str | None = None,
    subject_override: str | None = None,
    library: TemplateLibrary | None = None,
    **subject_ids,
) -> Draft:
    """Fill ``template`` (or the reviewer's edited subject/body) from ``context``."""
    _check_language(language)
    library = library or TemplateLibrary()
    tpl = library.get(template, language)
    label = f"{template}/{language}"
    subject_text = tpl.subject if subject_override is None else subject_override
    body_text = tpl.body if body_override is None else body_override
    if not body_text.strip():
        raise ValidationError("回复正文不能为空", "the reply body cannot be empty")
    subject = one_line(render_text(subject_text, context, template=label, allowed=tpl.placeholders))
    body = render_text(body_text, context, template=label, allowed=tpl.placeholders)
    return Draft(
        recipient_kind=recipient_kind,
        recipient_address=recipient_address,
        template=template,
        language=language,
        subject=subject,
        body=body,
        context=dict(context),
        **subject_ids,
    )


def enqueue(session: Session, actor: Actor | None, draft: Draft, now: datetime) -> Reply:
    """Put ``draft`` in the outbox (queued, due now) and audit it."""
    reply = Reply(
        case_id=draft.case_id,
        appeal_id=draft.appeal_id,
        measure_id=draft.measure_id,
        report_id=draft.report_id,
        recipient_kind=draft.recipient_kind,
        recipient_address=one_line(draft.recipient_address or "", 200) or None,
        template=draft.template,
        language=draft.language,
        subject=draft.subject,
        body=draft.body,
        status=DeliveryStatus.QUEUED,
        attempts=0,
        next_attempt_at=now,
        created_by=actor.id if actor else None,
        created_at=now,
    )
    session.add(reply)
    session.flush()
    audit.record(
        session,
        actor,
        "reply.queue",
        "reply",
        reply.id,
        case_id=draft.case_id,
        after={
            "recipient_kind": reply.recipient_kind,
            "template": reply.template,
            "language": reply.language,
            "measure_id": reply.measure_id,
            "appeal_id": reply.appeal_id,
            "report_id": reply.report_id,
        },
        at=now,
    )
    return reply


def queue_reply(
    session: Session,
    actor: Actor,
    *,
    case_id: int | None = None,
    appeal_id: int | None = None,
    measure_id: int | None = None,
    report_id: int | None = None,
    recipient_kind: str,
    recipient_address: str | None = None,
    template: str,
    language: str = "zh_CN",
    context: Mapping[str, object],
    body_override: str | None = None,
    now: datetime | None = None,
) -> Reply:
    """Queue one reply built from ``template`` and an explicit ``context``."""
    require_role(actor, *REPLY_ROLES)
    if case_id is None and appeal_id is None and measure_id is None:
        raise ValidationError(
            "回复须关联案件、处置或申诉", "a reply must belong to a case, a measure or an appeal"
        )
    if recipient_kind not in {k.value for k in RecipientKind}:
        raise ValidationError(
            f"收件人类型无效：{one_line(str(recipient_kind), 20)}",
            "recipient_kind must be reporter, account_holder or appellant",
        )
    draft = build_draft(
        recipient_kind=recipient_kind,
        recipient_address=recipient_address,
        template=template,
        language=language,
        context=context,
        body_override=body_override,
        case_id=case_id,
        appeal_id=appeal_id,
        measure_id=measure_id,
        report_id=report_id,
    )
    if recipient_kind == RecipientKind.ACCOUNT_HOLDER:
        account_id = _account_of_subject(session, case_id, measure_id)
        if account_id is not None:
            check_no_reporter_identity(session, account_id, draft)
    return enqueue(session, actor, draft, now_or(now))


def _account_of_subject(session: Session, case_id: int | None, measure_id: int | None):
    if measure_id is not None:
        measure = session.get(Measure, measure_id)
        return measure.account_id if measure else None
    case = session.get(Case, case_id) if case_id is not None else None
    return case.target_account_id if case else None


# -- reporters ---------------------------------------------------------------------------


def default_reporter_template(session: Session, case: Case) -> str:
    """The template the case's state calls for."""
    status = CaseStatus(case.status)
    if status in (CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.SCREENING):
        return "report_accepted"
    if status == CaseStatus.DECLINED:
        return f"report_declined_{case.decline_reason}"
    if status == CaseStatus.NO_VIOLATION:
        return "no_violation"
    if status == CaseStatus.DISPOSED:
        return "measure_taken"
    raise ValidationError(
        f"案件 {case.id} 已反馈，请选择回复模板",
        f"case {case.id} has been replied to already; choose a template explicitly",
    )


def _first_reports(session: Session, case_id: int) -> list[tuple[Report, Reporter]]:
    """Each reporter's first report on the case: repeat reporters appear once."""
    rows = session.exec(
        select(Report, Reporter)
        .join(Reporter, Reporter.id == Report.reporter_id)
        .where(Report.case_id == case_id)
        .order_by(Report.received_at, Report.id)
    ).all()
    seen: set[int] = set()
    firsts = []
    for report, reporter in rows:
        if reporter.id not in seen:
            seen.add(reporter.id)
            firsts.append((report, reporter))
    return firsts


def _already_replied(session: Session, case_id: int, template: str) -> set[int]:
    """Reporters of the case who already have a reply from ``template``."""
    rows = session.exec(
        select(Report.reporter_id)
        .join(Reply, Reply.report_id == Report.id)
        .where(
            Reply.case_id == case_id,
            Reply.template == template,
            Reply.recipient_kind == RecipientKind.REPORTER,
        )
    ).all()
    return {r for r in rows if r is not None}


def reporter_drafts(
    session: Session,
    case_id: int,
    *,
    template: str | None = None,
    language: str = "zh_CN",
    body_override: str | None = None,
    skip_answered: bool = True,
) -> list[Draft]:
    """One draft per reporter of the case (repeat reporters once)."""
    case = get_case(session, case_id, lock=False)
    template = template or default_reporter_template(session, case)
    account = session.get(Account, case.target_account_id)
    done = _already_replied(session, case.id, template) if skip_answered else set()
    drafts = []
    for report, reporter in _first_reports(session, case.id):
        if reporter.id in done:
            continue
        context = reporter_context(session, case, account, report, reporter, language)
        drafts.append(
            build_draft(
                recipient_kind=RecipientKind.REPORTER,
                recipient_address=reporter.contact,
                template=template,
                language=language,
                context=context,
                body_override=body_override,
                case_id=case.id,
                report_id=report.id,
            )
        )
    return drafts


def reply_to_reporters(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    template: str | None = None,
    language: str = "zh_CN",
    body_override: str | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> list[Reply]:
    """Queue one reply to every reporter of the case who has not had this one yet.

    With ``expected_version`` a case that is disposed, without violation or
    declined is also marked replied (反馈) in the same transaction.
    """
    now = now_or(now)
    case = get_case(session, case_id)
    require_case_worker(actor, case, now)
    drafts = reporter_drafts(
        session, case_id, template=template, language=language, body_override=body_override
    )
    replies = [enqueue(session, actor, draft, now) for draft in drafts]
    if expected_version is not None:
        note = f"{len(replies)} reply(ies) queued"
        mark_replied(session, actor, case_id, expected_version=expected_version, note=note, now=now)
    return replies


# -- account holder -------------------------------------------------------------------


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


def preview_reply(
    session: Session,
    *,
    case_id: int | None = None,
    measure_id: int | None = None,
    appeal_id: int | None = None,
    template: str | None = None,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> list[Draft]:
    """What would be queued, without queueing it: reporters of a case, the holder's notice
    of a measure, or the answer to an appeal (exactly one of the ids)."""
    given = [x for x in (case_id, measure_id, appeal_id) if x is not None]
    if len(given) != 1:
        raise ValidationError(
            "请指定一个案件、处置或申诉", "name exactly one case, measure or appeal to preview"
        )
    if case_id is not None:
        return reporter_drafts(
            session, case_id, template=template, language=language, body_override=body_override
        )
    if measure_id is not None:
        return [
            account_holder_draft(
                session,
                measure_id,
                template=template,
                language=language,
                body_override=body_override,
            )
        ]
    from workbench.queues.appeals import appeal_reply_draft  # appeals builds on this module

    return [
        appeal_reply_draft(
            session, appeal_id, template=template, language=language, body_override=body_override
        )
    ]
