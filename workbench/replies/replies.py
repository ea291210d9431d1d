"""Replies (反馈): answering reporters and telling account holders of measures.  Answering
appellants is :func:`workbench.measures.appeals.reply_appeal`, which drafts with the same
templates and outbox.

A reply is built from a template (``workbench/resources/templates``) filled from a
context the workbench assembles from the case, measure or appeal.  The
reviewer previews the filled-in text (:func:`preview_reply`) and may edit it:
an edited body (``body_override``) is template text rendered with the same
sandboxed renderer and the same placeholders, so one edit serves every
reporter of a case with each one's own name.  The result enters the outbox
(:class:`~workbench.models.Reply`, status ``queued``); :mod:`transports`
delivers it.

Notices to the account holder live in :mod:`notices` (re-exported here);
answers to appellants in :mod:`appeals`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.cases.casework import get_case, now_or, require_case_worker
from workbench.cases.referrals import report_back_template
from workbench.cases.transitions import mark_replied
from workbench.errors import InvalidTransition, NotFound, ValidationError
from workbench.models import Account, Case, Measure, Reply, Report, Reporter
from workbench.models.base import saved
from workbench.models.codes import CaseStatus, RecipientKind
from workbench.replies.notices import (
    account_holder_draft,
    check_no_reporter_identity,
    notify_account_holder,
)
from workbench.replies.reply_context import (
    STATED_MEASURES,
    reporter_context,
    require_no_measure_awaiting_approval,
)
from workbench.replies.reply_drafts import REPLY_ROLES, Draft, build_draft, enqueue
from workbench.replies.templates import render_template
from workbench.text import one_line

__all__ = [
    "Draft",
    "build_draft",
    "notify_account_holder",
    "preview_reply",
    "queue_reply",
    "render_template",
    "reply_to_reporters",
    "reporter_drafts",
]


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
    _check_states_only_measures_in_effect(session, recipient_kind, case_id, measure_id)
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


def _check_states_only_measures_in_effect(
    session: Session, recipient_kind: str, case_id: int | None, measure_id: int | None
) -> None:
    """A reporter's reply or the account holder's notice may speak only of measures in
    effect, not of one waiting for approval (an appellant's answer may concern a revoked one)."""
    if recipient_kind == RecipientKind.ACCOUNT_HOLDER and measure_id is not None:
        measure = session.get(Measure, measure_id)
        if measure is None:
            raise NotFound(f"措施 {measure_id} 不存在", f"measure {measure_id} does not exist")
        if measure.status not in STATED_MEASURES:
            raise InvalidTransition(
                f"措施 {measure.id} 尚未生效（{measure.status}），回复只能说明已生效的措施",
                f"measure {measure.id} is {measure.status}, not in effect; a reply may state "
                "only measures in effect",
            )
    if recipient_kind == RecipientKind.REPORTER and case_id is not None:
        require_no_measure_awaiting_approval(session, case_id)


def _account_of_subject(session: Session, case_id: int | None, measure_id: int | None):
    if measure_id is not None:
        measure = session.get(Measure, measure_id)
        return measure.account_id if measure else None
    case = session.get(Case, case_id) if case_id is not None else None
    return case.target_account_id if case else None


# -- reporters ---------------------------------------------------------------------------


def default_reporter_template(session: Session, case: Case) -> str:
    """The template the case's state calls for (a decided referral: the report back to the
    regulator, :mod:`workbench.cases.referrals`)."""
    status = CaseStatus(case.status)
    report_back = report_back_template(case.queue, status)
    if report_back is not None:
        return report_back
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
        .join(Reporter, col(Reporter.id) == col(Report.reporter_id))
        .where(Report.case_id == case_id)
        .order_by(col(Report.received_at), col(Report.id))
    ).all()
    seen: set[int] = set()
    firsts = []
    for report, reporter in rows:
        if reporter.id not in seen:
            seen.add(saved(reporter.id))
            firsts.append((report, reporter))
    return firsts


def _already_replied(session: Session, case_id: int, template: str) -> set[int]:
    """Reporters of the case who already have a reply from ``template``."""
    rows = session.exec(
        select(Report.reporter_id)
        .join(Reply, col(Reply.report_id) == col(Report.id))
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
    """One draft per reporter of the case (repeat reporters once).

    Refused while a severe measure of the case waits for a supervisor's approval: a
    reply states only measures in effect.
    """
    case = get_case(session, case_id, lock=False)
    require_no_measure_awaiting_approval(session, case_id)
    template = template or default_reporter_template(session, case)
    account = session.get_one(Account, case.target_account_id)
    done = _already_replied(session, case_id, template) if skip_answered else set()
    drafts = []
    for report, reporter in _first_reports(session, case_id):
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


# -- preview ----------------------------------------------------------------------------


def preview_reply(
    session: Session,
    *,
    case_id: int | None = None,
    measure_id: int | None = None,
    template: str | None = None,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> list[Draft]:
    """What would be queued, without queueing it: reporters of a case or the holder's notice
    of a measure (exactly one of the ids; an appeal's answer is
    :func:`workbench.measures.appeals.appeal_reply_draft`)."""
    given = [x for x in (case_id, measure_id) if x is not None]
    if len(given) != 1:
        raise ValidationError("请指定一个案件或处置", "name exactly one case or measure to preview")
    if case_id is not None:
        return reporter_drafts(
            session, case_id, template=template, language=language, body_override=body_override
        )
    assert measure_id is not None
    return [
        account_holder_draft(
            session, measure_id, template=template, language=language, body_override=body_override
        )
    ]
