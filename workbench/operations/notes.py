"""Internal notes and case tags: what reviewers tell each other about a case or
an account, and the managed tags the queue filters by.

Notes are for reviewers only (see :mod:`workbench.cases.notes`); tags come
from a list supervisors and administrators keep (see :mod:`workbench.cases.tags`
for why).  Each change is one audited operation.
"""

from __future__ import annotations

from workbench.cases import notes, tags
from workbench.cases.notes import NoteView
from workbench.cases.tags import TagView
from workbench.operations.core import Ctx, operation, saved
from workbench.operations.roles import CASE_READERS, MODERATORS, SUPERVISION

__all__ = [
    "NoteView",
    "TagView",
    "add_note",
    "case_tags",
    "define_tag",
    "list_notes",
    "list_tags",
    "retire_tag",
    "tag_case",
    "untag_case",
]


@operation(write=True, roles=CASE_READERS)
def add_note(
    ctx: Ctx, *, body: str, case_id: int | None = None, account_id: int | None = None
) -> int:
    """Add an internal note to one case or one account; the new note's id."""
    note = notes.add_note(
        ctx.session, ctx.signed_in, body=body, case_id=case_id, account_id=account_id, now=ctx.now
    )
    return saved(note.id)


@operation(write=False, roles=CASE_READERS)
def list_notes(
    ctx: Ctx, *, case_id: int | None = None, account_id: int | None = None
) -> list[NoteView]:
    """The internal notes on a case or an account, the oldest first, personal data masked."""
    return notes.list_notes(ctx.session, ctx.signed_in, case_id=case_id, account_id=account_id)


@operation(write=True, roles=SUPERVISION)
def define_tag(ctx: Ctx, *, name: str) -> TagView:
    """Add a tag to the managed list (or bring a retired one back)."""
    tag = tags.define_tag(ctx.session, ctx.signed_in, name, now=ctx.now)
    return TagView(saved(tag.id), tag.name, False)


@operation(write=True, roles=SUPERVISION)
def retire_tag(ctx: Ctx, *, name: str) -> TagView:
    """Take a tag off the list; the cases it marks keep it."""
    tag = tags.retire_tag(ctx.session, ctx.signed_in, name, now=ctx.now)
    return TagView(saved(tag.id), tag.name, True)


@operation(write=False, roles=CASE_READERS)
def list_tags(ctx: Ctx, *, include_retired: bool = False) -> list[TagView]:
    """The managed tag list, by name."""
    return tags.list_tags(ctx.session, ctx.signed_in, include_retired=include_retired)


@operation(write=True, roles=MODERATORS)
def tag_case(ctx: Ctx, *, case_id: int, name: str) -> list[str]:
    """Put a tag from the list on a case; the case's tags afterwards."""
    tags.tag_case(ctx.session, ctx.signed_in, case_id, name, now=ctx.now)
    return tags.case_tags(ctx.session, ctx.signed_in, case_id)


@operation(write=True, roles=MODERATORS)
def untag_case(ctx: Ctx, *, case_id: int, name: str) -> list[str]:
    """Take a tag off a case; the case's tags afterwards."""
    tags.untag_case(ctx.session, ctx.signed_in, case_id, name, now=ctx.now)
    return tags.case_tags(ctx.session, ctx.signed_in, case_id)


@operation(write=False, roles=CASE_READERS)
def case_tags(ctx: Ctx, *, case_id: int) -> list[str]:
    """The tags on a case, by name."""
    return tags.case_tags(ctx.session, ctx.signed_in, case_id)
