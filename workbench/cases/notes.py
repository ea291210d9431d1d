"""Internal notes on a case or an account, for reviewers only.

A note says what a reviewer wants the next one to know ("the holder called,
asked for the written decision", "same operator as case 812").  It is never
part of a reply, a notice to the holder, a platform export or the report to the
regulator: nothing there reads :class:`~workbench.models.InternalNote`.  Notes
are not edited or deleted; a correction is a further note, so the record of who
knew what and when stays whole (2022/17, 2021/19: keep records).

Reviewers write free text, which may carry a phone number or an ID number: the
note is kept as written, but every read and the audit event show it with
e-mail addresses, ID numbers and phone-like digit runs masked
(:func:`workbench.rules.privacy.mask_in_text`), like the other free text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.errors import NotFound, ValidationError
from workbench.models import Account, Case, InternalNote, Reviewer, utcnow
from workbench.models.codes import Role
from workbench.models.note import NOTE_MAX_CHARS
from workbench.records import audit
from workbench.rules.privacy import mask_in_text

#: Who reads and writes notes: every reviewer who reads cases.
NOTE_ROLES = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class NoteView:
    """A note as reviewers see it: the text masked, the author by name."""

    id: int
    case_id: int | None
    account_id: int | None
    author: str
    body: str
    created_at: datetime


def clean_body(body: str) -> str:
    """The note's text trimmed; refused in words when empty or over the limit."""
    text = (body or "").strip()
    if not text:
        raise ValidationError(
            "备注内容为空", "the note is empty: write what the next reviewer should know"
        )
    if len(text) > NOTE_MAX_CHARS:
        raise ValidationError(
            f"备注过长：{len(text)} 字，最多 {NOTE_MAX_CHARS} 字",
            f"the note is {len(text)} characters long; at most {NOTE_MAX_CHARS} are kept "
            "(attach longer material as evidence)",
        )
    return text


def _target(session: Session, case_id: int | None, account_id: int | None) -> tuple[str, int]:
    if (case_id is None) == (account_id is None):
        raise ValidationError(
            "备注须针对一个案件或一个账号", "a note is on one case or one account: name exactly one"
        )
    if case_id is not None:
        if session.get(Case, case_id) is None:
            raise NotFound(f"案件 {case_id} 不存在", f"case {case_id} does not exist")
        return "case", case_id
    assert account_id is not None
    if session.get(Account, account_id) is None:
        raise NotFound(f"账号 {account_id} 不存在", f"account {account_id} does not exist")
    return "account", account_id


def add_note(
    session: Session,
    actor: Actor,
    *,
    body: str,
    case_id: int | None = None,
    account_id: int | None = None,
    now: datetime | None = None,
) -> InternalNote:
    """Add a note to a case or an account; audited with the text masked."""
    require_role(actor, *NOTE_ROLES)
    text = clean_body(body)
    kind, target = _target(session, case_id, account_id)
    note = InternalNote(
        case_id=case_id,
        account_id=account_id,
        author_id=actor.id,
        body=text,
        created_at=now or utcnow(),
    )
    session.add(note)
    session.flush()
    owner_account = account_id
    if case_id is not None:
        case = session.get(Case, case_id)
        owner_account = case.target_account_id if case is not None else None
    audit.record(
        session,
        actor,
        "note.add",
        "internal_note",
        note.id,
        case_id=case_id,
        account_id=owner_account,
        after={"on": kind, "target_id": target, "body": mask_in_text(text), "chars": len(text)},
        at=note.created_at,
    )
    return note


def list_notes(
    session: Session, actor: Actor, *, case_id: int | None = None, account_id: int | None = None
) -> list[NoteView]:
    """The notes on a case or an account, the oldest first, masked."""
    require_role(actor, *NOTE_ROLES)
    _target(session, case_id, account_id)
    column = InternalNote.case_id if case_id is not None else InternalNote.account_id
    target = case_id if case_id is not None else account_id
    rows = session.exec(
        select(InternalNote, Reviewer.display_name)
        .join(Reviewer, col(Reviewer.id) == InternalNote.author_id)
        .where(column == target)
        .order_by(col(InternalNote.created_at), col(InternalNote.id))
    ).all()
    return [
        NoteView(
            id=note.id or 0,
            case_id=note.case_id,
            account_id=note.account_id,
            author=name,
            body=mask_in_text(note.body) or "",
            created_at=note.created_at,
        )
        for note, name in rows
    ]
