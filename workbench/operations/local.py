"""Operations in this process, on a database this process opened.

The single reviewer's transport: the desktop on its SQLite file (and the
database owner's tools on PostgreSQL).  Each call is one transaction on the
engine; the changes reach this client's subscribers after the commit, and
other processes learn of them from the audit log (SQLite) or ``NOTIFY``
(PostgreSQL) through :meth:`LocalClient.changes_stream`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine

from workbench.access import auth
from workbench.access.auth import Actor
from workbench.errors import WorkbenchError
from workbench.operations import database, streams
from workbench.operations.client import Listener, Subscribers, keyword_arguments
from workbench.operations.core import Ctx, spec_of
from workbench.operations.errors import readable
from workbench.operations.runner import execute, signed_in_reviewer

P = ParamSpec("P")
R = TypeVar("R")


class LocalClient:
    """Runs operations in process.  ``clock`` (tests, the demo) sets the time
    the services see; by default they read the system clock."""

    kind = "local"

    def __init__(
        self,
        engine: Engine,
        *,
        actor: Actor | None = None,
        clock: Callable[[], datetime | None] | None = None,
    ):
        self.engine = engine
        self.actor = actor
        self.clock = clock
        self.subscribers = Subscribers()
        url = engine.url
        self.location = (
            f"sqlite:///{url.database}"
            if url.get_backend_name() == "sqlite"
            else url.render_as_string(hide_password=True)
        )

    @classmethod
    def open(cls, url: str | None, *, migrate: bool = True) -> LocalClient:
        """A client on ``url`` (the embedded file by default), its schema brought up to date."""
        return cls(database.open_database(url, migrate=migrate))

    def call(self, op: Callable[Concatenate[Ctx, P], R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        spec = spec_of(op)
        arguments = keyword_arguments(op, args, kwargs)
        actor_id = self.actor.id if self.actor is not None else None
        now = self.clock() if self.clock is not None else None
        try:
            outcome = execute(
                self.engine, spec, arguments, signed_in_reviewer(actor_id), now=now
            )
        except WorkbenchError:
            raise
        except Exception as exc:  # a refusal by the database reads as the server's would
            refusal = readable(exc)
            if refusal is None:
                raise
            raise refusal from exc
        self.subscribers.tell(outcome.changes)
        return outcome.result

    def sign_in(self, login: str, password: str) -> Actor:
        """Check the password (failures count towards the lockout) and act as that reviewer."""
        now = self.clock() if self.clock is not None else None
        self.actor = auth.sign_in(self.engine, login, password, now=now)
        return self.actor

    def sign_out(self) -> None:
        self.actor = None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self.subscribers.add(listener)

    def changes_stream(self, status: streams.Status | None = None) -> streams.Stream:
        """What other processes change: ``LISTEN`` on PostgreSQL, the audit log on SQLite."""
        if self.engine.dialect.name == "postgresql":
            return streams.PgListenStream(self.engine, self.subscribers.tell, status)
        return streams.AuditPollStream(self.engine, self.subscribers.tell, status)

    def close(self) -> None:
        self.engine.dispose()
