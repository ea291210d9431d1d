"""Bulk actions: the same decision on many selected cases, all or nothing.

The decisions run in one savepoint of the caller's transaction: when any case
refuses (wrong state, stale version, claimed by someone else, a reply while a
severe measure awaits approval), every case is left as it was and the error
names the case.  Each case is decided by the same service as when decided alone
-- its roles, its claim, its audit event, and for a severe measure its own wait
for a supervisor's approval -- plus one event listing the whole batch.

A preview (``dry_run``) runs exactly that and rolls it back: it says per case
what would happen (:class:`BulkStep`), or refuses as the real run would.  Bulk
measures live in :mod:`workbench.measures.bulk`, bulk replies in
:mod:`workbench.replies.bulk`; both go through :func:`bulk_apply`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, is_dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.cases import transitions
from workbench.cases.casework import get_case, now_or
from workbench.errors import ValidationError, WorkbenchError
from workbench.models import Case
from workbench.records import audit
from workbench.records.change_feed import clear_changes, collected_changes, note_change

Decision = Callable[..., Any]


@dataclass(frozen=True)
class BulkStep:
    """What a bulk action does (or would do) to one case."""

    case_id: int
    version: int  # the version the step was asked on
    status_before: str
    status_after: str
    in_effect: tuple[str, ...] = ()  # measure codes in effect at once
    awaiting_approval: tuple[str, ...] = ()  # severe measures sent to a supervisor
    replies: int = 0  # replies queued to the case's reporters


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def bulk_apply(
    session: Session,
    actor: Actor,
    items: Iterable[tuple[int, int]],
    decision: Decision,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    **params: Any,
) -> list:
    """Apply ``decision(session, actor, case_id, expected_version=…, now=…, **params)``
    to every ``(case_id, expected_version)``, all or nothing; with ``dry_run`` run it
    and roll it back (the results must then be plain values)."""
    now = now_or(now)
    items = list(items)
    ids = [case_id for case_id, _ in items]
    if not items:
        raise ValidationError("请至少选择一个案件", "select at least one case")
    if len(set(ids)) != len(ids):
        raise ValidationError("同一案件被选择了两次", "a case is selected twice")
    noted = collected_changes(session)
    done: list = []
    savepoint = session.begin_nested()
    try:
        for case_id, version in items:
            try:
                done.append(
                    decision(session, actor, case_id, expected_version=version, now=now, **params)
                )
            except WorkbenchError as exc:
                raise type(exc)(
                    f"批量操作未执行（案件 {case_id}）：{exc.zh}",
                    f"nothing was changed: case {case_id} refused: {exc.en}",
                ) from exc
        audit.record(
            session,
            actor,
            "case.bulk",
            "case",
            None,
            after={
                "action": decision.__name__,
                "case_ids": ids,
                "params": {k: _plain(v) for k, v in params.items()},
            },
            at=now,
        )
    except BaseException:
        savepoint.rollback()
        raise
    if dry_run:
        savepoint.rollback()
        _renote(session, noted)
    else:
        savepoint.commit()
    return done


def _renote(session: Session, noted) -> None:
    """The session's change notes as they were before a rolled-back preview."""
    clear_changes(session)
    for kind, kind_ids in noted.entities.items():
        for entity_id in kind_ids:
            note_change(session, kind, entity_id, None)


def bulk_decline(
    session: Session,
    actor: Actor,
    items: Iterable[tuple[int, int]],
    *,
    reason_code: str,
    note: str = "",
    now: datetime | None = None,
) -> list[Case]:
    """Decline many received cases with one reason code, all or nothing."""
    return bulk_apply(
        session, actor, items, transitions.decline_case, now=now, reason_code=reason_code, note=note
    )


def bulk_accept(
    session: Session, actor: Actor, items: Iterable[tuple[int, int]], *, now: datetime | None = None
) -> list[Case]:
    """Accept many received cases, all or nothing."""
    return bulk_apply(session, actor, items, transitions.accept_case, now=now)


def step(session: Session, case_id: int, version: int, before: str, **effects: Any) -> BulkStep:
    """What a bulk decision did to case ``case_id`` (its status ``before`` it), read
    before any rollback."""
    after = get_case(session, case_id, lock=False).status
    return BulkStep(case_id, version, before, after, **effects)
