"""Bulk measures: the same measures on many selected cases in screening, all or nothing.

Each case is disposed of by :func:`workbench.measures.measures.apply_measure`, as if
decided alone (its claim, its findings, its audit events), so a severe measure waits
for a supervisor's approval on every case (2022/17) and never goes around it; the
batch runs, or is previewed, through :func:`workbench.cases.bulk.bulk_apply`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.cases.bulk import BulkStep, bulk_apply, step
from workbench.cases.casework import get_case
from workbench.errors import ValidationError
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.measures.measures import apply_measure
from workbench.models.codes import MeasureStatus


def dispose(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    measures: list[MeasureSpec],
    now: datetime,
) -> BulkStep:
    """One case of a bulk measure: :func:`apply_measure`, as if decided alone."""
    before = get_case(session, case_id, lock=False).status
    taken = apply_measure(
        session, actor, case_id, expected_version=expected_version, measures=measures, now=now
    )
    waiting = MeasureStatus.PENDING_APPROVAL
    return step(
        session,
        case_id,
        expected_version,
        before,
        in_effect=tuple(m.code for m in taken if m.status != waiting),
        awaiting_approval=tuple(m.code for m in taken if m.status == waiting),
    )


def bulk_measures(
    session: Session,
    actor: Actor,
    items: Iterable[tuple[int, int]],
    *,
    measures: list[MeasureSpec],
    now: datetime | None = None,
    dry_run: bool = False,
) -> list[BulkStep]:
    """Dispose of many cases in screening with the same measures, all or nothing; a
    severe measure waits for a supervisor's approval on every case."""
    if not measures:
        raise ValidationError("请至少选择一项处置措施", "choose at least one measure")
    return bulk_apply(
        session, actor, items, dispose, now=now, dry_run=dry_run, measures=list(measures)
    )
