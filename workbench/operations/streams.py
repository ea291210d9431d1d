"""Learning what other reviewers changed, on a thread of its own (no Qt here).

Three sources, one shape: :class:`AuditPollStream` reads the audit log's new
events every few seconds (an SQLite file shared by processes);
:class:`PgListenStream` ``LISTEN``s for the notices operations send on
PostgreSQL; the remote client's stream reads the server's event stream.
Each calls ``tell(changes)`` from its thread and ``status(connected)`` when
its connection comes or goes; after a reconnect it says that everything may
have moved, since notices sent meanwhile are lost.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import Engine

from workbench.db import session_scope
from workbench.operations import notices
from workbench.records import change_feed
from workbench.records.change_feed import Changes

log = logging.getLogger(__name__)

Tell = Callable[[Changes], None]
Status = Callable[[bool], None]
EVERYTHING = Changes({}, queues=True)


class Stream(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


class ThreadStream(ABC):
    """A daemon thread running :meth:`loop` until :meth:`stop`."""

    name = "changes"

    def __init__(self, tell: Tell, status: Status | None = None):
        self.tell = tell
        self.status = status or (lambda _connected: None)
        self.stopping = threading.Event()
        self.connected: bool | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.stopping.set()
        self.interrupt()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def interrupt(self) -> None:  # noqa: B027 (a hook: most streams wake by themselves)
        """Wake a blocking read so :meth:`stop` returns promptly."""

    def set_connected(self, connected: bool) -> None:
        if connected != self.connected:
            was = self.connected
            self.connected = connected
            self.status(connected)
            if connected and was is False:
                self.tell(EVERYTHING)  # what changed while away was not heard

    def _run(self) -> None:
        backoff = 0.5
        while not self.stopping.is_set():
            try:
                self.loop()
                backoff = 0.5
            except Exception as exc:  # the source went away: retry, never crash the app
                if self.stopping.is_set():
                    break
                log.warning("%s stream lost its connection: %s", self.name, exc)
                self.set_connected(False)
                self.stopping.wait(backoff)
                backoff = min(10.0, backoff * 2)

    @abstractmethod
    def loop(self) -> None:
        """Read the source until it fails (raise) or :attr:`stopping` is set."""


class AuditPollStream(ThreadStream):
    """Polls the audit log and the queue tables' newest ids (primary keys only)."""

    name = "audit-poll"

    def __init__(
        self, engine: Engine, tell: Tell, status: Status | None = None, *, interval: float = 2.0
    ):
        super().__init__(tell, status)
        self.engine, self.interval = engine, interval
        self.last_event: int | None = None
        self.marker: tuple | None = None

    def poll_once(self) -> Changes:
        with session_scope(self.engine, write=False) as session:
            if self.last_event is None:
                self.last_event = change_feed.latest_event_id(session)
                self.marker = change_feed.row_marker(session)
                return Changes()
            batch = change_feed.changes_since(session, self.last_event)
            marker = change_feed.row_marker(session)
        self.last_event = batch.last_event_id
        entities = dict(batch.entities)
        if batch.case_ids:
            entities["case"] = tuple(sorted(set(entities.get("case", ())) | set(batch.case_ids)))
        moved = marker != self.marker or bool(entities)
        self.marker = marker
        return Changes(entities, moved)

    def loop(self) -> None:
        while not self.stopping.is_set():
            changes = self.poll_once()
            self.set_connected(True)
            if not changes.empty:
                self.tell(changes)
            self.stopping.wait(self.interval)


class PgListenStream(ThreadStream):
    """``LISTEN``s on the workbench channel on its own connection."""

    name = "pg-listen"

    def __init__(self, engine: Engine, tell: Tell, status: Status | None = None):
        super().__init__(tell, status)
        self.conninfo = engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False
        )

    def loop(self) -> None:
        import psycopg

        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(f"LISTEN {notices.CHANNEL}")
            self.set_connected(True)
            while not self.stopping.is_set():
                for note in conn.notifies(timeout=0.5):
                    changes = notices.decode(note.payload)
                    if changes is not None:
                        self.tell(changes)
