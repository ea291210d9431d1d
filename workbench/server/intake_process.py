"""The bulk intake process: a server worker's batches run apart from the reviewers' requests.

A batch of 500 reports keeps a Python process busy for most of a second (parsing,
screening, planning the cases, chaining the audit events).  Run in a server worker's
threads it would hold that process's interpreter lock while the reviewers' requests
served by the same process wait their turn.  So each server worker on PostgreSQL hands
its ``/v1`` batches to a child process of its own, which runs them one at a time at a
lower CPU priority (:data:`NICENESS`) and seals their audit events itself right after
each commit: a reviewer's request never shares an interpreter with a batch, and on a
busy machine the operating system serves it first.  Single requests still run in the
server's threads.

The child opens its own connections to the same database with the same server key (the
clients' secrets derive from it) and audit key.  The answer, and the changes the server
then announces on its stream, come back as plain data.  A child that dies (killed, out
of memory) fails only the batch it was running, whose transaction then rolls back whole,
with a 503 in words; the next batch starts a new child, and the platform sends the
failed one again: rows it holds that were filed answer as before, by external id.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from workbench.db import make_engine
from workbench.operations.errors import ServerUnavailable
from workbench.records.audit_key import AuditKey, use_audit_key
from workbench.server.heap import settle_heap
from workbench.server.platform import (
    Answer,
    PlatformRequest,
    PlatformRoutes,
    platform_routes,
    refusal,
)

log = logging.getLogger(__name__)

#: How much lower the child's CPU priority is than the server's (``nice``; 0 keeps it equal).
NICENESS = 10

# The child's routes, made once by the pool's initializer: a process-wide value only in
# the child, which exists to run them.
_child_routes: PlatformRoutes | None = None


def _start_child(url: str, key: bytes, audit: AuditKey, niceness: int) -> None:
    global _child_routes
    if niceness:
        os.nice(niceness)
    use_audit_key(audit)
    _child_routes = platform_routes(make_engine(url), key)
    settle_heap()


def _ready() -> int:
    """The child's process id: asked at start, so the child is spawned before the first
    batch arrives, and by :meth:`BulkIntake.child_pid`."""
    return os.getpid()


def _answer(request: PlatformRequest) -> Answer:
    assert _child_routes is not None, "the pool's initializer makes the routes"
    return _child_routes.answer(request)


class BulkIntake:
    """The server worker's bulk intake process, started with the server and called
    with each batch's :class:`~workbench.server.platform.PlatformRequest`."""

    def __init__(self, url: str, key: bytes, audit: AuditKey, *, niceness: int = NICENESS):
        self._initargs = (url, key, audit, niceness)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        self._executor().submit(_ready)

    def stop(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def child_pid(self) -> int:
        """The child's process id (spawning it if needed)."""
        return self._executor().submit(_ready).result(timeout=60)

    def _executor(self) -> Executor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_child,
                    initargs=self._initargs,
                )
            return self._pool

    def _discard(self, pool: Executor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    async def __call__(self, request: PlatformRequest) -> Answer:
        pool = self._executor()
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, _answer, request)
        except BrokenProcessPool:
            log.warning("the bulk intake process stopped during a batch to %s", request.route)
            self._discard(pool)
            return refusal(
                ServerUnavailable(
                    "批量接收进程意外退出，本批可能未保存：请按原 external_id 重发，已保存的行会原样返回",
                    "the bulk intake process stopped; this batch may not have been filed: send it "
                    "again with the same external ids (rows already filed answer as before)",
                )
            )
