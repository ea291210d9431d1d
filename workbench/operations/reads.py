"""Reads the desktop's queues and case view make: pages, counts, one case, presence.

Queue reads stay paged over the wire: the first page comes at once, the
count after it, later pages as the reviewer scrolls.  "My claimed cases" is
always the signed-in reviewer's own.  Personal data in every value here is
already masked by the queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.cases.read_case import case_detail as _case_detail
from workbench.models.views import (
    CaseDetail,
    QueueCount,
    QueueFilter,
    QueuePage,
    QueueRow,
    QueueSort,
)
from workbench.operations.core import Ctx, operation
from workbench.operations.roles import ANY_REVIEWER, CASE_READERS
from workbench.queues import presence, read, text_search
from workbench.queues.read import PAGE_SIZE, QUEUE_ORDER
from workbench.rules.rule_names import lexicon_name, rule_name

__all__ = [
    "PAGE_SIZE",
    "PRESENCE_BEAT_MS",
    "QUEUE_ORDER",
    "FirstPage",
    "QueueSnapshot",
    "lexicon_name",
    "rule_name",
]

MAX_PAGE = 500
PRESENCE_BEAT_MS = int(presence.HEARTBEAT_EVERY.total_seconds() * 1000)
MAX_PAGES = 10


@dataclass(frozen=True)
class FirstPage:
    """The first page of a queue and the filter with its text search resolved
    (reused for the later pages, so the text is searched once)."""

    rows: tuple[QueueRow, ...]
    resolved: QueueFilter


@dataclass(frozen=True)
class QueueSnapshot:
    """A queue re-read after a change: its row count and the pages asked for."""

    total: int
    pages: dict[int, tuple[QueueRow, ...]]
    resolved: QueueFilter


def _size(limit: int) -> int:
    return max(1, min(int(limit), MAX_PAGE))


@operation(write=False, roles=ANY_REVIEWER)
def queue_first_page(
    ctx: Ctx, *, queue: str, flt: QueueFilter, sort: QueueSort, limit: int = PAGE_SIZE
) -> FirstPage:
    """The first page of ``queue`` under a filter and sort order."""
    resolved = text_search.resolve_text(ctx.session, flt)
    page = read.fetch_page(
        ctx.session,
        queue,
        resolved,
        sort,
        offset=0,
        limit=_size(limit),
        actor_id=ctx.signed_in.id,
        now=ctx.now,
    )
    return FirstPage(page.rows, resolved)


@operation(write=False, roles=ANY_REVIEWER)
def queue_row_count(ctx: Ctx, *, queue: str, resolved: QueueFilter) -> int:
    """How many rows ``queue`` has under a resolved filter."""
    return read.count_rows(ctx.session, queue, resolved, actor_id=ctx.signed_in.id, now=ctx.now)


@operation(write=False, roles=ANY_REVIEWER)
def queue_page(
    ctx: Ctx,
    *,
    queue: str,
    resolved: QueueFilter,
    sort: QueueSort,
    offset: int,
    limit: int = PAGE_SIZE,
    total: int | None = None,
) -> QueuePage:
    """One later page of ``queue`` (the filter as :func:`queue_first_page` resolved it)."""
    return read.fetch_page(
        ctx.session,
        queue,
        resolved,
        sort,
        offset=max(0, offset),
        limit=_size(limit),
        total=total,
        actor_id=ctx.signed_in.id,
        now=ctx.now,
    )


@operation(write=False, roles=ANY_REVIEWER)
def queue_snapshot(
    ctx: Ctx,
    *,
    queue: str,
    flt: QueueFilter,
    sort: QueueSort,
    pages: list[int],
    limit: int = PAGE_SIZE,
) -> QueueSnapshot:
    """Re-read a queue after a change: its count and the pages the reviewer had loaded."""
    size = _size(limit)
    resolved = text_search.resolve_text(ctx.session, flt)  # new records may match now
    total = read.count_rows(ctx.session, queue, resolved, actor_id=ctx.signed_in.id, now=ctx.now)
    loaded: dict[int, tuple[QueueRow, ...]] = {}
    for number in sorted(set(pages))[:MAX_PAGES]:
        page = read.fetch_page(
            ctx.session,
            queue,
            resolved,
            sort,
            offset=max(0, number) * size,
            limit=size,
            total=total,
            actor_id=ctx.signed_in.id,
            now=ctx.now,
        )
        if page.rows:
            loaded[number] = page.rows
    return QueueSnapshot(total, loaded, resolved)


@operation(write=False, roles=ANY_REVIEWER)
def queue_counts(ctx: Ctx, *, queues: list[str]) -> list[QueueCount]:
    """Total, at-risk and breached counts of each queue named."""
    return read.queue_counts(ctx.session, actor_id=ctx.signed_in.id, queues=queues, now=ctx.now)


@operation(write=True, roles=ANY_REVIEWER)
def refresh_statistics(ctx: Ctx) -> None:
    """Bring the planner's statistics up to date (after large imports)."""
    text_search.refresh_statistics(ctx.session)


@operation(write=False, roles=CASE_READERS)
def case_detail(ctx: Ctx, *, case_id: int) -> CaseDetail:
    """Everything the case view shows about one case."""
    return _case_detail(ctx.session, case_id, now=ctx.now)


@operation(write=True, roles=ANY_REVIEWER)
def presence_beat(ctx: Ctx, *, case_id: int) -> list[str]:
    """Say the reviewer has a case open; the names of the others who have it open."""
    actor = ctx.signed_in
    presence.heartbeat(ctx.session, actor, case_id, now=ctx.now)
    return [v.display_name for v in presence.viewers(ctx.session, case_id, exclude=actor.id)]


@operation(write=True, roles=ANY_REVIEWER)
def presence_leave(ctx: Ctx, *, case_id: int | None = None) -> None:
    """The reviewer closed a case (None: every case they had open)."""
    presence.leave(ctx.session, ctx.signed_in, case_id)
