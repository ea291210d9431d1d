"""The server raises time-limit warnings and breaches itself, once a minute.

Desktops connected to a server do not tick (a team of fifty would tick fifty
times a minute); the server does, with no desktop open.  On PostgreSQL the
server's processes take turns through an advisory lock, so one tick runs at a
time; each warning and breach is raised once anyway (see
:func:`workbench.timelimits.alerts.tick`).  What a tick raises reaches every
desktop as a change notice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from sqlalchemy import Engine, text
from sqlmodel import Session

from workbench.access import sessions
from workbench.db import run_in_transaction
from workbench.models import utcnow
from workbench.operations.runner import announce
from workbench.records.change_feed import Changes, clear_changes
from workbench.server.periodic import Periodic
from workbench.timelimits.alerts import ClockAlert, DueRaise, TickResult, due_raises, raise_due

log = logging.getLogger(__name__)

TICK_LOCK = 0x776F726B  # "work": the advisory lock key the server processes share
INTERVAL = 60.0
BATCH = 25  # raises per transaction: reviewers wait at most one batch


class ClockTicker:
    def __init__(
        self,
        engine: Engine,
        publish: Callable[[Changes], None],
        *,
        interval: float = INTERVAL,
        clock: Callable[[], datetime | None] | None = None,
    ):
        self.engine, self.publish = engine, publish
        self.clock = clock
        self._timer = Periodic(
            self.tick_once,
            interval=interval,
            name="clock-tick",
            failure="the server's clock tick failed",
        )

    def tick_once(self) -> TickResult | None:
        """One tick: one read of the running clocks, then the raises in short
        transactions of at most :data:`BATCH` each (a raise holds the audit log's
        head, which every reviewer's change waits for); None when another server
        process is ticking right now."""
        now = (self.clock() if self.clock is not None else None) or utcnow()
        scanned = run_in_transaction(self.engine, partial(self._scan, now=now))
        if scanned is None:
            return None
        checked, due = scanned
        warned: list[ClockAlert] = []
        breached: list[ClockAlert] = []
        for start in range(0, len(due), BATCH):
            outcome = run_in_transaction(
                self.engine, partial(self._raise, now=now, due=due[start : start + BATCH])
            )
            if outcome is None:
                break  # another process took the turn: it raises what is left
            (batch_warned, batch_breached), changes = outcome
            self.publish(changes)
            warned += batch_warned
            breached += batch_breached
        return TickResult(now, checked, warned, breached)

    def _turn(self, session: Session) -> bool:
        """This process's turn to tick (PostgreSQL: the advisory lock of the transaction)."""
        if session.get_bind().dialect.name != "postgresql":
            return True
        return bool(
            session.execute(
                text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": TICK_LOCK}
            ).scalar_one()
        )

    def _scan(self, session: Session, *, now: datetime) -> tuple[int, list[DueRaise]] | None:
        if not self._turn(session):
            return None
        sessions.prune(session, now=now)  # ended sign-ins, old write answers
        return due_raises(session, now)

    def _raise(
        self, session: Session, *, now: datetime, due: list[DueRaise]
    ) -> tuple[tuple[list[ClockAlert], list[ClockAlert]], Changes] | None:
        if not self._turn(session):
            return None
        clear_changes(session)
        raised = raise_due(session, now, due)
        return raised, announce(session)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
