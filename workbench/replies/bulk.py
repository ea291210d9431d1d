"""Bulk replies: the replies to the reporters of many selected cases, all or nothing.

Each case is answered by :func:`workbench.replies.replies.reply_to_reporters`, as if
replied alone: from the template its state calls for (unless one is named), and
refused while a severe measure of the case awaits approval, since a reply states
only measures in effect (2021/20) -- the refusal names the case and nothing is sent.
The batch runs, or is previewed, through :func:`workbench.cases.bulk.bulk_apply`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.cases.bulk import BulkStep, bulk_apply, step
from workbench.cases.casework import get_case
from workbench.replies.replies import reply_to_reporters


def reply(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    template: str | None,
    language: str,
    now: datetime,
) -> BulkStep:
    """One case of a bulk reply: :func:`reply_to_reporters`, as if replied alone."""
    before = get_case(session, case_id, lock=False).status
    sent = reply_to_reporters(
        session,
        actor,
        case_id,
        template=template,
        language=language,
        expected_version=expected_version,
        now=now,
    )
    return step(session, case_id, expected_version, before, replies=len(sent))


def bulk_reply(
    session: Session,
    actor: Actor,
    items: Iterable[tuple[int, int]],
    *,
    template: str | None = None,
    language: str = "zh_CN",
    now: datetime | None = None,
    dry_run: bool = False,
) -> list[BulkStep]:
    """Reply to the reporters of many cases, all or nothing; refused, naming the case,
    while one of them has a severe measure awaiting approval."""
    return bulk_apply(
        session, actor, items, reply, now=now, dry_run=dry_run, template=template,
        language=language,
    )  # fmt: skip
