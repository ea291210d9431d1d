"""The server signs a checkpoint of the audit chain every few minutes.

Each one (:mod:`workbench.queues.checkpoints`) goes to a file on the server's
machine that the database owner does not reach (``workbench serve
--checkpoints FILE``; by default ``audit-checkpoints.jsonl`` in the user data
folder, 0600), so ``workbench audit verify --checkpoints FILE`` later finds
events removed from either end of the chain.  A checkpoint is written only
when the chain has grown since this process's last one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from workbench.audit_key import audit_key
from workbench.db import session_scope
from workbench.models import utcnow
from workbench.queues import checkpoints
from workbench.queues.sealer import seal_all
from workbench.server.periodic import Periodic

log = logging.getLogger(__name__)

ENV_FILE = "WORKBENCH_AUDIT_CHECKPOINTS"
ENV_MINUTES = "WORKBENCH_CHECKPOINT_MINUTES"
MINUTES = 10.0


class AuditCheckpointer:
    def __init__(
        self,
        engine: Engine,
        path: Path | None = None,
        *,
        interval: float = MINUTES * 60,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.engine, self.clock = engine, clock
        self.path = path or checkpoints.default_checkpoint_file()
        self._last: tuple[int, str] | None = None
        self._timer = Periodic(
            self.write_once,
            interval=interval,
            name="audit-checkpoint",
            failure="the server's audit checkpoint failed",
        )

    def write_once(self) -> checkpoints.Checkpoint | None:
        """Seal, then append a checkpoint of the chain's head; None when it has not moved."""
        seal_all(self.engine, durable=True)
        with session_scope(self.engine, write=False) as session:
            checkpoint = checkpoints.take(session, audit_key(), now=self.clock())
        if (checkpoint.event_id, checkpoint.hash) == self._last:
            return None
        checkpoints.append(self.path, checkpoint)
        self._last = (checkpoint.event_id, checkpoint.hash)
        return checkpoint

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        try:
            self.write_once()  # the head as the server leaves it
        except Exception:
            log.exception("the server's last audit checkpoint failed")
