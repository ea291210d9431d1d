"""The case workflow's periodic sweep, run by ``workbench cases sweep`` and by the server.

One list of steps, each in its own short transaction (a sweep never holds the
audit log for long): free expired claims, end measures that ran out, escalate
missed correction orders, clear the case-view heartbeats of crashed desktops
and close replied cases that no appeal can reopen.  Every step is idempotent,
so a second sweep at the same time changes nothing more.

``step`` runs one unit of work in a transaction; the command line uses
:func:`workbench.db.run_in_transaction`, the server its own runner that takes
the sweep's advisory lock and announces what changed (:mod:`workbench.server.sweeper`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlmodel import Session

from workbench.cases.closing import close_settled
from workbench.db import run_in_transaction
from workbench.measures.account_effects import expire_measures
from workbench.measures.corrections import escalate_missed
from workbench.operations.core import saved
from workbench.queues.claims import expire_leases
from workbench.queues.presence import clear_stale

CLOSE_BATCH = 200  # cases closed per transaction


class StepRunner(Protocol):
    def __call__(self, engine: Engine, work: Callable[[Session], Any]) -> Any: ...


@dataclass(frozen=True)
class Swept:
    claims_freed: int
    accounts: list[int]  # accounts whose measures ended
    escalated: list[int]  # escalation cases opened for missed correction orders
    heartbeats_cleared: int
    closed: list[int] = field(default_factory=list)  # replied cases nothing can reopen

    @property
    def changed(self) -> bool:
        return bool(
            self.claims_freed or self.accounts or self.escalated
            or self.heartbeats_cleared or self.closed
        )  # fmt: skip


def _plain(engine: Engine, work: Callable[[Session], Any]) -> Any:
    return run_in_transaction(engine, work)


def sweep(engine: Engine, now: datetime, *, step: StepRunner = _plain) -> Swept:
    """The periodic work of the case workflow at ``now``."""
    freed = step(engine, lambda s: expire_leases(s, now))
    accounts = step(engine, lambda s: list(expire_measures(s, now)))
    escalated = step(engine, lambda s: [saved(c.id) for c in escalate_missed(s, now)])
    cleared = step(engine, lambda s: clear_stale(s, now=now))
    closed: list[int] = []
    while batch := step(engine, lambda s: close_settled(s, now, limit=CLOSE_BATCH)):
        closed += batch
        if len(batch) < CLOSE_BATCH:
            break
    return Swept(freed, accounts, escalated, cleared, closed)
