"""Notices to the account holder, previewed and sent through the outbox (issue 15, item 4).

A notice is about one thing: a ``measure`` (its basis and the right to appeal, 2021/20),
a ``correction_order`` (what to correct and by when, 2022/15), an ``appeal`` decision
(the answer to the appellant, 2021/20) or a ``change_request`` outcome (made, or 不予变更
with its reason and article, 2022/10).  Each is filled from its template
(``workbench/resources/templates``), checked never to carry a reporter's identity, and
previewed before it is queued: the preview leaves the server with the address masked and
without the filling values (2022/16).  :func:`case_notices` lists what a case has to tell.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.measures import appeals
from workbench.measures.appeals import appeal_reply_draft
from workbench.operations.core import Ctx, operation, saved
from workbench.operations.roles import CASE_READERS
from workbench.replies import notices
from workbench.replies.notices import NoticeKind, NoticeTarget
from workbench.replies.reply_drafts import REPLY_ROLES, Draft

__all__ = ["Draft", "NoticeKind", "NoticeTarget", "case_notices", "preview_holder_notice",
           "send_holder_notice"]  # fmt: skip


def _draft(ctx: Ctx, kind: str, entity_id: int, language: str, body: str | None) -> Draft:
    s = ctx.session
    if kind == "measure":
        return notices.account_holder_draft(s, entity_id, language=language, body_override=body)
    if kind == "correction_order":
        return notices.correction_order_draft(s, entity_id, language=language, body_override=body)
    if kind == "change_request":
        return notices.change_request_draft(s, entity_id, language=language, body_override=body)
    appeals.get_appeal(s, entity_id)
    return appeal_reply_draft(s, entity_id, language=language, body_override=body)


@operation(write=False, roles=CASE_READERS)
def preview_holder_notice(
    ctx: Ctx,
    *,
    kind: NoticeKind,
    entity_id: int,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> Draft:
    """The notice as it would be sent (address masked, no filling values)."""
    draft = _draft(ctx, kind, entity_id, language, body_override)
    return replace(draft, recipient_address=draft.masked_address, context={})


@operation(write=True, roles=REPLY_ROLES)
def send_holder_notice(
    ctx: Ctx,
    *,
    kind: NoticeKind,
    entity_id: int,
    language: str = "zh_CN",
    body_override: str | None = None,
) -> int:
    """Queue the notice in the outbox; the reply's id.  An appeal decision is answered by
    an appeal reviewer and marks the appeal replied."""
    if kind == "appeal":
        appeal = appeals.get_appeal(ctx.session, entity_id)
        reply = appeals.reply_appeal(
            ctx.session, ctx.signed_in, entity_id, expected_version=appeal.version,
            language=language, body_override=body_override, now=ctx.now,
        )  # fmt: skip
        return saved(reply.id)
    draft = _draft(ctx, kind, entity_id, language, body_override)
    return saved(notices.queue_holder_notice(ctx.session, ctx.signed_in, draft, ctx.now).id)


@operation(write=False, roles=CASE_READERS)
def case_notices(ctx: Ctx, *, case_id: int) -> list[NoticeTarget]:
    """What the case has to tell the account holder: its measures that took effect, its
    open correction orders, the decided appeals against its measures and the decided
    change requests answering its orders, with the notices queued about each so far."""
    return notices.case_notice_targets(ctx.session, case_id)
