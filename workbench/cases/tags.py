"""Case tags from a managed list, and the queue filter by tag.

Why a managed list and not free text: a tag is only useful if the queue can be
filtered by it and the team counts by it, and free text splinters at once
(诈骗, 疑似诈骗, "诈骗 ", Fraud).  Free text in a column shown on every queue
row could also carry a phone number or a name.  So supervisors and
administrators keep the list (:func:`define_tag`, :func:`retire_tag`);
reviewers pick from it.  Names are still normalised (NFKC, whitespace
collapsed, Latin letters lower-cased) so 'Ｆｒａｕｄ ' and 'fraud' are one tag
and a near-duplicate cannot be defined.  A retired tag stays on the cases it
marks (the record keeps what was said) but can no longer be added.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.errors import NotFound, ValidationError
from workbench.models import Case, CaseTag, Tag, utcnow
from workbench.models.base import saved
from workbench.models.codes import Role
from workbench.models.tag import TAG_MAX_CHARS
from workbench.records import audit

#: Who keeps the list of tags.
TAG_KEEPERS = (Role.SUPERVISOR, Role.ADMINISTRATOR)
#: Who tags cases.
TAGGERS = (Role.MODERATOR, Role.SUPERVISOR)
#: Who reads tags.
TAG_READERS = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class TagView:
    id: int
    name: str
    retired: bool


def normalise(name: str) -> str:
    """The tag's canonical spelling; refused in words when empty, too long or odd."""
    text = " ".join(unicodedata.normalize("NFKC", name or "").split()).lower()
    if not text:
        raise ValidationError("标签名为空", "the tag name is empty")
    if len(text) > TAG_MAX_CHARS:
        raise ValidationError(
            f"标签名过长：{len(text)} 字，最多 {TAG_MAX_CHARS} 字",
            f"the tag name {text[:TAG_MAX_CHARS]!r}… is {len(text)} characters; "
            f"at most {TAG_MAX_CHARS}",
        )
    if any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in text):
        raise ValidationError(
            "标签名含控制字符", f"the tag name {text!r} holds control or separator characters"
        )
    return text


def _tag(session: Session, name: str) -> Tag:
    key = normalise(name)
    tag = session.exec(select(Tag).where(Tag.name == key)).first()
    if tag is None:
        raise NotFound(
            f"标签“{key}”不在标签列表中",
            f"there is no tag {key!r}; a supervisor adds it to the list",
        )
    return tag


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"案件 {case_id} 不存在", f"case {case_id} does not exist")
    return case


def define_tag(session: Session, actor: Actor, name: str, *, now: datetime | None = None) -> Tag:
    """Add a tag to the list, or bring a retired one back (supervisor, administrator)."""
    require_role(actor, *TAG_KEEPERS)
    key = normalise(name)
    tag = session.exec(select(Tag).where(Tag.name == key)).first()
    if tag is not None and tag.retired_at is None:
        raise ValidationError(f"标签“{key}”已存在", f"the tag {key!r} is already on the list")
    if tag is None:
        tag = Tag(name=key, created_by=actor.id, created_at=now or utcnow())
    tag.retired_at = None
    session.add(tag)
    session.flush()
    audit.record(session, actor, "tag.define", "tag", tag.id, after={"name": key}, at=now)
    return tag


def retire_tag(session: Session, actor: Actor, name: str, *, now: datetime | None = None) -> Tag:
    """Take a tag off the list; the cases it marks keep it (supervisor, administrator)."""
    require_role(actor, *TAG_KEEPERS)
    tag = _tag(session, name)
    if tag.retired_at is None:
        tag.retired_at = now or utcnow()
        session.add(tag)
        audit.record(session, actor, "tag.retire", "tag", tag.id, before={"name": tag.name}, at=now)
    return tag


def list_tags(session: Session, actor: Actor, *, include_retired: bool = False) -> list[TagView]:
    """The tag list by name."""
    require_role(actor, *TAG_READERS)
    stmt = select(Tag).order_by(Tag.name)
    if not include_retired:
        stmt = stmt.where(col(Tag.retired_at).is_(None))
    return [TagView(t.id or 0, t.name, t.retired_at is not None) for t in session.exec(stmt)]


def tag_case(
    session: Session, actor: Actor, case_id: int, name: str, *, now: datetime | None = None
) -> bool:
    """Put a tag on a case; False when it is already there.  Audited."""
    require_role(actor, *TAGGERS)
    case, tag = _case(session, case_id), _tag(session, name)
    if tag.retired_at is not None:
        raise ValidationError(
            f"标签“{tag.name}”已停用", f"the tag {tag.name!r} is retired and cannot be added"
        )
    if session.get(CaseTag, (case_id, tag.id)) is not None:
        return False
    session.add(
        CaseTag(case_id=case_id, tag_id=saved(tag.id), added_by=actor.id, added_at=now or utcnow())
    )
    session.flush()
    audit.record(
        session,
        actor,
        "case.tag",
        "case",
        case_id,
        case_id=case_id,
        account_id=case.target_account_id,
        after={"tag": tag.name},
        at=now,
    )
    return True


def untag_case(
    session: Session, actor: Actor, case_id: int, name: str, *, now: datetime | None = None
) -> bool:
    """Take a tag off a case; False when it was not there.  Audited."""
    require_role(actor, *TAGGERS)
    case, tag = _case(session, case_id), _tag(session, name)
    link = session.get(CaseTag, (case_id, tag.id))
    if link is None:
        return False
    session.delete(link)
    session.flush()
    audit.record(
        session,
        actor,
        "case.untag",
        "case",
        case_id,
        case_id=case_id,
        account_id=case.target_account_id,
        before={"tag": tag.name},
        at=now,
    )
    return True


def case_tags(session: Session, actor: Actor, case_id: int) -> list[str]:
    """The tags on a case, by name."""
    require_role(actor, *TAG_READERS)
    _case(session, case_id)
    return tags_by_case(session, [case_id]).get(case_id, [])


def tags_by_case(session: Session, case_ids: Sequence[int]) -> dict[int, list[str]]:
    """The tag names of each case (for a queue page), by name."""
    if not case_ids:
        return {}
    rows = session.exec(
        select(CaseTag.case_id, Tag.name)
        .join(Tag, col(Tag.id) == CaseTag.tag_id)
        .where(col(CaseTag.case_id).in_(list(case_ids)))
        .order_by(Tag.name)
    ).all()
    found: dict[int, list[str]] = {}
    for case_id, name in rows:
        found.setdefault(case_id, []).append(name)
    return found


def tagged_condition(case_id: ColumnElement, name: str) -> ColumnElement:
    """A condition: the case ``case_id`` carries the tag ``name`` (normalised)."""
    key = normalise(name)
    tagged = (
        select(CaseTag.case_id).join(Tag, col(Tag.id) == CaseTag.tag_id).where(Tag.name == key)
    )
    return case_id.in_(tagged)
