"""Background work of the server process, repeated on a timer.

The clock tick, the webhook deliverer and the audit checkpointer each run
one round every so often on a daemon thread; a failed round (the database
away) is logged and the next one tries again.  An interval of 0 starts no
thread: tests run the rounds by hand.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Periodic:
    def __init__(self, work: Callable[[], object], *, interval: float, name: str, failure: str):
        self.work, self.interval, self.name, self.failure = work, interval, name, failure
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.work()
            except Exception:  # the database is away: the next round tries again
                log.exception(self.failure)

    def start(self) -> None:
        if self._thread is None and self.interval > 0:
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None
