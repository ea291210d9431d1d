"""The clock tick: warnings and breaches of handling time limits, raised once each.

Every open desktop ticks once a minute; a tick raises each warning and
breach once however many desktops run it (the services lock the clocks), and
the change notices tell every view which cases and appeals it touched.
"""

from __future__ import annotations

from workbench.cases.casework import now_or
from workbench.operations.core import Ctx, operation
from workbench.operations.roles import ANY_REVIEWER
from workbench.timelimits.alerts import ClockAlert, TickResult, tick

__all__ = ["ClockAlert", "TickResult", "tick_clocks"]


@operation(write=True, roles=ANY_REVIEWER)
def tick_clocks(ctx: Ctx) -> TickResult:
    """Check every running clock; warn of deadlines at risk and record breaches."""
    return tick(ctx.session, now_or(ctx.now))
