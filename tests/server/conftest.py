"""A real workbench server on 127.0.0.1 for the tests: uvicorn in a thread,
on the test's fresh database, with a clock the test can move."""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
import uvicorn

from workbench.access.auth import hash_password
from workbench.db import session_scope
from workbench.models import Reviewer, ReviewerRole
from workbench.operations.database import ensure_seeded
from workbench.operations.local import LocalClient
from workbench.operations.remote import RemoteClient
from workbench.server.app import create_app

PASSWORD = "server-pass-2026"
ROLES = {
    "admin": "administrator",
    "mod": "moderator",
    "mod2": "moderator",
    "sup": "supervisor",
    "sup2": "supervisor",
    "appeals": "appeal_reviewer",
}


class Clock:
    """The server's clock in a test: real time unless set."""

    def __init__(self) -> None:
        self.at: datetime | None = None

    def __call__(self) -> datetime | None:
        return self.at


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config):
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=sockets)
        self.ready.set()


class RunningServer:
    """uvicorn serving the workbench app in a thread; ``restart()`` keeps the port."""

    def __init__(self, engine, clock: Clock, **app_options):
        self.engine, self.clock, self.app_options = engine, clock, app_options
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        app = create_app(  # tests tick by hand
            self.engine, clock=self.clock, tick_every=0, **self.app_options
        )
        self.app = app
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=1,
            lifespan="on",
        )
        self._server = _Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        if not self._server.ready.wait(20):
            raise RuntimeError("the test server did not start")

    def stop(self) -> None:
        if self._server is not None:
            self.app.state.broadcaster.end_streams()  # as SIGTERM does for workbench serve
            self._server.should_exit = True
            self._thread.join(20)
            self._server = None

    def restart(self) -> None:
        self.stop()
        self.start()


@functools.cache
def _password_hash() -> str:
    """:data:`PASSWORD` hashed once per test run (scrypt costs 0.1 s a time)."""
    return hash_password(PASSWORD)


def add_team(engine) -> dict[str, int]:
    """One reviewer per login in :data:`ROLES`, all with :data:`PASSWORD`."""
    ids = {}
    with session_scope(engine) as s:
        for login, role in ROLES.items():
            reviewer = Reviewer(
                login=login, display_name=login.title(), password_hash=_password_hash()
            )
            s.add(reviewer)
            s.flush()
            s.add(ReviewerRole(reviewer_id=reviewer.id, role=role))
            ids[login] = reviewer.id
    return ids


@pytest.fixture
def team(engine) -> dict[str, int]:
    ensure_seeded(engine)
    return add_team(engine)


@pytest.fixture
def server_clock() -> Clock:
    return Clock()


@pytest.fixture
def server(engine, team, server_clock) -> Iterator[RunningServer]:
    running = RunningServer(engine, server_clock)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def remote(server) -> Iterator:
    """``remote(login)``: a client of the test server signed in as ``login``."""
    clients: list[RemoteClient] = []

    def make(login: str | None = None) -> RemoteClient:
        client = RemoteClient(server.url, timeout=10)
        if login is not None:
            client.sign_in(login, PASSWORD)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture(params=["local", "remote"])
def client_as(request, engine, team):
    """``client_as(login)`` through each transport: in process, and through a real server."""
    if request.param == "local":

        def local(login: str):
            client = LocalClient(engine)
            client.sign_in(login, PASSWORD)
            return client

        return local
    return request.getfixturevalue("remote")


@pytest.fixture
def http(server) -> Iterator:
    """A raw HTTP client of the test server (one connection, reused)."""
    import httpx

    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client
