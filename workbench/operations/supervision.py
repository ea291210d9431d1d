"""What the supervisor's dashboard reads: the time-limit figures, the weekly
breach trend, the severe measures awaiting approval, who a case can be handed
to, and the figures as a file to save.

Reassigning a case and deciding an approval are
:func:`workbench.operations.cases.reassign_case` and
:func:`workbench.operations.cases.decide_approval`; the queue counts are
:func:`workbench.operations.reads.queue_counts` over :data:`QUEUE_ORDER`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import Base64Bytes

from workbench.measures.measure_catalogue import MeasureSpec
from workbench.models import utcnow
from workbench.operations.core import Ctx, operation
from workbench.operations.roles import SUPERVISION
from workbench.queues.read import QUEUE_ORDER
from workbench.reports import figures, supervision
from workbench.reports.figures import UNASSIGNED, DueSummary, GroupFigures, SupervisorFigures
from workbench.reports.supervision import PendingApproval, WeekFigures

__all__ = [
    "QUEUE_ORDER",
    "DueSummary",
    "FiguresFile",
    "GroupFigures",
    "MeasureSpec",
    "PendingApproval",
    "Reviewer",
    "SupervisorFigures",
    "WeekFigures",
    "UNASSIGNED",
    "assignable_reviewers",
    "breach_trend",
    "export_figures",
    "pending_approvals",
    "supervisor_figures",
]

MAX_DAYS = 366
MAX_WEEKS = 104


@dataclass(frozen=True)
class Reviewer:
    """Someone a case can be handed to."""

    id: int
    name: str


@dataclass(frozen=True)
class FiguresFile:
    """The figures as a file the desktop saves where the supervisor chose."""

    format: str  # "csv" or "xlsx"
    content: Base64Bytes  # base64 on the wire, bytes in Python


def _figures(ctx: Ctx, days: int) -> SupervisorFigures:
    now = ctx.now or utcnow()
    days = max(1, min(int(days), MAX_DAYS))
    return figures.supervisor_figures(ctx.session, now=now, since=now - timedelta(days=days))


@operation(write=False, roles=SUPERVISION)
def supervisor_figures(ctx: Ctx, *, days: int = 30) -> SupervisorFigures:
    """Due, at risk and breached now; handling time per queue and reviewer over ``days``."""
    return _figures(ctx, days)


@operation(write=False, roles=SUPERVISION)
def breach_trend(ctx: Ctx, *, weeks: int = 8) -> list[WeekFigures]:
    """Met and breached clocks per week, the oldest week first."""
    now = ctx.now or utcnow()
    return supervision.breach_trend(ctx.session, now=now, weeks=max(1, min(int(weeks), MAX_WEEKS)))


@operation(write=False, roles=SUPERVISION)
def pending_approvals(ctx: Ctx) -> list[PendingApproval]:
    """Severe measures waiting for a supervisor's approval, the oldest first."""
    return supervision.pending_approvals(ctx.session)


@operation(write=False, roles=SUPERVISION)
def assignable_reviewers(ctx: Ctx) -> list[Reviewer]:
    """Active moderators and supervisors a case can be reassigned to, by name."""
    return [Reviewer(rid, name) for rid, name in supervision.assignable_reviewers(ctx.session)]


@operation(write=False, roles=SUPERVISION)
def export_figures(ctx: Ctx, *, format: Literal["csv", "xlsx"], days: int = 30) -> FiguresFile:
    """The figures as a CSV or XLSX file's bytes; the desktop writes the file on its
    own machine (over a server the server's disk is not the reviewer's)."""
    data = _figures(ctx, days)
    with tempfile.TemporaryDirectory(prefix="workbench-figures-") as folder:
        path = Path(folder) / f"figures.{format}"
        figures.export(data, path)
        return FiguresFile(format, path.read_bytes())
