"""The server sweeps the case workflow itself, every few minutes.

With a team server nobody needs a cron job for ``workbench cases sweep``: the
server frees expired claims, ends measures that ran out, escalates missed
correction orders, clears stale case-view heartbeats and closes settled cases
(:mod:`workbench.operations.sweep`) on a timer, and every connected desktop
hears of what changed.  On PostgreSQL the server's processes take turns
through an advisory lock, so one process sweeps at a time; a round that finds
another process sweeping stops and leaves the work to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import Session

from workbench.db import run_in_transaction
from workbench.models import utcnow
from workbench.operations.runner import announce
from workbench.operations.sweep import Swept, sweep
from workbench.records.change_feed import Changes, clear_changes
from workbench.server.periodic import Periodic

SWEEP_LOCK = 0x73776570  # "swep": the advisory lock key the server processes share
MINUTES = 5.0


class _Busy(Exception):
    """Another server process holds the sweep's lock."""


class CaseSweeper:
    def __init__(
        self,
        engine: Engine,
        publish: Callable[[Changes], None],
        *,
        interval: float = MINUTES * 60,
        clock: Callable[[], datetime | None] | None = None,
    ):
        self.engine, self.publish, self.clock = engine, publish, clock
        self._timer = Periodic(
            self.sweep_once,
            interval=interval,
            name="case-sweep",
            failure="the server's case sweep failed",
        )

    def sweep_once(self) -> Swept | None:
        """One sweep at the server's time; None when another process is sweeping."""
        now = (self.clock() if self.clock is not None else None) or utcnow()
        try:
            return sweep(self.engine, now, step=self._step)
        except _Busy:
            return None

    def _step(self, engine: Engine, work: Callable[[Session], Any]) -> Any:
        def locked(session: Session) -> tuple[Any, Changes]:
            if session.get_bind().dialect.name == "postgresql":
                taken = session.execute(
                    text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": SWEEP_LOCK}
                ).scalar_one()
                if not taken:
                    raise _Busy
            clear_changes(session)
            result = work(session)
            return result, announce(session)

        result, changes = run_in_transaction(engine, locked)
        if not changes.empty:
            self.publish(changes)
        return result

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
