"""The server sends the platform's outgoing messages to their webhooks (issue 14, "Out").

A thread like the clock ticker's: every :data:`INTERVAL` seconds it claims the
due messages (the first queued one per client and account) in one short
transaction, sends them outside any transaction, and stores what happened in
another; then again, until nothing is due, so an account's queue drains in
order.  On PostgreSQL the server's processes take turns claiming through an
advisory lock, and a claimed message is leased, so no two processes send it at
once.  See :mod:`workbench.platform.platform_outbox` and
:mod:`workbench.platform.platform_delivery`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy import Engine

from workbench.db import run_in_transaction
from workbench.models import utcnow
from workbench.platform import platform_delivery
from workbench.platform.api_clients import secret_for
from workbench.platform.platform_delivery import Outcome, WebhookSender
from workbench.server.periodic import Periodic

log = logging.getLogger(__name__)

INTERVAL = 15.0
BATCH = 50
MAX_PASSES = 1000  # one pass sends at most one message per account


@dataclass(frozen=True)
class Delivered:
    delivered: int = 0
    retried: int = 0
    dead: int = 0


class WebhookDeliverer:
    def __init__(
        self,
        engine: Engine,
        key: bytes,
        *,
        sender: WebhookSender | None = None,
        interval: float = INTERVAL,
        clock: Callable[[], datetime | None] | None = None,
    ):
        self.engine, self.key = engine, key
        self.sender = sender or WebhookSender()
        self.clock = clock
        self._timer = Periodic(
            self.deliver_once,
            interval=interval,
            name="webhooks",
            failure="delivering the platform's messages failed",
        )

    def _now(self) -> datetime:
        return (self.clock() if self.clock is not None else None) or utcnow()

    def deliver_once(self) -> Delivered:
        """Send everything due now, pass after pass, until nothing more is due."""
        delivered = retried = dead = 0
        for _ in range(MAX_PASSES):
            claimed = run_in_transaction(
                self.engine, partial(platform_delivery.claim_due, now=self._now(), limit=BATCH)
            )
            if not claimed:
                break
            outcomes = []
            for outgoing in claimed:
                secret = secret_for(self.key, outgoing.client_id, outgoing.generation)
                try:
                    error = self.sender.send(outgoing, secret, self._now())
                except Exception as exc:  # a sender's failure must never lose a message
                    error = f"{type(exc).__name__}: {exc}"
                outcomes.append(Outcome(outgoing.message_id, error))
            recorded = run_in_transaction(
                self.engine,
                partial(platform_delivery.record_outcomes, outcomes=outcomes, now=self._now()),
            )
            delivered += recorded.delivered
            retried += recorded.retried
            dead += recorded.dead
        return Delivered(delivered, retried, dead)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
