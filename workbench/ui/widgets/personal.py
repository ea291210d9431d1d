"""The small "显示" control beside a masked personal-data value (2022/16).

The widget showing the value decides nothing: the button only says which
record's field to reveal (:class:`~workbench.models.views.PersonalRef`); the
pane asks for the reason, calls the service and hands the value back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from workbench.models.views import PersonalRef
from workbench.ui.widgets.plain import plain_label, set_plain


class RevealButton(QToolButton):
    """``reveal_requested(entity, id, field, what)`` when clicked; ``what`` names
    the field and whose it is, for the reason dialog."""

    reveal_requested = Signal(str, int, str, str)

    def __init__(self, ref: PersonalRef, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ref, self.what = ref, what
        self.setObjectName(f"reveal_{ref.entity}_{ref.field}")
        self.setText(self.tr("显示"))
        self.setToolTip(self.tr("显示完整内容（须说明理由，记入审计日志）"))
        self.setAutoRaise(True)
        self.clicked.connect(
            lambda: self.reveal_requested.emit(ref.entity, ref.entity_id, ref.field, what)
        )

    def matches(self, entity: str, entity_id: int, field: str) -> bool:
        return (self.ref.entity, self.ref.entity_id, self.ref.field) == (entity, entity_id, field)


class PersonalLine(QWidget):
    """``caption: masked value [显示]`` on one line, for a value outside the account card.

    ``reveal_requested`` as for :class:`RevealButton`; :meth:`show_revealed`
    puts a revealed value in place of its mask.
    """

    reveal_requested = Signal(str, int, str, str)

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = plain_label(caption, self)
        self.value = plain_label("—", self)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button: RevealButton | None = None
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(self.caption)
        self._row.addWidget(self.value, 1)

    def set_value(
        self, masked: str | None, ref: PersonalRef | None, what: str, *, can_reveal: bool
    ) -> None:
        """Show ``masked``; with ``can_reveal`` and a ``ref``, a 显示 button beside it."""
        set_plain(self.value, masked or "—")
        if self.button is not None:
            self.button.deleteLater()
            self.button = None
        if can_reveal and ref is not None and masked:
            self.button = RevealButton(ref, what, self)
            self.button.reveal_requested.connect(self.reveal_requested)
            self._row.addWidget(self.button)

    def show_revealed(self, entity: str, entity_id: int, field: str, value: str) -> bool:
        if self.button is None or not self.button.matches(entity, entity_id, field):
            return False
        set_plain(self.value, value or "—")
        self.button.hide()
        return True
