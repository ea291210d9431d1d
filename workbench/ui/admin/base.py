"""What every administration tab shares: reading and writing through the task
runner, a message line for results and refusals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from workbench.db import session_scope
from workbench.queues.auth import Actor
from workbench.ui.changes import ChangeBus
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.message import MessageLine


class AdminTab(QWidget):
    def __init__(
        self,
        engine: Engine,
        actor: Actor,
        runner: TaskRunner,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.engine, self.actor, self.runner, self.bus = engine, actor, runner, bus
        self.message = MessageLine("adminMessage", self)
        self.say, self.refused = self.message.say, self.message.refuse

    def read(self, query: Callable, on_success: Callable) -> None:
        """Run ``query(session)`` read-only; ``on_success(result)`` on the GUI thread."""
        engine = self.engine

        def work(_ctx):
            with session_scope(engine, write=False) as session:
                return query(session)

        self.runner.run(work, on_success=on_success, on_failure=self.refused, owner=self)

    def write(self, change: Callable, done_text: str, after: Callable | None = None) -> None:
        """Run ``change(session)`` in a transaction, then say ``done_text`` and reload."""
        engine = self.engine

        def work(_ctx):
            with session_scope(engine) as session:
                return change(session)

        def success(result) -> None:
            self.say(done_text)
            self.bus.notify("setting", [])
            if after is not None:
                after(result)
            self.reload()

        self.runner.run(work, on_success=success, on_failure=self.refused, owner=self)

    def reload(self) -> None:
        """Re-read what the tab shows (tabs override)."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()
