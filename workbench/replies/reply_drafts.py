"""Reply drafts and the outbox entry: filling a template for one recipient, queueing it.

A draft is what the reviewer previews.  Its body is the template's, or the
reviewer's edited text (``body_override``), which is itself template text
rendered by the same sandboxed renderer with the same placeholders.
Queueing puts it in the outbox (:class:`~workbench.models.Reply`, status
``queued``, due now) with an audit event; :mod:`transports` delivers it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.errors import ValidationError
from workbench.models import Reply
from workbench.models.codes import DeliveryStatus, Role
from workbench.platform import platform_outbox
from workbench.records import audit
from workbench.replies.templates import LANGUAGES, TemplateLibrary, render_text
from workbench.rules.privacy import mask_contact
from workbench.text import one_line

REPLY_ROLES = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER)


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

    @property
    def masked_address(self) -> str | None:
        """The recipient's address as a screen may show it (2022/16)."""
        return mask_contact(self.recipient_address)


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
    platform_outbox.on_reply(session, reply, now)  # the platform's copy (webhook or pull)
    return reply
