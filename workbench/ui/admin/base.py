"""What every administration tab shares: calling operations through the task
runner, a message line for results and refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from workbench.operations.access import Actor
from workbench.operations.client import Client
from workbench.ui.changes import ChangeBus
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.message import MessageLine


class AdminTab(QWidget):
    def __init__(
        self,
        client: Client,
        actor: Actor,
        runner: TaskRunner,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.client, self.actor, self.runner, self.bus = client, actor, runner, bus
        self.message = MessageLine("adminMessage", self)
        self.say, self.refused = self.message.say, self.message.refuse

    def read(self, op: Callable, on_success: Callable, **arguments: Any) -> None:
        """Call the read ``op`` off the GUI thread; ``on_success(result)`` on the GUI thread."""
        client = self.client

        def work(_ctx):
            return client.call(op, **arguments)

        self.runner.run(work, on_success=on_success, on_failure=self.refused, owner=self)

    def write(
        self, op: Callable, done_text: str, after: Callable | None = None, **arguments: Any
    ) -> None:
        """Call the change ``op``, then say ``done_text``, run ``after(result)`` and reload.

        The views hear of the change from the client once it is committed.
        """
        client = self.client

        def work(_ctx):
            return client.call(op, **arguments)

        def success(result) -> None:
            self.say(done_text)
            if after is not None:
                after(result)
            self.reload()

        self.runner.run(work, on_success=success, on_failure=self.refused, owner=self)

    def reload(self) -> None:
        """Re-read what the tab shows (tabs override)."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()
