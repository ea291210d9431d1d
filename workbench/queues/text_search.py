"""Searching the queues by text (no Qt): names and report texts anywhere, a platform
id exactly.  A search is resolved once into the ids it matches
(:func:`resolve_text`), so the count and every page of a queue reuse it; over
:data:`MAX_RESOLVED_MATCHES` it stays a subquery.  :func:`refresh_statistics`
keeps SQLite's planner looking up the few cases a search found.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import ColumnElement, CompoundSelect, Select, or_, select
from sqlalchemy import text as sql_text
from sqlmodel import Session

from workbench.models import Account, Report, Reporter
from workbench.models.base import table_of
from workbench.models.views import QueueFilter

_ACC = table_of(Account)
_R = table_of(Report)
_RP = table_of(Reporter)


def _like(session: Session, column: ColumnElement, pattern: str) -> ColumnElement:
    # SQLite's LIKE already ignores ASCII case and avoids lower() on every row.
    if session.get_bind().dialect.name == "sqlite":
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")


def refresh_statistics(session: Session) -> None:
    """Give SQLite's planner fresh table statistics (a sampled ANALYZE, a few
    milliseconds even on millions of rows).  Without them it may walk a whole
    queue instead of looking up the few cases a search found.  PostgreSQL keeps
    its own statistics (autovacuum), so nothing is done there."""
    if session.get_bind().dialect.name != "sqlite":
        return
    session.execute(sql_text("PRAGMA analysis_limit=1000"))
    session.execute(sql_text("ANALYZE"))


def text_queries(session: Session, text: str) -> tuple[CompoundSelect, Select]:
    """(accounts, reported cases) matching ``text``: names and report texts
    anywhere (scans of the name index and the reports), a platform id exactly."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    accounts = (
        select(_ACC.c.id)
        .where(_like(session, _ACC.c.name, pattern))
        .union(select(_ACC.c.id).where(_ACC.c.platform_id == text))
    )
    reported = (
        select(_R.c.case_id)
        .select_from(_R.outerjoin(_RP, _RP.c.id == _R.c.reporter_id))
        .where(
            _R.c.case_id.is_not(None),
            or_(_like(session, _R.c.text, pattern), _like(session, _RP.c.name, pattern)),
        )
    )
    return accounts, reported


#: Above this many matches a text search stays a subquery instead of id lists.
MAX_RESOLVED_MATCHES = 20_000


def resolve_text(session: Session, flt: QueueFilter) -> QueueFilter:
    """``flt`` with its text search replaced by the ids it matches, so the
    count and every page reuse one search instead of scanning again.
    Unchanged when there is no text or it matches too much."""
    text = flt.text.strip()
    if not text or flt.account_ids is not None:
        return flt
    accounts, reported = text_queries(session, text)
    cap = MAX_RESOLVED_MATCHES + 1
    account_ids = session.execute(accounts.limit(cap)).scalars().all()
    case_ids = session.execute(reported.distinct().limit(cap)).scalars().all()
    if len(account_ids) >= cap or len(case_ids) >= cap:
        return flt
    return replace(flt, account_ids=tuple(sorted(account_ids)), case_ids=tuple(sorted(case_ids)))
