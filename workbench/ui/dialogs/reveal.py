"""Revealing one masked personal-data field from the desktop (2022/16).

:class:`RevealDialog` says which field of whose record will be shown and that
the reveal is recorded in the audit log, and will not accept an empty reason.
:class:`Revealer` is what a pane uses: ``serve(record, *widgets)`` each time it
shows a record (a case or appeal) in widgets with a ``reveal_requested``
signal and a ``show_revealed`` method.  A widget's 显示 then opens the dialog,
the value is read with :func:`workbench.operations.access.reveal` off the GUI
thread and put into the widgets; a refusal is shown in words.  The values
revealed for the record come back when it is shown again (re-read) and are
forgotten when the pane moves to another record.  Values live only in
memory: never logged, never saved.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Protocol

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from workbench.operations import access
from workbench.operations.access import MAX_REASON, Actor, can_reveal
from workbench.operations.client import Client
from workbench.ui.errors import show_error
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.message import MessageLine
from workbench.ui.widgets.plain import fill, plain_label

Key = tuple[str, int, str]  # entity, id, field
Show = Callable[[str, int, str, str], None]  # entity, id, field, value


class RevealingWidget(Protocol):
    """A widget showing masked values with 显示 buttons (widgets/personal.py and the like)."""

    @property
    def reveal_requested(self) -> SignalInstance: ...  # entity, id, field, what

    def show_revealed(self, entity: str, entity_id: int, field: str, value: str) -> bool: ...


class RevealDialog(QDialog):
    """Asks why ``what`` (e.g. 账号「某某」的手机号码) must be seen in full."""

    def __init__(self, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("revealDialog")
        self.setWindowTitle(self.tr("查看完整个人信息"))
        self.reason_text = ""
        self.summary = plain_label(fill(self.tr("将显示%1的完整内容。"), what), self)
        self.summary.setObjectName("revealSummary")
        self.summary.setWordWrap(True)
        notice = plain_label(
            self.tr("此次查看将记入审计日志：查看人、字段和理由（不记录内容本身）。"), self
        )
        notice.setObjectName("revealNotice")
        notice.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("revealReason")
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("查看理由（必填）"))
        self.message = MessageLine("revealMessage", self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("显示"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(notice)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def accept(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.message.say(self.tr("请说明查看理由，否则不能显示。"), ok=False)
            self.reason.setFocus()
            return
        self.reason_text = reason
        super().accept()


class Revealer(QObject):
    """Reveals personal data for one pane (see the module docstring)."""

    def __init__(self, client: Client, actor: Actor, runner: TaskRunner, parent: QWidget):
        super().__init__(parent)
        self.pane = parent
        self.client, self.actor, self.runner = client, actor, runner
        self.allowed = can_reveal(actor)  # a hint; the service checks
        self.active_dialog: RevealDialog | None = None
        self._record: Hashable | None = None
        self._values: dict[Key, str] = {}
        self._widgets: list[RevealingWidget] = []

    def serve(self, record: Hashable | None, *widgets: RevealingWidget | None) -> None:
        """The pane now shows ``record`` in ``widgets`` (None: nothing shown): their
        显示 buttons reveal through this revealer, and what was revealed for
        ``record`` before is shown again."""
        for widget in self._widgets:  # a widget kept across records is connected once
            if isValid(widget):
                widget.reveal_requested.disconnect(self._asked)
        self._widgets = [w for w in widgets if w is not None]
        for widget in self._widgets:
            widget.reveal_requested.connect(self._asked)
        for key, value in self.follow(record).items():
            self._show(*key, value)

    def _asked(self, entity: str, entity_id: int, field: str, what: str) -> None:
        self.ask(entity, entity_id, field, what, self._show)

    def _show(self, entity: str, entity_id: int, field: str, value: str) -> None:
        for widget in self._widgets:
            if isValid(widget):
                widget.show_revealed(entity, entity_id, field, value)

    def follow(self, record: Hashable | None) -> dict[Key, str]:
        """The pane now shows ``record`` (a case or appeal id, None for nothing):
        what was revealed for it, to show again (nothing when it is another record)."""
        if record != self._record:
            self._record = record
            self._values.clear()
        return dict(self._values)

    def ask(self, entity: str, entity_id: int, field: str, what: str, show: Show) -> RevealDialog:
        """Ask for the reason, then reveal; ``show(entity, id, field, value)`` on success."""
        dialog = RevealDialog(what, self.pane)
        self.active_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.reveal(entity, entity_id, field, dialog.reason_text, show)
        )
        dialog.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        dialog.open()
        return dialog

    def reveal(self, entity: str, entity_id: int, field: str, reason: str, show: Show) -> None:
        """Reveal off the GUI thread; the value goes to ``show`` if the pane still
        shows the same record, a refusal to an error box."""
        client, record = self.client, self._record

        def work(_ctx) -> str:
            return client.call(
                access.reveal, entity=entity, entity_id=entity_id, field=field, reason=reason
            )

        def done(value: str) -> None:
            if record != self._record:
                return  # the pane moved on: the value is not shown anywhere else
            self._values[(entity, entity_id, field)] = value
            show(entity, entity_id, field, value)

        def failed(exc: BaseException) -> None:
            show_error(self.pane, exc)

        self.runner.run(
            work,
            on_success=done,
            on_failure=failed,
            label=self.tr("正在读取…"),
            parent_widget=self.pane,
            owner=self,
        )
