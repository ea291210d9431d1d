"""The small "显示" control beside a masked personal-data value (2022/16).

The widget showing the value decides nothing: the button only says which
record's field to reveal (:class:`~workbench.models.views.PersonalRef`); the
pane asks for the reason, calls the service and hands the value back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QToolButton, QWidget

from workbench.models.views import PersonalRef


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
