"""Bulk actions: the same decision on many selected cases, all or nothing.

The decisions run in one savepoint of the caller's transaction: when any case
refuses (wrong state, stale version, claimed by someone else), every case is
left as it was and the error names the case.  Each case is audited as if
decided alone, plus one event listing the whole batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.cases import transitions
from workbench.cases.casework import now_or
from workbench.errors import ValidationError, WorkbenchError
from workbench.models import Case
from workbench.records import audit

Decision = Callable[..., Case]


def bulk_apply(
    session: Session,
    actor: Actor,
    items: Iterable[tuple[int, int]],
    decision: Decision,
    *,
    now: datetime | None = None,
    **params,
) -> list[Case]:
    """Apply ``decision(session, actor, case_id, expected_version=…, now=…, **params)``
    to every ``(case_id, expected_version)``, all or nothing."""
    now = now_or(now)
    items = list(items)
    ids = [case_id for case_id, _ in items]
    if not items:
        raise ValidationError("请至少选择一个案件", "select at least one case")
    if len(set(ids)) != len(ids):
        raise ValidationError("同一案件被选择了两次", "a case is selected twice")
    done: list[Case] = []
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
            after={"action": decision.__name__, "case_ids": ids, "params": params},
            at=now,
        )
    except BaseException:
        savepoint.rollback()
        raise
    savepoint.commit()
    return done


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
