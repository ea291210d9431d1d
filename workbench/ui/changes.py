"""What changed, told to every view through one signal.

:class:`ChangeBus` carries ``changed(kind, ids)``.  It hears the client
(:mod:`workbench.operations.client`): the reviewer's own operations as they
commit, and what others change through the client's change stream (the
audit log on an SQLite file, ``LISTEN`` on PostgreSQL, the server's event
stream through a workbench server).  Those arrive on other threads; the bus
hands them to the GUI thread.  ``connection_changed(bool)`` says when the
stream loses or regains its source, for the banner over the main window.
Views decide for themselves whether a change concerns them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from workbench.operations.client import Client, Stream
from workbench.operations.notices import Changes

#: Kinds carried by the bus.  "queues" means rows may have been added or
#: removed anywhere; "case" names changed cases; other kinds are audit entities.
KIND_CASE = "case"
KIND_QUEUES = "queues"


class ChangeBus(QObject):
    """One signal saying what changed: ``changed(kind, ids)``."""

    changed = Signal(str, list)
    connection_changed = Signal(bool)
    _arrived = Signal(object)
    _status = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._arrived.connect(self._emit)
        self._status.connect(self.connection_changed)

    def notify(self, kind: str, ids=()) -> None:
        self.changed.emit(kind, [int(i) for i in ids])

    def deliver(self, changes: Changes) -> None:
        """From any thread: announce ``changes`` on the GUI thread."""
        self._arrived.emit(changes)

    def set_connected(self, connected: bool) -> None:
        """From any thread: the change source was lost or is back."""
        self._status.emit(connected)

    @Slot(object)
    def _emit(self, changes: Changes) -> None:
        for kind, ids in changes.entities.items():
            self.changed.emit(kind, list(ids))
        if changes.queues:
            self.changed.emit(KIND_QUEUES, [])


class ClientChanges(QObject):
    """Connects a client to a bus: its own changes at once, others' through its stream."""

    def __init__(self, client: Client, bus: ChangeBus, parent: QObject | None = None):
        super().__init__(parent)
        self.client, self.bus = client, bus
        self._unsubscribe: Callable[[], None] = client.subscribe(bus.deliver)
        self.stream: Stream | None = None

    def start(self) -> None:
        if self.stream is None:
            self.stream = self.client.changes_stream(status=self.bus.set_connected)
            self.stream.start()

    def stop(self) -> None:
        self._unsubscribe()
        if self.stream is not None:
            self.stream.stop()
            self.stream = None
