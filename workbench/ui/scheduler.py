"""The in-app scheduler that raises time-limit warnings and breaches.

A :class:`ClockScheduler` runs :func:`workbench.timelimits.alerts.tick` every
``interval_ms`` (one minute by default) on a worker thread, in its own
transaction, and tells the GUI what it raised: ``ticked`` after every tick,
``changed`` only when a warning or breach was raised (both carry the
:class:`~workbench.timelimits.alerts.TickResult`), ``failed`` with a readable
message when the database could not be reached.  A tick still running when
the timer fires again is not doubled up.  ``threaded=False`` runs the tick on
the GUI thread (it is quick).  Several desktops and ``workbench clocks tick``
may run together: each warning and breach is still raised once, because the
level is written in the same transaction as its audit event.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from workbench.operations import timelimits
from workbench.operations.client import Client
from workbench.operations.timelimits import TickResult
from workbench.ui.errors import refusal_text
from workbench.ui.i18n import error_text

log = logging.getLogger(__name__)


class ClockScheduler(QObject):
    ticked = Signal(object)  # TickResult
    changed = Signal(object)  # TickResult with something raised
    failed = Signal(str)
    _done = Signal(object)  # from the worker thread, delivered on the GUI thread
    _error = Signal(str)

    def __init__(
        self,
        client: Client,
        *,
        interval_ms: int = 60_000,
        threaded: bool = True,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._client = client
        self._threaded = threaded
        self._busy = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick_now)
        self._done.connect(self._finish)
        self._error.connect(self._fail)

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def running(self) -> bool:
        """Whether the timer is ticking (between :meth:`start` and :meth:`stop`)."""
        return self._timer.isActive()

    def start(self) -> None:
        """Tick now and then every interval."""
        self._timer.start()
        self.tick_now()

    def stop(self) -> None:
        """Stop the timer and wait for a tick in progress to end."""
        self._timer.stop()
        self._pool.waitForDone()

    @Slot()
    def tick_now(self) -> None:
        if self._busy:
            return
        self._busy = True
        if self._threaded:
            self._pool.start(self._work)
        else:
            self._work()

    def _work(self) -> None:
        try:
            result = self._client.call(timelimits.tick_clocks)
        except Exception as exc:  # shown to the supervisor, never raised into Qt
            refused = refusal_text(exc)  # in words (signed out, say): logged, no fault
            if refused is None:
                log.exception("clock tick failed")
            reason = refused or str(exc)
            self._error.emit(
                error_text("时限检查失败：", "checking the time limits failed: ") + reason
            )
        else:
            self._done.emit(result)

    @Slot(object)
    def _finish(self, result: TickResult) -> None:
        self._busy = False
        self.ticked.emit(result)
        if result.changed:
            self.changed.emit(result)

    @Slot(str)
    def _fail(self, message: str) -> None:
        self._busy = False
        self.failed.emit(message)
