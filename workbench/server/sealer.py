"""The server seals the audit events its database holds unchained, every second.

Every commit in this process already seals what it wrote
(:mod:`workbench.records.sealer`); the timer chains what that missed: events of
a process that died between its commit and its seal, of a seal that failed
while the database was away, or of a desktop writing to the same PostgreSQL
database that has gone quiet.
"""

from __future__ import annotations

from sqlalchemy import Engine

from workbench.records.sealer import seal_all
from workbench.server.periodic import Periodic

SECONDS = 1.0
_RUNNING: set[int] = set()  # the sealers of this process whose timer runs


def timer_running() -> bool:
    """Whether a sealer of this process chains the pending events every few seconds at
    most: then a request may leave its batch's events to it
    (:func:`workbench.records.audit.leave_to_timer`)."""
    return bool(_RUNNING)


class AuditSealer:
    def __init__(self, engine: Engine, *, interval: float = SECONDS):
        self.engine = engine
        self._timer = Periodic(
            self.seal_once,
            interval=interval,
            name="audit-seal",
            failure="the server's audit sealing failed",
        )

    def seal_once(self) -> int:
        """Chain every committed pending event; how many."""
        return seal_all(self.engine)

    def start(self) -> None:
        self._timer.start()
        if self._timer.interval > 0:
            _RUNNING.add(id(self))

    def stop(self) -> None:
        _RUNNING.discard(id(self))
        self._timer.stop()
