"""Muting a reporter and snoozing an account, each until an expiry (issue 15 item 11).

What they do to the queues is explained in :mod:`workbench.cases.holds`.  Setting or
lifting one moves rows in and out of the queues, so the desktops re-read them.
"""

from __future__ import annotations

from workbench.cases import holds
from workbench.cases.holds import HoldView
from workbench.operations.core import Ctx, operation, saved
from workbench.operations.roles import CASE_READERS, MODERATORS

__all__ = ["HoldView", "lift_hold", "list_holds", "mute_reporter", "snooze_account"]


@operation(write=True, roles=MODERATORS)
def mute_reporter(ctx: Ctx, *, report_id: int, hours: float, reason: str) -> int:
    """Mute the reporter of a report for some hours (1 hour to 90 days), with a reason;
    the new mute's id."""
    hold = holds.mute_reporter(
        ctx.session, ctx.signed_in, report_id=report_id, hours=hours, reason=reason, now=ctx.now
    )
    ctx.queues_changed = True
    return saved(hold.id)


@operation(write=True, roles=MODERATORS)
def snooze_account(ctx: Ctx, *, account_id: int, hours: float, reason: str) -> int:
    """Snooze an account's cases for some hours (1 hour to 90 days), with a reason;
    the new snooze's id."""
    hold = holds.snooze_account(
        ctx.session, ctx.signed_in, account_id=account_id, hours=hours, reason=reason, now=ctx.now
    )
    ctx.queues_changed = True
    return saved(hold.id)


@operation(write=True, roles=MODERATORS)
def lift_hold(ctx: Ctx, *, hold_id: int) -> int:
    """End a mute or a snooze before its expiry; its cases come back at once."""
    hold = holds.lift_hold(ctx.session, ctx.signed_in, hold_id, now=ctx.now)
    ctx.queues_changed = True
    return saved(hold.id)


@operation(write=False, roles=CASE_READERS)
def list_holds(ctx: Ctx, *, include_ended: bool = False) -> list[HoldView]:
    """The mutes and snoozes running now (or all of them), the latest first."""
    return holds.list_holds(ctx.session, ctx.signed_in, include_ended=include_ended, now=ctx.now)
