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

from sqlmodel import Session

from workbench.models import Appeal, Case
from workbench.timelimits.clocks import open_clocks


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
