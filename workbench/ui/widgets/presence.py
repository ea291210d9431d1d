"""Who else has the open case open: a line in the case view, kept fresh by heartbeats."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from workbench.operations import reads
from workbench.operations.access import Actor
from workbench.operations.client import Client
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import shown


class PresenceLine(QLabel):
    """Beats for the reviewer's open case and names the others looking at it."""

    def __init__(
        self,
        client: Client,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        interval_ms: int = reads.PRESENCE_BEAT_MS,
    ):
        super().__init__(parent)
        self.setObjectName("presenceLine")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # reviewers' names
        self.setStyleSheet("color:#8a5a00")
        self.client, self.actor, self.runner = client, actor, runner
        self.case_id: int | None = None
        self.names: list[str] = []
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.beat)
        self.hide()

    def follow(self, case_id: int | None) -> None:
        """The reviewer now has ``case_id`` open (None: nothing)."""
        if case_id == self.case_id:
            return
        left, self.case_id = self.case_id, case_id
        if case_id is None:
            self.timer.stop()
            self._show([])
            if left is not None:
                self._leave(left)
            return
        self.timer.start()
        self.beat()

    def beat(self) -> None:
        if self.case_id is None or self._busy:
            return
        self._busy = True
        client, case_id = self.client, self.case_id

        def work(_ctx):
            return case_id, client.call(reads.presence_beat, case_id=case_id)

        def done(result) -> None:
            self._busy = False
            seen_case, names = result
            if seen_case == self.case_id:
                self._show(names)

        def failed(_exc) -> None:
            self._busy = False  # presence is a hint: a missed beat is not an error

        self.runner.run(work, on_success=done, on_failure=failed, owner=self)

    def _leave(self, case_id: int) -> None:
        client = self.client
        self.runner.run(
            lambda _ctx: client.call(reads.presence_leave, case_id=case_id),
            on_failure=lambda _exc: None,
        )

    def stop(self) -> None:
        self.follow(None)

    def _show(self, names: list[str]) -> None:
        self.names = names
        text = self.tr("也在查看此案件：%1").replace("%1", "、".join(names)) if names else ""
        self.setText(shown(text))
        self.setVisible(bool(names))
