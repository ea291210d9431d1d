"""Muting a reporter and snoozing an account: less noise in the queues, for a while.

What a moderation team expects, and where this differs from Ozone and Mastodon:

* **Muting a reporter** (Ozone's *mute reporter*): the reporter's reports received
  while the mute runs are still filed, joined to their case and timed as usual --
  2022/19 and 2021/20 require every complaint to be accepted and answered in time,
  so unlike Ozone nothing is dropped or left unanswered.  A case whose every report
  came from muted reporters during their mutes leaves the default view of the
  报告 / 投诉 / 自动识别 queues and of 认领下一个; a case with one report from
  anyone else stays.  Reports made before the mute began are not affected.
* **Snoozing an account** (Ozone's *mute subject*, Discourse's snooze): the account's
  open cases in those queues leave the default view; new reports about it join its
  open case as always (grouped there, see :mod:`workbench.cases.intake`) and do
  not bring it back until the snooze ends.
* Each has an expiry (one hour to 90 days) and a reason, is audited, listed
  (:func:`list_holds`), and can be lifted early (:func:`lift_hold`), which brings
  the cases back at once.  At expiry they come back by themselves.
* A held case comes back into view :data:`RETURNS_BEFORE` (two hours) before its
  deadline, and stays when breached: the deadline does not wait for a mute.  (Not
  at the clocks' 临近超时 warning: with one working day to accept a report, a new
  case is at risk from the start, so a mute would hide nothing.)  The queue counts
  and the dashboard count held cases too; 显示静音与暂缓的案件 in the filter bar's
  筛选 menu shows them in the table, where they are handled as usual (a bulk
  不予受理 of a muted reporter's reports, for one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.errors import InvalidTransition, NotFound, ValidationError
from workbench.models import Account, Case, Report, Reporter, Reviewer, utcnow
from workbench.models.base import saved
from workbench.models.codes import ClockState, Queue, Role
from workbench.models.hold import HOLD_REASON_MAX_CHARS, MUTE, SNOOZE, QueueHold
from workbench.records import audit
from workbench.records.entry_text import short_entry
from workbench.rules.privacy import mask_in_text

#: Who mutes, snoozes and lifts: those who work the queues.
HOLDERS = (Role.MODERATOR, Role.SUPERVISOR)
#: Who reads the list.
HOLD_READERS = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER, Role.ADMINISTRATOR)
HOUR = timedelta(hours=1)
SHORTEST = HOUR
LONGEST = timedelta(days=90)
#: The queues whose default view leaves held cases out: those reports arrive in.
HELD_QUEUES = (Queue.REPORTS, Queue.COMPLAINTS, Queue.AUTOMATED)
#: A held case is shown again this long before it is due.
RETURNS_BEFORE = timedelta(hours=2)


@dataclass(frozen=True)
class HoldView:
    """A mute or a snooze as the list shows it: the reason masked, people by name."""

    id: int
    kind: str  # mute | snooze
    target: str  # the reporter's or the account's name
    reporter_id: int | None
    account_id: int | None
    reason: str
    starts_at: datetime
    until: datetime
    set_by: str
    lifted_at: datetime | None
    lifted_by: str | None
    active: bool


def _reason(text: str) -> str:
    return short_entry(
        text,
        HOLD_REASON_MAX_CHARS,
        empty=("请填写理由", "give a reason: the next reviewer reads it"),
        what=("理由", "reason"),
    )


def _length(hours: float) -> timedelta:
    # Compared as hours first: a huge or non-finite number has no timedelta.
    if not SHORTEST / HOUR <= hours <= LONGEST / HOUR:
        raise ValidationError(
            "期限须在 1 小时至 90 天之间", f"the length must be 1 hour to 90 days, not {hours:g} h"
        )
    return timedelta(hours=hours)


def _active(now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        col(QueueHold.lifted_at).is_(None),
        col(QueueHold.starts_at) <= now,
        col(QueueHold.until) > now,
    )


#: What each kind is called in a refusal.
_NAMES = {MUTE: ("静音", "a mute"), SNOOZE: ("暂缓", "a snooze")}


def _set(
    session: Session,
    actor: Actor,
    kind: str,
    *,
    reporter_id: int | None = None,
    account_id: int | None = None,
    reason: str,
    hours: float,
    now: datetime,
    case_id: int | None = None,
) -> QueueHold:
    """Start a mute (of ``reporter_id``) or a snooze (of ``account_id``) at ``now``;
    refused while one runs on the same reporter or account.  Audited."""
    text, length = _reason(reason), _length(hours)
    column = col(QueueHold.reporter_id) if kind == MUTE else col(QueueHold.account_id)
    target = reporter_id if kind == MUTE else account_id
    running = session.exec(select(QueueHold).where(column == target, *_active(now))).first()
    if running is not None:
        until, (zh, en) = running.until.isoformat(timespec="minutes"), _NAMES[kind]
        raise InvalidTransition(
            f"{zh}已在{until}前生效（#{running.id}）；如需改期，请先撤销",
            f"{en} already runs until {until} (#{running.id}); lift it first to change it",
        )
    hold = QueueHold(
        kind=kind,
        reporter_id=reporter_id,
        account_id=account_id,
        reason=text,
        starts_at=now,
        until=now + length,
        created_by=actor.id,
    )
    session.add(hold)
    session.flush()
    audit.record(
        session,
        actor,
        f"{kind}.set",
        "queue_hold",
        hold.id,
        case_id=case_id,
        account_id=account_id,
        after={
            "reporter_id": reporter_id,
            "account_id": account_id,
            "until": hold.until,
            "reason": mask_in_text(text),
        },
        reason=mask_in_text(text),
        at=now,
    )
    return hold


def mute_reporter(
    session: Session,
    actor: Actor,
    *,
    report_id: int,
    hours: float,
    reason: str,
    now: datetime | None = None,
) -> QueueHold:
    """Mute the reporter of ``report_id`` for ``hours`` (see the module's notes)."""
    require_role(actor, *HOLDERS)
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound(f"举报 {report_id} 不存在", f"report {report_id} does not exist")
    if report.reporter_id is None:
        raise ValidationError(
            f"举报 {report_id} 没有举报人（自动识别），无从静音",
            f"report {report_id} has no reporter (it was raised automatically): nobody to mute",
        )
    return _set(
        session, actor, MUTE, reporter_id=report.reporter_id, reason=reason, hours=hours,
        now=now or utcnow(), case_id=report.case_id,
    )  # fmt: skip


def snooze_account(
    session: Session,
    actor: Actor,
    *,
    account_id: int,
    hours: float,
    reason: str,
    now: datetime | None = None,
) -> QueueHold:
    """Snooze the account ``account_id`` for ``hours`` (see the module's notes)."""
    require_role(actor, *HOLDERS)
    if session.get(Account, account_id) is None:
        raise NotFound(f"账号 {account_id} 不存在", f"account {account_id} does not exist")
    return _set(
        session, actor, SNOOZE, account_id=account_id, reason=reason, hours=hours,
        now=now or utcnow(),
    )  # fmt: skip


def lift_hold(
    session: Session, actor: Actor, hold_id: int, *, now: datetime | None = None
) -> QueueHold:
    """End a mute or snooze before its expiry: its cases come back at once.  Audited."""
    require_role(actor, *HOLDERS)
    now = now or utcnow()
    hold = session.get(QueueHold, hold_id)
    if hold is None:
        raise NotFound(f"静音/暂缓 #{hold_id} 不存在", f"there is no mute or snooze #{hold_id}")
    if hold.lifted_at is not None or hold.until <= now:
        raise InvalidTransition(
            f"静音/暂缓 #{hold_id} 已结束", f"mute or snooze #{hold_id} has ended already"
        )
    hold.lifted_at, hold.lifted_by = now, actor.id
    session.add(hold)
    session.flush()
    audit.record(
        session,
        actor,
        f"{hold.kind}.lift",
        "queue_hold",
        hold.id,
        account_id=hold.account_id,
        before={"until": hold.until},
        after={"lifted_at": now},
        at=now,
    )
    return hold


def list_holds(
    session: Session, actor: Actor, *, include_ended: bool = False, now: datetime | None = None
) -> list[HoldView]:
    """The mutes and snoozes running now (or all), the latest first."""
    require_role(actor, *HOLD_READERS)
    now = now or utcnow()
    stmt = select(QueueHold).order_by(col(QueueHold.starts_at).desc(), col(QueueHold.id).desc())
    if not include_ended:
        stmt = stmt.where(*_active(now))
    holds = session.exec(stmt).all()
    names = _names(session, Reviewer, Reviewer.display_name, _ids(holds, "created_by", "lifted_by"))
    reporters = _names(session, Reporter, Reporter.name, _ids(holds, "reporter_id"))
    accounts = _names(session, Account, Account.name, _ids(holds, "account_id"))
    return [
        HoldView(
            id=h.id or 0,
            kind=h.kind,
            target=(reporters if h.kind == MUTE else accounts).get(
                h.reporter_id if h.kind == MUTE else h.account_id, ""
            ),
            reporter_id=h.reporter_id,
            account_id=h.account_id,
            reason=mask_in_text(h.reason) or "",
            starts_at=h.starts_at,
            until=h.until,
            set_by=names.get(h.created_by, ""),
            lifted_at=h.lifted_at,
            lifted_by=names.get(h.lifted_by) if h.lifted_by is not None else None,
            active=h.lifted_at is None and h.starts_at <= now < h.until,
        )
        for h in holds
    ]


def _ids(holds: Iterable[QueueHold], *fields: str) -> set[int]:
    return {v for h in holds for f in fields if (v := getattr(h, f)) is not None}


def _names(session: Session, model: Any, column: Any, ids: set[int]) -> dict[int | None, str]:
    if not ids:
        return {}
    rows = session.exec(select(model.id, column).where(col(model.id).in_(sorted(ids)))).all()
    return {row_id: name for row_id, name in rows}


def held_case_ids(session: Session, now: datetime) -> frozenset[int]:
    """The open cases that muted reporters or snoozed accounts keep out of the default
    view at ``now``: none breached or due within :data:`RETURNS_BEFORE`."""
    holds = session.exec(select(QueueHold).where(*_active(now))).all()
    if not holds:
        return frozenset()
    snoozed = [h.account_id for h in holds if h.kind == SNOOZE]
    held: set[int] = set()
    case_id, closed = col(Case.id), col(Case.closed_at)
    if snoozed:
        open_cases = select(case_id).where(
            col(Case.target_account_id).in_(snoozed), closed.is_(None)
        )
        held.update(saved(i) for i in session.exec(open_cases))
    mutes = [h for h in holds if h.kind == MUTE]
    if mutes:
        reporter, received, reported = (
            col(Report.reporter_id),
            col(Report.received_at),
            col(Report.case_id),
        )
        muted_reports = or_(
            *((reporter == h.reporter_id) & (received >= h.starts_at) for h in mutes)
        )
        touched = select(reported).where(reported.is_not(None), muted_reports)
        voiced = select(reported).where(
            reported.in_(touched), or_(reporter.is_(None), ~muted_reports)
        )
        only_muted = select(case_id).where(
            case_id.in_(touched), case_id.not_in(voiced), closed.is_(None)
        )
        held.update(saved(i) for i in session.exec(only_muted))
    return _not_urgent(session, held, now)


def _not_urgent(session: Session, held: set[int], now: datetime) -> frozenset[int]:
    """``held`` less the cases breached or due within :data:`RETURNS_BEFORE` of ``now``."""
    if not held:
        return frozenset()
    case_id = col(Case.id)
    urgent = session.exec(
        select(case_id).where(
            case_id.in_(sorted(held)),
            or_(
                col(Case.clock_state) == ClockState.BREACHED.value,
                col(Case.due_at) <= now + RETURNS_BEFORE,
            ),
        )
    ).all()
    return frozenset(held - set(urgent))
