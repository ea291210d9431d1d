"""What changed in the database, told to every view through one signal.

:class:`ChangeBus` carries ``changed(kind, ids)``: after the reviewer's own
action (the action code calls ``bus.notify("case", [id])``), and when other
reviewers change things.  Those outside changes come from a change source:
:class:`DatabasePoller` reads the audit log's new events every few seconds (any
database; the only source on SQLite), and :class:`PgListener` receives
PostgreSQL ``NOTIFY workbench`` payloads on a listener thread within a moment.
Views decide for themselves whether a change concerns them.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from sqlalchemy import Engine

from workbench.db import session_scope
from workbench.queues import change_feed, notify
from workbench.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: Kinds carried by the bus.  "queues" means rows may have been added or
#: removed anywhere; "case" names changed cases; other kinds are audit entities.
KIND_CASE = "case"
KIND_QUEUES = "queues"


class ChangeBus(QObject):
    """One signal saying what changed: ``changed(kind, ids)``."""

    changed = Signal(str, list)

    def notify(self, kind: str, ids=()) -> None:
        self.changed.emit(kind, [int(i) for i in ids])


class DatabasePoller(QObject):
    """Polls the audit log and the queue tables' newest ids; cheap (primary keys only)."""

    def __init__(
        self,
        engine: Engine,
        bus: ChangeBus,
        runner: TaskRunner,
        *,
        interval_ms: int = 3000,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.engine, self.bus, self.runner = engine, bus, runner
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._last_event: int | None = None
        self._marker: tuple | None = None
        self._in_flight = False

    def start(self) -> None:
        self.poll()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def poll(self) -> None:
        if self._in_flight:
            return
        self._in_flight = True
        last = self._last_event
        engine = self.engine

        def work(_ctx):
            with session_scope(engine, write=False) as session:
                start = change_feed.latest_event_id(session) if last is None else last
                batch = change_feed.changes_since(session, start)
                return batch, change_feed.row_marker(session)

        self.runner.run(work, on_success=self._apply, on_failure=self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        log.warning("change poll failed: %s", exc)

    def _apply(self, outcome) -> None:
        self._in_flight = False
        batch, marker = outcome
        first = self._last_event is None
        self._last_event = batch.last_event_id
        if first:
            self._marker = marker
            return
        if batch.case_ids:
            self.bus.notify(KIND_CASE, batch.case_ids)
        for entity, ids in batch.entities.items():
            if entity != KIND_CASE:
                self.bus.notify(entity, ids)
        if marker != self._marker:
            self._marker = marker
            self.bus.notify(KIND_QUEUES, [])


class PgListener(QThread):
    """LISTENs on PostgreSQL's ``workbench`` channel on its own connection and
    thread; each notification reaches the bus on the GUI thread."""

    received = Signal(str)
    listening = Signal()  # connected and LISTENing (again, after a reconnect)

    def __init__(self, engine: Engine, bus: ChangeBus, parent: QObject | None = None):
        super().__init__(parent)
        self._conninfo = engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False
        )
        self._stopping = False
        self.bus = bus
        self.received.connect(self._deliver)

    @Slot(str)
    def _deliver(self, payload: str) -> None:
        kind, ids = notify.decode(payload)
        self.bus.notify(kind, ids)

    def stop(self) -> None:
        self._stopping = True
        self.wait(5000)

    def run(self) -> None:
        import psycopg

        backoff = 1.0
        while not self._stopping:
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {notify.CHANNEL}")
                    self.listening.emit()
                    backoff = 1.0
                    while not self._stopping:
                        for note in conn.notifies(timeout=0.5):
                            self.received.emit(note.payload)
            except Exception as exc:  # the server went away: retry, never crash the app
                log.warning("change listener lost its connection: %s", exc)
                deadline = time.monotonic() + backoff
                while not self._stopping and time.monotonic() < deadline:
                    time.sleep(0.1)
                backoff = min(30.0, backoff * 2)


class ChangeSources(QObject):
    """The change sources for one database: the poller everywhere, the
    listener on PostgreSQL.  ``start()`` / ``stop()`` both."""

    def __init__(
        self,
        engine: Engine,
        bus: ChangeBus,
        runner: TaskRunner,
        *,
        poll_ms: int = 3000,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        postgres = engine.dialect.name == "postgresql"
        # With NOTIFY the poll is only a safety net for changes made without it.
        self.poller = DatabasePoller(
            engine, bus, runner, interval_ms=poll_ms * 5 if postgres else poll_ms, parent=self
        )
        self.listener = PgListener(engine, bus, parent=self) if postgres else None

    def start(self) -> None:
        self.poller.start()
        if self.listener is not None:
            self.listener.start()

    def stop(self) -> None:
        self.poller.stop()
        if self.listener is not None:
            self.listener.stop()
