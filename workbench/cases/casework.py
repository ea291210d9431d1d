"""What every action on a case shares: loading it at the version the reviewer saw,
checking who may act on it, moving it along the lifecycle, and auditing the move.

A case carries a version number.  Every change bumps it; an action names the
version the reviewer was looking at, and a stale one is refused before
anything changes.  A claimed case may be worked only by its claimant (or a
supervisor).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import text
from sqlmodel import Session, SQLModel, select

from workbench.access.auth import Actor, require_role
from workbench.db import transaction_cached
from workbench.errors import ClaimConflict, InvalidTransition, NotFound, StaleVersion
from workbench.models import Account, Appeal, Case, utcnow
from workbench.models.codes import CASE_STATUS_LABELS, CASE_TRANSITIONS, CaseStatus, Role, Stage
from workbench.records import audit
from workbench.timelimits import clocks
from workbench.timelimits.deadlines import require_aware

_Row = TypeVar("_Row", bound=SQLModel)

#: One name per status, shared with the desktop; English lower-cased in a sentence.
STATUS_LABELS = {code: (zh, en.lower()) for code, (zh, en) in CASE_STATUS_LABELS.items()}

# The handling clocks each move stops and starts.
CLOCK_MOVES: dict[CaseStatus, tuple[tuple[Stage, ...], tuple[Stage, ...]]] = {
    CaseStatus.ACCEPTED: ((Stage.ACCEPT,), (Stage.SCREEN,)),
    CaseStatus.DECLINED: ((Stage.ACCEPT,), (Stage.REPLY,)),
    CaseStatus.SCREENING: ((Stage.SCREEN,), (Stage.DISPOSE,)),
    CaseStatus.DISPOSED: ((Stage.DISPOSE,), (Stage.REPLY,)),
    CaseStatus.NO_VIOLATION: ((Stage.DISPOSE,), (Stage.REPLY,)),
    CaseStatus.REPLIED: ((Stage.REPLY,), ()),
    CaseStatus.CLOSED: ((), ()),
}

CASE_FIELDS = (
    "status",
    "queue",
    "decline_reason",
    "resolution_note",
    "assignee_id",
    "claimed_until",
    "priority",
    "weight",
    "reporter_count",
    "version",
)


def now_or(now: datetime | None) -> datetime:
    """``now`` checked for a time zone, or the current instant."""
    return utcnow() if now is None else require_aware(now, "now")


def case_state(case: Case) -> dict:
    """The fields of a case an audit event records before and after a change."""
    return {name: getattr(case, name) for name in CASE_FIELDS}


INTAKE_LOCK = 0x696E7461  # "inta": the advisory lock every process's intake shares


def hold_intake(session: Session) -> None:
    """On PostgreSQL, one intake (or other opening of cases) at a time, until commit.

    Receiving a report decides whether it joins an open case of the account
    and whether its reporter is new; two intakes deciding that at once could
    open two cases or two reporters.  An advisory lock of the transaction
    serialises intakes only: claims and decisions never wait for it.
    """
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite write transactions already run one at a time
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": INTAKE_LOCK})


_LOCKED = "workbench.locked_rows"  # session.info: the rows this transaction locked, by key


def locked_get(
    session: Session, model: type[_Row], row_id: int, *, lock: bool = True, key: str = "id"
) -> _Row | None:
    """A row by primary key, locked FOR UPDATE on PostgreSQL; None when missing.

    The locked row's values replace any the session read before taking the
    lock, so a version check sees what another reviewer committed meanwhile.
    A row the transaction has locked already is returned as it is, without a
    second query: the lock has kept every other writer out since it was read.
    """
    if not lock or session.get_bind().dialect.name != "postgresql":
        return session.exec(select(model).where(getattr(model, key) == row_id)).first()
    # Kept per savepoint too: one rolled back releases the locks taken in it.
    held: dict[tuple[type, str, int], Any] = transaction_cached(session, _LOCKED, dict)
    row = held.get((model, key, row_id))
    if row is not None and row in session:
        return row  # locked earlier in this transaction: no one else can have changed it
    stmt = select(model).where(getattr(model, key) == row_id)
    row = session.exec(stmt.with_for_update().execution_options(populate_existing=True)).first()
    if row is not None:
        held[(model, key, row_id)] = row
    return row


def get_account(session: Session, account_id: int, *, lock: bool = True) -> Account:
    """The account, locked for update unless ``lock`` is false; refused if it does not exist."""
    account = locked_get(session, Account, account_id, lock=lock)
    if account is None:
        raise NotFound(f"账号 {account_id} 不存在", f"account {account_id} does not exist")
    return account


def get_case(session: Session, case_id: int, *, lock: bool = True) -> Case:
    """The case, row-locked on PostgreSQL so concurrent actions queue behind each other."""
    case = locked_get(session, Case, case_id, lock=lock)
    if case is None:
        raise NotFound(f"案件 {case_id} 不存在", f"case {case_id} does not exist")
    return case


def check_version(
    row: Case | Appeal, expected_version: int, what: tuple[str, str] = ("案件", "case")
) -> None:
    """Refuse when the case (or the appeal, ``what`` naming it: zh, en) changed since the
    reviewer loaded it."""
    if row.version != expected_version:
        raise StaleVersion(
            f"{what[0]} {row.id} 已被他人修改（您看到的是第 {expected_version} 版，"
            f"当前为第 {row.version} 版），请刷新后重试",
            f"{what[1]} {row.id} was changed by someone else (you saw version "
            f"{expected_version}, it is now version {row.version}); reload it and try again",
        )


def require_case_worker(actor: Actor | None, case: Case, now: datetime) -> None:
    """Moderators and supervisors work cases; a live claim keeps others out."""
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR)
    assert actor is not None  # require_role refuses a missing actor
    until = case.claimed_until
    claimed_by_other = case.assignee_id is not None and case.assignee_id != actor.id
    if claimed_by_other and until is not None and until > now:
        if actor.has(Role.SUPERVISOR):
            return
        raise ClaimConflict(
            f"案件 {case.id} 已被审核员 {case.assignee_id} 认领，"
            f"租约至 {until.isoformat(timespec='minutes')}",
            f"case {case.id} is claimed by reviewer {case.assignee_id} until "
            f"{until.isoformat(timespec='minutes')}",
        )


def load_for_action(
    session: Session, actor: Actor | None, case_id: int, expected_version: int, now: datetime
) -> Case:
    """The case, after the role, claim and version checks every case action makes."""
    case = get_case(session, case_id)
    require_case_worker(actor, case, now)
    check_version(case, expected_version)
    return case


def require_status(case: Case, *allowed: str, action_zh: str, action_en: str) -> None:
    if case.status not in allowed:
        zh, en = STATUS_LABELS[CaseStatus(case.status)]
        raise InvalidTransition(
            f"案件 {case.id} 当前状态为「{zh}」，不能{action_zh}",
            f"case {case.id} is {en}; it cannot be {action_en}",
        )


def check_move(case: Case, to: CaseStatus) -> None:
    """Refuse a move the lifecycle (``CASE_TRANSITIONS``) does not allow."""
    current = CaseStatus(case.status)
    if to not in CASE_TRANSITIONS[current]:
        zh_from, en_from = STATUS_LABELS[current]
        zh_to, en_to = STATUS_LABELS[to]
        allowed = CASE_TRANSITIONS[current]
        raise InvalidTransition(
            f"案件 {case.id} 当前为「{zh_from}」，不能改为「{zh_to}」"
            + (f"（可改为：{'、'.join(STATUS_LABELS[s][0] for s in allowed)}）" if allowed else ""),
            f"case {case.id} is {en_from} and cannot become {en_to}"
            + (f" (allowed: {', '.join(STATUS_LABELS[s][1] for s in allowed)})" if allowed else ""),
        )


def touch(case: Case, now: datetime) -> None:
    """Mark the case changed: a new version."""
    case.version += 1
    case.updated_at = now


def case_event(
    actor: Actor | None,
    case: Any,
    action: str,
    before: dict,
    after: dict,
    now: datetime,
    *,
    reason: str | None = None,
) -> dict[str, Any]:
    """The audit event of a change of ``case`` (a case, or a row with its ``id`` and
    ``target_account_id``): what :func:`save` records."""
    return audit.event_fields(
        actor,
        action,
        "case",
        case.id,
        case_id=case.id,
        account_id=case.target_account_id,
        before=before,
        after=after,
        reason=reason,
        at=now,
    )


def save(
    session: Session,
    actor: Actor | None,
    case: Case,
    action: str,
    before: dict,
    now: datetime,
    *,
    reason: str | None = None,
    extra: dict | None = None,
) -> None:
    """Bump the version, write the case and its audit event in the same transaction."""
    touch(case, now)
    session.add(case)
    session.flush()
    after = case_state(case)
    if extra:
        after.update(extra)
    audit.append(session, case_event(actor, case, action, before, after, now, reason=reason))


def move(session: Session, case: Case, to: CaseStatus, now: datetime, **fields: Any) -> dict:
    """Move the case to ``to`` (if the lifecycle allows it), set ``fields``, run its clocks.

    Returns the case's state before the move, for the audit event that
    :func:`save` writes once the caller has finished changing the case.
    """
    check_move(case, to)
    before = case_state(case)
    case.status = to.value
    for name, value in fields.items():
        setattr(case, name, value)
    stops, starts = CLOCK_MOVES[to]
    for stage in stops:
        clocks.stop_clock(session, stage=stage, at=now, case=case)
    for stage in starts:
        clocks.start_clock(session, stage=stage, at=now, case=case)
    return before
