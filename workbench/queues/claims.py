"""Claims: a reviewer takes a case for a while (a lease) so no one else works it.

The next case of a queue is the open one due first, then of highest priority
(see :mod:`workbench.cases.priority`), then the oldest.  A lease lasts
``claims.lease_minutes`` (default 15) and is renewed while the reviewer
works; an expired lease frees the case.  Supervisors reassign.

No case is claimed by two reviewers: on PostgreSQL the candidate row is
taken with ``SELECT … FOR UPDATE SKIP LOCKED``, and claims never wait for each
other's audit events (:mod:`workbench.records.sealer`); on SQLite the write
transaction (``BEGIN IMMEDIATE``) already runs alone.  Call these inside
:func:`workbench.db.run_in_transaction` so a busy SQLite is retried.

Taking the next case is what a whole team does all day, so on PostgreSQL it is two
statements that load no object: one finds and locks the case (the first entry of
the queue's claim order, ``ix_case_claim_order``, that no other claim has locked, or
a lapsed claim, ``ix_case_lease_expiry``, if one comes first) and reads the lease
setting with it; one writes the claim, its clocks' holder and its audit event.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    and_,
    bindparam,
    exists,
    union_all,
    update,
)
from sqlalchemy import select as select_rows  # Core rows, not ORM objects
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, load_actor, require_role
from workbench.cases import holds
from workbench.cases.casework import (
    CASE_FIELDS,
    case_event,
    case_state,
    check_version,
    get_case,
    now_or,
    save,
)
from workbench.errors import ClaimConflict, InvalidTransition, ValidationError
from workbench.models import Case, QueueHold
from workbench.models.base import table_of
from workbench.models.codes import OPEN_CASE_STATUSES, Queue, Role
from workbench.records.audit import pending_insert, pending_params, pending_written
from workbench.settings import get_setting, stored_setting
from workbench.timelimits.clock_holds import hold_case_clocks, hold_clocks

LEASE_SETTING = "claims.lease_minutes"
DEFAULT_LEASE_MINUTES = 15
OPEN = [s.value for s in OPEN_CASE_STATUSES]


def _lease(stored: Any) -> timedelta:
    return timedelta(minutes=float(DEFAULT_LEASE_MINUTES if stored is None else stored))


def lease_length(session: Session) -> timedelta:
    return _lease(get_setting(session, LEASE_SETTING))


_CASES = table_of(Case)


def _claim_order(c) -> list:
    return [c.due_at.asc().nulls_last(), c.priority.desc(), c.opened_at, c.id]


def _next_case(locking: bool) -> Select:
    """The next free open case of the queue ``claim_queue`` at ``claim_now``: its state
    before the claim, and the stored lease (``lease``)."""
    c = _CASES.c
    columns = [c.id, c.target_account_id, c.due_at, c.opened_at, *(c[n] for n in CASE_FIELDS)]
    is_open = c.status.in_(bindparam("claim_open", OPEN, expanding=True, literal_execute=True))

    def first(free: ColumnElement[bool]) -> Subquery:
        held = c.id.not_in(bindparam("claim_held", expanding=True))  # cases.holds
        stmt = select_rows(*columns).where(
            c.queue == bindparam("claim_queue"), is_open, free, held
        )
        stmt = stmt.order_by(*_claim_order(c)).limit(1)
        return (stmt.with_for_update(skip_locked=True) if locking else stmt).subquery()

    unclaimed = first(c.assignee_id.is_(None))
    lapsed = first(and_(c.assignee_id.is_not(None), c.claimed_until <= bindparam("claim_now")))
    free = union_all(select_rows(unclaimed), select_rows(lapsed)).subquery("free")
    lease = stored_setting(LEASE_SETTING).label("lease")
    h = table_of(QueueHold).c
    at: Any = bindparam("claim_now")
    any_hold = exists().where(h.lifted_at.is_(None), h.starts_at <= at, h.until > at)
    return (
        select_rows(*free.c, lease, any_hold.label("any_hold"))
        .order_by(*_claim_order(free.c))
        .limit(1)
    )


_NEXT = {True: _next_case(locking=True), False: _next_case(locking=False)}
# The claim, its clocks' holder and its audit event, in one statement (PostgreSQL).
_CLAIM_WRITE = (
    pending_insert()
    .add_cte(
        update(_CASES)
        .where(_CASES.c.id == bindparam("claim_case"))
        .values(
            assignee_id=bindparam("claim_holder"),
            claimed_until=bindparam("claim_until"),
            version=bindparam("claim_version"),
            updated_at=bindparam("claim_now"),
        )
        .cte("claimed")
    )
    .add_cte(
        hold_case_clocks(
            bindparam("claim_case"), bindparam("claim_holder"), bindparam("claim_now")
        ).cte("held")
    )
)


def _held_by_other(case: Case, actor: Actor, now: datetime) -> bool:
    until = case.claimed_until
    other = case.assignee_id is not None and case.assignee_id != actor.id
    return other and until is not None and until > now


def _conflict(case: Case) -> ClaimConflict:
    assert case.claimed_until is not None  # raised for a live claim only
    until = case.claimed_until.isoformat(timespec="minutes")
    return ClaimConflict(
        f"案件 {case.id} 已被审核员 {case.assignee_id} 认领（至 {until}）",
        f"case {case.id} is claimed by reviewer {case.assignee_id} until {until}",
    )


def _require_open(case: Case) -> None:
    if case.status not in OPEN:
        raise InvalidTransition(
            f"案件 {case.id} 已办结（{case.status}），不能认领",
            f"case {case.id} is {case.status}; only open cases can be claimed",
        )


def _take(
    session: Session,
    actor: Actor,
    case: Case,
    now: datetime,
    action: str,
    *,
    lease: timedelta | None = None,
) -> Case:
    lease = lease or lease_length(session)
    before = case_state(case)
    case.assignee_id, case.claimed_until = actor.id, now + lease
    save(session, actor, case, action, before, now)  # one UPDATE of the case, with its version
    hold_clocks(session, actor.id, now, case=case)  # their time runs from here
    return case


def claim_next(
    session: Session, actor: Actor, queue: str, *, now: datetime | None = None
) -> int | None:
    """Claim the next free open case of ``queue``: its id (None when there is none)."""
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR)
    now = now_or(now)
    try:
        queue = Queue(queue).value
    except ValueError as exc:
        raise ValidationError(f"队列无效：{queue}", f"unknown queue {queue!r}") from exc
    postgres = session.get_bind().dialect.name == "postgresql"
    conn = session.connection()
    params: dict[str, Any] = {"claim_queue": queue, "claim_now": now, "claim_held": []}
    row = conn.execute(_NEXT[postgres], params).first()
    if row is None:
        return None
    # Cases muted reporters or snoozed accounts hold back are not next (cases/holds.py):
    # worked out only while a mute or snooze runs, and only if the next case is one.
    if row.any_hold and queue in holds.HELD_QUEUES:
        held = sorted(holds.held_case_ids(session, now))
        if row.id in held:
            row = conn.execute(_NEXT[postgres], params | {"claim_held": held}).first()
            if row is None:
                return None
    lease = _lease(row.lease)
    if not postgres:
        return _take(session, actor, get_case(session, row.id), now, "case.claim", lease=lease).id
    before = {name: getattr(row, name) for name in CASE_FIELDS}
    after = before | {
        "assignee_id": actor.id,
        "claimed_until": now + lease,
        "version": row.version + 1,
    }
    fields = case_event(actor, row, "case.claim", before, after, now)
    params = {
        "claim_case": row.id,
        "claim_holder": actor.id,
        "claim_until": after["claimed_until"],
        "claim_version": after["version"],
        "claim_now": now,
    }
    conn.execute(_CLAIM_WRITE, params | pending_params(fields))
    pending_written(session, fields)
    loaded = session.identity_map.get(identity_key(Case, row.id))
    if loaded is not None:
        session.expire(loaded)  # loaded before the claim: read again when next used
    return row.id


def claim_case(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Case:
    """Claim a given case; refused while another reviewer's lease runs."""
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR)
    now = now_or(now)
    case = get_case(session, case_id)
    if expected_version is not None:
        check_version(case, expected_version)
    _require_open(case)
    if _held_by_other(case, actor, now):
        raise _conflict(case)
    return _take(session, actor, case, now, "case.claim")


def renew_claim(
    session: Session, actor: Actor, case_id: int, *, now: datetime | None = None
) -> Case:
    """Extend the reviewer's own lease (also after it lapsed, if no one took the case)."""
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR)
    now = now_or(now)
    case = get_case(session, case_id)
    if case.assignee_id != actor.id:
        if _held_by_other(case, actor, now):
            raise _conflict(case)
        raise ClaimConflict(
            f"您没有认领案件 {case.id}，请先认领", f"you do not hold case {case.id}; claim it first"
        )
    _require_open(case)
    return _take(session, actor, case, now, "case.renew_claim")


def release_claim(
    session: Session, actor: Actor, case_id: int, *, now: datetime | None = None
) -> Case:
    """Give the case back to its queue (the claimant, or a supervisor)."""
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR)
    now = now_or(now)
    case = get_case(session, case_id)
    if case.assignee_id is None:
        return case
    if case.assignee_id != actor.id and not actor.has(Role.SUPERVISOR):
        raise _conflict(case)
    before = case_state(case)
    case.assignee_id, case.claimed_until = None, None
    hold_clocks(session, None, now, case=case)
    save(session, actor, case, "case.release_claim", before, now)
    return case


def reassign(
    session: Session,
    supervisor: Actor,
    case_id: int,
    to_reviewer_id: int,
    *,
    reason: str = "",
    now: datetime | None = None,
) -> Case:
    """A supervisor hands the case to another reviewer, with a fresh lease."""
    require_role(supervisor, Role.SUPERVISOR)
    now = now_or(now)
    target = load_actor(session, to_reviewer_id)
    if not (target.has(Role.MODERATOR) or target.has(Role.SUPERVISOR)):
        raise ValidationError(
            f"{target.display_name} 不是审核员，不能接手案件",
            f"{target.login} is not a moderator and cannot take cases",
        )
    case = get_case(session, case_id)
    _require_open(case)
    lease = lease_length(session)
    before = case_state(case)
    case.assignee_id, case.claimed_until = target.id, now + lease
    hold_clocks(session, target.id, now, case=case)
    save(session, supervisor, case, "case.reassign", before, now, reason=reason.strip() or None)
    return case


def expire_leases(session: Session, now: datetime) -> int:
    """Free every case whose lease ran out; how many."""
    now = now_or(now)
    stmt = select(Case).where(col(Case.assignee_id).is_not(None), col(Case.claimed_until) <= now)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    cases = session.exec(stmt).all()
    for case in cases:
        before = case_state(case)
        case.assignee_id = None
        case.claimed_until = None
        hold_clocks(session, None, now, case=case)
        save(session, None, case, "case.lease_expired", before, now)
    return len(cases)


def claimed_by(session: Session, reviewer_id: int, now: datetime | None = None) -> list[Case]:
    """The open cases a reviewer holds now."""
    now = now_or(now)
    return list(
        session.exec(
            select(Case)
            .where(
                Case.assignee_id == reviewer_id,
                col(Case.claimed_until) > now,
                col(Case.status).in_(OPEN),
            )
            .order_by(col(Case.due_at).asc().nulls_last(), col(Case.id))
        ).all()
    )
