"""Who holds a stage, and since when: what the figures charge a reviewer for.

A clock's ``held_since`` is when its holder took the stage: a claim, a
supervisor's reassignment, or the stage's start if the owner was held then
(:func:`workbench.timelimits.clocks.start_clock`).  Releasing a claim or a lease
running out puts the stage back in the queue.  The figures
(:mod:`workbench.reports.figures`) charge the holder from ``held_since`` and count
the time before as the queue's wait, so claiming an old, overdue case does not
charge its wait, or a breach already past, to the one who finally took it up.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Update, or_, update
from sqlmodel import Session

from workbench.models import Appeal, Case, Clock
from workbench.models.base import table_of
from workbench.timelimits.clocks import OPEN_STATES, open_clocks


def hold_clocks(
    session: Session,
    holder_id: int | None,
    at: datetime,
    *,
    case: Case | None = None,
    appeal: Appeal | None = None,
) -> None:
    """The owner's open clocks are held by ``holder_id`` from ``at`` (None: back in the
    queue).  A holder who still holds them keeps the moment they first took them."""
    for clock in open_clocks(session, case=case, appeal=appeal):
        if holder_id is None:
            clock.assignee_id, clock.held_since = None, None
        elif clock.assignee_id != holder_id or clock.held_since is None:
            clock.assignee_id, clock.held_since = holder_id, at
        else:
            continue
        session.add(clock)
    session.flush()


def hold_case_clocks(case_id: Any, holder_id: Any, at: Any) -> Update:
    """:func:`hold_clocks` of a case by a holder as one UPDATE that loads no clock, for a
    claim written in a single statement (the arguments may be bind parameters)."""
    clock = table_of(Clock).c
    return (
        update(table_of(Clock))
        .where(
            clock.case_id == case_id,
            clock.state.in_([state.value for state in OPEN_STATES]),
            or_(clock.assignee_id.is_distinct_from(holder_id), clock.held_since.is_(None)),
        )
        .values(assignee_id=holder_id, held_since=at)
    )
