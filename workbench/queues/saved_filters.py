"""Saved queue filters: each reviewer's own named filter-bar settings.

Kept in the database, so a team server keeps them for the reviewer wherever they
sign in.  A filter holds what the filter bar holds -- the search text, the
category, the status, the tag and whether muted and snoozed cases show -- and
not the queue, so one filter serves every queue.  Only its owner lists, applies
or deletes it; saving under a name the reviewer already uses replaces that filter.
Not audited: a filter changes no case, only what one reviewer sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from workbench.access.auth import Actor, require_role
from workbench.cases import tags
from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.models import utcnow
from workbench.models.codes import CaseStatus, ReportCategory, Role
from workbench.models.saved_filter import (
    FILTER_NAME_MAX_CHARS,
    FILTER_TEXT_MAX_CHARS,
    SavedFilter,
)
from workbench.models.views import QueueFilter
from workbench.records.entry_text import short_entry

#: Who keeps saved filters: everyone who reads the queues.
FILTER_ROLES = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class SavedFilterView:
    id: int
    name: str
    filter: QueueFilter


def _name(text: str) -> str:
    return short_entry(
        text,
        FILTER_NAME_MAX_CHARS,
        empty=("请为筛选命名", "give the filter a name"),
        what=("名称", "name"),
    )


def _checked(flt: QueueFilter) -> QueueFilter:
    """``flt`` as it is kept: what the filter bar can show, each value known."""
    text = flt.text.strip()
    if len(text) > FILTER_TEXT_MAX_CHARS:
        raise ValidationError(
            f"搜索内容过长（最多 {FILTER_TEXT_MAX_CHARS} 字）",
            f"the search text is longer than {FILTER_TEXT_MAX_CHARS} characters",
        )
    for value, codes, what in (
        (flt.category, ReportCategory, ("类别", "category")),
        (flt.status, CaseStatus, ("状态", "status")),
    ):
        if value is not None and value not in {c.value for c in codes}:
            raise ValidationError(
                f"{what[0]}无效：{value!r:.40}", f"unknown {what[1]} {value!r:.40}"
            )
    tag = tags.normalise(flt.tag) if flt.tag else None
    return QueueFilter(
        text=text, category=flt.category, status=flt.status, tag=tag, show_held=flt.show_held
    )


def _view(row: SavedFilter) -> SavedFilterView:
    flt = QueueFilter(
        text=row.text,
        category=row.category,
        status=row.status,
        tag=row.tag,
        show_held=row.show_held,
    )
    return SavedFilterView(row.id or 0, row.name, flt)


def save_filter(session: Session, actor: Actor, name: str, flt: QueueFilter) -> SavedFilterView:
    """Keep ``flt`` under ``name`` for ``actor`` (replacing their filter of that name)."""
    require_role(actor, *FILTER_ROLES)
    key, kept = _name(name), _checked(flt)
    row = session.exec(
        select(SavedFilter).where(SavedFilter.reviewer_id == actor.id, SavedFilter.name == key)
    ).first() or SavedFilter(reviewer_id=actor.id, name=key)
    row.text, row.category, row.status = kept.text, kept.category, kept.status
    row.tag, row.show_held, row.updated_at = kept.tag, kept.show_held, utcnow()
    session.add(row)
    session.flush()
    return _view(row)


def list_filters(session: Session, actor: Actor) -> list[SavedFilterView]:
    """``actor``'s own saved filters, by name."""
    require_role(actor, *FILTER_ROLES)
    rows = session.exec(
        select(SavedFilter).where(SavedFilter.reviewer_id == actor.id).order_by(SavedFilter.name)
    ).all()
    return [_view(r) for r in rows]


def delete_filter(session: Session, actor: Actor, filter_id: int) -> None:
    """Delete one of ``actor``'s saved filters; another reviewer's is refused."""
    require_role(actor, *FILTER_ROLES)
    row = session.get(SavedFilter, filter_id)
    if row is None:
        raise NotFound(f"筛选 #{filter_id} 不存在", f"there is no saved filter #{filter_id}")
    if row.reviewer_id != actor.id:
        raise PermissionDenied(
            "只能删除自己保存的筛选", "a saved filter is deleted by the reviewer who saved it"
        )
    session.delete(row)
    session.flush()
