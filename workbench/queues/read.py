"""Read-only queries behind the desktop's queues (no Qt).

Each queue is a SELECT over its own records (cases, appeals, measures awaiting
approval, correction orders) giving the same columns, so one table model shows
them all.  Filtering, sorting and paging happen in SQL; a page of a million-row
queue near its end is read backwards from the end, so jumping to the last row
costs as little as opening the queue.  The results are plain frozen values
from :mod:`workbench.models.views`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Join,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlmodel import Session

from workbench.cases import holds, tags
from workbench.cases.read_case import case_detail  # noqa: F401  (one import point for readers)
from workbench.errors import ValidationError
from workbench.models import (
    Account,
    Appeal,
    AuditEvent,
    Case,
    CorrectionOrder,
    Measure,
    Report,
    Reporter,
    ReporterCredibility,
    Reviewer,
    RuleHit,
    utcnow,
)
from workbench.models.base import table_of
from workbench.models.codes import (
    FINISHED_CASE_STATUSES,
    OPEN_APPEAL_STATUSES,
    ClockState,
    CorrectionStatus,
    MeasureStatus,
    Queue,
)
from workbench.models.views import (
    QueueCount,
    QueueFilter,
    QueueName,
    QueuePage,
    QueueRow,
    QueueSort,
)
from workbench.queues.text_search import text_queries
from workbench.rules.hits import SEVERITY_ORDER
from workbench.timelimits import risk as risks

PAGE_SIZE = 200

_C = table_of(Case)
_ACC = table_of(Account)
_AP = table_of(Appeal)
_M = table_of(Measure)
_CO = table_of(CorrectionOrder)
_R = table_of(Report)
_RP = table_of(Reporter)
_RC = table_of(ReporterCredibility)
_RV = table_of(Reviewer)
_H = table_of(RuleHit)
_AE = table_of(AuditEvent)

_CASE_QUEUES = {
    QueueName.REPORTS: Queue.REPORTS,
    QueueName.COMPLAINTS: Queue.COMPLAINTS,
    QueueName.REFERRALS: Queue.REFERRALS,
    QueueName.CHANGE_REQUESTS: Queue.CHANGE_REQUESTS,
    QueueName.ESCALATIONS: Queue.ESCALATIONS,
    QueueName.AUTOMATED: Queue.AUTOMATED,
}

#: Queues in the order the main window lists them.
QUEUE_ORDER = (
    QueueName.REPORTS,
    QueueName.COMPLAINTS,
    QueueName.REFERRALS,
    QueueName.APPEALS,
    QueueName.CHANGE_REQUESTS,
    QueueName.CORRECTIONS,
    QueueName.ESCALATIONS,
    QueueName.APPROVALS,
    QueueName.AUTOMATED,
    QueueName.MINE,
)


@dataclass(frozen=True)
class _Source:
    """A queue: its records without the account (``base``, enough to count,
    filter and order), the row columns, and the condition selecting its rows."""

    base: FromClause
    cols: dict[str, ColumnElement]
    where: tuple[ColumnElement, ...]
    holdable: bool = False  # muted reporters and snoozed accounts keep cases out of it

    @property
    def from_(self) -> Join:
        """``base`` joined to the account, for the row details and the name sort."""
        return self.base.join(_ACC, _ACC.c.id == self.cols["account_id"])


def _case_cols() -> dict[str, ColumnElement]:
    return {
        "row_id": _C.c.id,
        "case_id": _C.c.id,
        "account_id": _C.c.target_account_id,
        "appeal_id": literal(None),
        "measure_id": literal(None),
        "correction_order_id": literal(None),
        "category": _C.c.category,
        "status": _C.c.status,
        "due_at": _C.c.due_at,
        "clock_state": _C.c.clock_state,
        "opened_at": _C.c.opened_at,
        "updated_at": _C.c.updated_at,
        "version": _C.c.version,
        "reporter_count": _C.c.reporter_count,
        "strongest_severity": _C.c.strongest_hit,
        "assignee_id": _C.c.assignee_id,
    }


def _source(queue: str, actor_id: int | None) -> _Source:
    try:
        queue = QueueName(queue)
    except ValueError:  # from a client: refused in words, not a fault
        raise ValidationError(
            f"队列无效：{queue!r:.60}",
            f"unknown queue {queue!r:.60}; one of {', '.join(QueueName)}",
        ) from None
    # Replied cases only wait to be closed: no deadline, no work left in a queue.
    not_closed = _C.c.status.not_in([s.value for s in FINISHED_CASE_STATUSES])
    if queue in _CASE_QUEUES:
        held = _CASE_QUEUES[queue] in holds.HELD_QUEUES
        where = (_C.c.queue == _CASE_QUEUES[queue].value, not_closed)
        return _Source(_C, _case_cols(), where, holdable=held)
    if queue is QueueName.MINE:
        mine = _C.c.assignee_id == (actor_id if actor_id is not None else -1)
        return _Source(_C, _case_cols(), (mine, not_closed))
    if queue is QueueName.APPEALS:
        cols = _case_cols() | {
            "row_id": _AP.c.id,
            "account_id": _AP.c.account_id,
            "appeal_id": _AP.c.id,
            "measure_id": _M.c.id,
            "status": _AP.c.status,
            "due_at": _AP.c.due_at,
            "clock_state": literal(ClockState.RUNNING.value),
            "opened_at": _AP.c.received_at,
            "updated_at": func.coalesce(_AP.c.decided_at, _AP.c.received_at),
            "version": _AP.c.version,
            "reporter_count": func.coalesce(_C.c.reporter_count, 0),
            "assignee_id": _AP.c.assignee_id,
        }
        base = _AP.join(_M, _M.c.id == _AP.c.measure_id).outerjoin(_C, _C.c.id == _M.c.case_id)
        return _Source(base, cols, (_AP.c.status.in_([s.value for s in OPEN_APPEAL_STATUSES]),))
    if queue is QueueName.APPROVALS:
        cols = _case_cols() | {
            "row_id": _M.c.id,
            "account_id": _M.c.account_id,
            "measure_id": _M.c.id,
            "status": _M.c.status,
            "opened_at": _M.c.decided_at,
            "updated_at": _M.c.decided_at,
            "version": func.coalesce(_C.c.version, 1),
            "reporter_count": func.coalesce(_C.c.reporter_count, 0),
        }
        base = _M.outerjoin(_C, _C.c.id == _M.c.case_id)
        return _Source(base, cols, (_M.c.status == MeasureStatus.PENDING_APPROVAL.value,))
    # Correction follow-ups: open correction orders, due at their deadline.
    cols = _case_cols() | {
        "row_id": _CO.c.id,
        "account_id": _CO.c.account_id,
        "correction_order_id": _CO.c.id,
        "measure_id": _CO.c.measure_id,
        "status": _CO.c.status,
        "due_at": _CO.c.deadline,
        "clock_state": literal(ClockState.RUNNING.value),
        "opened_at": _CO.c.created_at,
        "updated_at": func.coalesce(_CO.c.closed_at, _CO.c.created_at),
        "version": func.coalesce(_C.c.version, 1),
        "reporter_count": func.coalesce(_C.c.reporter_count, 0),
    }
    base = _CO.outerjoin(_C, _C.c.id == _CO.c.case_id)
    return _Source(base, cols, (_CO.c.status == CorrectionStatus.OPEN.value,))


def _held(session: Session, src: _Source, now: datetime) -> frozenset[int]:
    """The cases of ``src`` that mutes and snoozes hold out of its default view."""
    return holds.held_case_ids(session, now) if src.holdable else frozenset()


def _filters(
    session: Session, src: _Source, flt: QueueFilter, held: frozenset[int]
) -> list[ColumnElement]:
    conditions = list(src.where)
    if held and not flt.show_held:
        conditions.append(src.cols["case_id"].not_in(sorted(held)))
    if flt.category:
        conditions.append(src.cols["category"] == flt.category)
    if flt.status:
        conditions.append(src.cols["status"] == flt.status)
    if flt.tag:
        conditions.append(tags.tagged_condition(src.cols["case_id"], flt.tag))
    if flt.account_ids is not None and flt.case_ids is not None:
        # Only non-empty lists: an empty IN would hide the index from the planner.
        found = [
            column.in_(ids)
            for column, ids in (
                (src.cols["account_id"], flt.account_ids),
                (src.cols["case_id"], flt.case_ids),
            )
            if ids
        ]
        conditions.append(or_(*found) if found else false())
    elif flt.text.strip():
        accounts, reported = text_queries(session, flt.text.strip())
        # Matching cases first, by index from the matching accounts and reports;
        # the queue's own index is then only probed, never joined row by row.
        matching_cases = select(_C.c.id).where(_C.c.target_account_id.in_(accounts)).union(reported)
        if src.cols["case_id"] is _C.c.id:
            conditions.append(_C.c.id.in_(matching_cases))
        else:
            conditions.append(
                or_(src.cols["account_id"].in_(accounts), src.cols["case_id"].in_(reported))
            )
    return conditions


def _severity_rank(column: ColumnElement) -> ColumnElement:
    return case({s.value: i for s, i in SEVERITY_ORDER.items()}, value=column, else_=-1)


#: Sort keys the queue table offers, by column key.
SORT_KEYS = (
    "due_at",
    "category",
    "account_name",
    "status",
    "reporter_count",
    "strongest",
    "opened_at",
)


def _sort_expr(src: _Source, key: str) -> ColumnElement:
    if key == "account_name":
        return _ACC.c.name
    if key == "strongest":
        return _severity_rank(src.cols["strongest_severity"])
    if key not in SORT_KEYS:
        raise ValidationError(
            f"排序列无效：{key!r:.60}",
            f"unknown sort key {key!r:.60}; one of {', '.join(SORT_KEYS)}",
        )
    return src.cols[key]


def _order_by(src: _Source, sort: QueueSort, *, reverse: bool) -> list:
    """ORDER BY for ``sort`` (flipped when reading from the end).  Rows without
    a value follow the database's NULL order, so one index serves both directions."""
    descending = sort.descending != reverse
    expr = _sort_expr(src, sort.key)
    primary = expr.desc() if descending else expr.asc()
    tiebreak = src.cols["row_id"].desc() if descending else src.cols["row_id"].asc()
    return [primary, tiebreak]


def _row_select(src: _Source) -> Select:
    labelled = [expr.label(key) for key, expr in src.cols.items()]
    return (
        select(*labelled, _ACC.c.name.label("account_name"))
        .add_columns(_RV.c.display_name.label("assignee_name"))
        .select_from(src.from_.outerjoin(_RV, _RV.c.id == src.cols["assignee_id"]))
    )


def count_rows(
    session: Session,
    queue: str,
    flt: QueueFilter = QueueFilter(),
    *,
    actor_id: int | None = None,
    now: datetime | None = None,
) -> int:
    """How many rows ``queue`` has under ``flt`` (at ``now``: mutes and snoozes expire)."""
    src = _source(queue, actor_id)
    where = _filters(session, src, flt, _held(session, src, now or utcnow()))
    stmt = select(func.count()).select_from(src.base).where(*where)
    return int(session.execute(stmt).scalar_one())


def fetch_page(
    session: Session,
    queue: str,
    flt: QueueFilter = QueueFilter(),
    sort: QueueSort = QueueSort(),
    *,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    total: int | None = None,
    actor_id: int | None = None,
    now: datetime | None = None,
) -> QueuePage:
    """Rows ``offset .. offset+limit`` of ``queue`` filtered by ``flt`` and sorted by ``sort``.

    With ``total`` known, a page in the second half is read in reverse order
    from the end, so the last page is as cheap as the first.  The first page
    needs no count (``total`` stays None in the result unless given), so a
    queue can show its first rows before its size is known.
    """
    now = now or utcnow()
    src = _source(queue, actor_id)
    if total is None and offset > 0:
        total = count_rows(session, queue, flt, actor_id=actor_id, now=now)
    if total is not None:
        offset = max(0, min(offset, total))
        limit = max(0, min(limit, total - offset))
    if limit == 0:
        return QueuePage((), offset, total)
    # First the ids of the page (an index walk, no joins unless the sort needs
    # the account name), then the rows of just those ids.
    from_ = src.from_ if sort.key == "account_name" else src.base
    held = _held(session, src, now)
    ids_stmt = (
        select(src.cols["row_id"]).select_from(from_).where(*_filters(session, src, flt, held))
    )
    reverse = total is not None and offset > total // 2
    ids: Sequence[int]
    if reverse:
        assert total is not None  # reading from the end needs the total
        ids_stmt = ids_stmt.order_by(*_order_by(src, sort, reverse=True))
        ids_stmt = ids_stmt.offset(total - offset - limit).limit(limit)
        ids = list(reversed(session.execute(ids_stmt).scalars().all()))
    else:
        ids_stmt = ids_stmt.order_by(*_order_by(src, sort, reverse=False))
        ids = session.execute(ids_stmt.offset(offset).limit(limit)).scalars().all()
    by_id = {
        r["row_id"]: r
        for r in session.execute(_row_select(src).where(src.cols["row_id"].in_(ids))).mappings()
    }
    records = [by_id[i] for i in ids if i in by_id]
    risk, key = risks.page_risk(session, now, records), risks.owner_key(str(queue))
    case_ids = [r["case_id"] for r in records if r["case_id"] is not None]
    credibility = _credibility_by_case(session, case_ids)
    tagged = tags.tags_by_case(session, case_ids)
    strongest = _strongest_hit_by_account(session, sorted({r["account_id"] for r in records}))
    rows = tuple(
        QueueRow(
            queue=str(queue),
            row_id=r["row_id"],
            case_id=r["case_id"],
            account_id=r["account_id"],
            account_name=r["account_name"],
            category=r["category"],
            status=r["status"],
            due_at=r["due_at"],
            due_state=risks.row_state(r, key, risk, now),
            strongest_severity=r["strongest_severity"]
            or strongest.get(r["account_id"], (None, None))[0],
            strongest_rule=strongest.get(r["account_id"], (None, None))[1],
            reporter_count=int(r["reporter_count"] or 0),
            credibility=credibility.get(r["case_id"]),
            assignee_name=r["assignee_name"],
            opened_at=r["opened_at"],
            updated_at=r["updated_at"],
            version=int(r["version"] or 1),
            appeal_id=r["appeal_id"],
            measure_id=r["measure_id"],
            correction_order_id=r["correction_order_id"],
            tags=tuple(tagged.get(r["case_id"], ())),
            held=r["case_id"] in held,
        )
        for r in records
    )
    return QueuePage(rows, offset, total)


def _credibility_by_case(session: Session, case_ids: Sequence[int]) -> dict[int, float]:
    if not case_ids:
        return {}
    stmt = (
        select(_R.c.case_id, func.avg(_RC.c.score))
        .select_from(_R.join(_RC, _RC.c.reporter_id == _R.c.reporter_id))
        .where(_R.c.case_id.in_(case_ids))
        .group_by(_R.c.case_id)
    )
    return {cid: float(score) for cid, score in session.execute(stmt)}


def _strongest_hit_by_account(
    session: Session, account_ids: Sequence[int]
) -> dict[int, tuple[str, str]]:
    """(severity, rule category) of each account's strongest hit not dismissed."""
    if not account_ids:
        return {}
    stmt = select(_H.c.account_id, _H.c.category, _H.c.severity, _H.c.score).where(
        _H.c.account_id.in_(account_ids),
        or_(_H.c.decision.is_(None), _H.c.decision != "dismissed"),
    )
    best: dict[int, tuple] = {}
    for account_id, category, severity, score in session.execute(stmt):
        key = (SEVERITY_ORDER.get(severity, -1), score or 0.0)
        if account_id not in best or key > best[account_id][0]:
            best[account_id] = (key, (severity, category))
    return {account_id: hit for account_id, (_key, hit) in best.items()}


def queue_counts(
    session: Session,
    *,
    actor_id: int | None = None,
    queues: Sequence[str] = QUEUE_ORDER,
    now: datetime | None = None,
) -> list[QueueCount]:
    """Rows, at-risk rows and breached rows per queue.  At risk is the clocks'
    warning (:func:`workbench.timelimits.risk.at_risk`), as the dashboard counts it."""
    now = now or utcnow()
    risk = risks.at_risk(session, now)
    out = []
    for queue in queues:
        src = _source(queue, actor_id)
        state, due = src.cols["clock_state"], src.cols["due_at"]
        running = or_(state.is_(None), state == ClockState.RUNNING.value)
        breached = or_(state == ClockState.BREACHED.value, and_(running, due <= now))
        key = risks.owner_key(str(queue))
        at_risk = and_(running, due > now, src.cols[key].in_(sorted(risks.owners(risk, key))))
        stmt = (
            select(
                func.count(),
                func.coalesce(func.sum(case((breached, 1), else_=0)), 0),
                func.coalesce(func.sum(case((at_risk, 1), else_=0)), 0),
            )
            .select_from(src.from_)
            .where(*src.where)
        )
        total, n_breached, n_at_risk = session.execute(stmt).one()
        out.append(QueueCount(str(queue), int(total), int(n_at_risk), int(n_breached)))
    return out
