"""The one interface the desktop and the command line use: a client.

``client.call(operation, **arguments)`` runs an operation and returns its
typed result; the changes it made reach every subscriber after the commit.
:class:`~workbench.operations.local.LocalClient` runs operations in this
process on a database it opened; :class:`~workbench.operations.remote.RemoteClient`
sends them to ``workbench serve``.  Code above this layer holds a client and
never knows which.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from workbench.access.auth import Actor
from workbench.operations.core import Ctx
from workbench.records.change_feed import Changes

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
Listener = Callable[[Changes], None]


class Stream(Protocol):
    """Changes made by others, delivered to the client's subscribers until stopped."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


class Client(Protocol):
    """What the desktop and the command line hold."""

    actor: Actor | None
    #: "local" (a database this process opened) or "remote" (a workbench server).
    kind: str
    #: Where it points, for the window title and the settings (no password in it).
    location: str

    def call(
        self, op: Callable[Concatenate[Ctx, P], R], /, *args: P.args, **kwargs: P.kwargs
    ) -> R: ...

    def sign_in(self, login: str, password: str) -> Actor: ...

    def sign_out(self) -> None: ...

    def subscribe(self, listener: Listener) -> Callable[[], None]: ...

    def changes_stream(self, status: Callable[[bool], None] | None = None) -> Stream: ...

    def close(self) -> None: ...


class Subscribers:
    """The listeners of one client; each change reaches each of them once,
    on the thread that learned of it."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def add(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def tell(self, changes: Changes) -> None:
        if changes.empty:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # one broken view must not stop the others hearing
                log.exception("a change listener failed")


def keyword_arguments(op: Callable[..., Any], args: tuple, kwargs: dict) -> dict[str, Any]:
    """Operations take keyword arguments only; positional ones are refused by name."""
    if args:
        raise TypeError(f"{getattr(op, '__name__', op)} takes keyword arguments only")
    return kwargs
