"""The server's change stream: every committed change, to every connected client.

On PostgreSQL each server process ``LISTEN``s (several processes behind one
address all hear every change, whichever made it); on an SQLite file the
one process tells its own clients.  A client that falls too far behind is
told that everything may have moved instead of being sent each change.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import AsyncIterator, Awaitable, Callable

from sqlalchemy import Engine

from workbench.operations import notices
from workbench.operations.streams import EVERYTHING, PgListenStream
from workbench.records.change_feed import Changes

log = logging.getLogger(__name__)

PING_EVERY = 15.0
RECHECK_EVERY = 30.0  # how often a connected client's sign-in is checked again
Alive = Callable[[], Awaitable[bool]]
BACKLOG = 500
LISTEN_WAIT = 5.0


class Broadcaster:
    def __init__(self, engine: Engine, *, ping_every: float = PING_EVERY):
        self.postgres = engine.dialect.name == "postgresql"
        self.engine = engine
        self.ping_every = ping_every
        self.recheck_every = RECHECK_EVERY
        self._queues: set[asyncio.Queue[str | None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listen: PgListenStream | None = None
        self.closed = False

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        if self.postgres:
            listening = threading.Event()
            self._listen = PgListenStream(
                self.engine, self._from_thread, lambda up: listening.set() if up else None
            )
            self._listen.start()
            # Serve once LISTEN is in place, so no change made after start is missed
            # (if the database is slow to answer, start anyway: the stream retries).
            if not await asyncio.to_thread(listening.wait, LISTEN_WAIT):
                log.warning("the change stream is not listening yet; starting anyway")
        self._end_streams_on_signals()

    def _end_streams_on_signals(self) -> None:
        """Open event streams would hold a stopping server for its whole grace
        period: end them first when SIGINT or SIGTERM arrives (uvicorn's own
        handlers, installed before the application starts, run after)."""
        if threading.current_thread() is not threading.main_thread():
            return  # a server in a test thread is stopped through end_streams()
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous = signal.getsignal(sig)
            if not callable(previous):
                continue

            def chained(signum, frame, previous=previous):
                self.end_streams()
                previous(signum, frame)

            signal.signal(sig, chained)

    def end_streams(self) -> None:
        """From any thread: close every event stream (the server is stopping)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._close)

    def _close(self) -> None:
        self.closed = True
        for queue in list(self._queues):
            self._put(queue, None)

    async def stop(self) -> None:
        self._close()
        if self._listen is not None:
            await asyncio.to_thread(self._listen.stop)

    def publish_local(self, changes: Changes) -> None:
        """A change this process made (on PostgreSQL it comes back through LISTEN)."""
        if not self.postgres and not changes.empty:
            self._from_thread(changes)

    def _from_thread(self, changes: Changes) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._fan_out, notices.encode(changes))

    def _fan_out(self, payload: str) -> None:
        for queue in list(self._queues):
            self._put(queue, payload)

    @staticmethod
    def _put(queue: asyncio.Queue[str | None], payload: str | None) -> None:
        try:
            queue.put_nowait(payload)
        except asyncio.QueueFull:  # a slow client: drop its backlog, say "reload everything"
            while not queue.empty():
                queue.get_nowait()
            queue.put_nowait(notices.encode(EVERYTHING) if payload is not None else None)

    @property
    def clients(self) -> int:
        return len(self._queues)

    async def events(self, alive: Alive | None = None) -> AsyncIterator[str]:
        """One client's stream.  ``alive`` says whether its sign-in still holds; it is
        asked again every :attr:`recheck_every` seconds (at an event or a ping), and
        the stream ends once it does not: an expired, ended or disabled sign-in stops
        hearing changes without waiting for the client to go."""
        queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=BACKLOG)
        if self.closed:
            return
        loop = asyncio.get_running_loop()
        checked = loop.time()
        self._queues.add(queue)
        try:
            yield ": connected\n\n"
            while True:
                try:
                    payload: str | None = await asyncio.wait_for(queue.get(), self.ping_every)
                except TimeoutError:
                    payload = ""
                if payload is None:
                    return
                if alive is not None and loop.time() - checked >= self.recheck_every:
                    checked = loop.time()
                    if not await alive():
                        return
                yield f"event: changes\ndata: {payload}\n\n" if payload else ": ping\n\n"
        finally:
            self._queues.discard(queue)
