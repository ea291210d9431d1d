"""The day a date editor shows, typed (PySide6 types ``QDate.toPython()`` as ``object``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDateEdit


def day_of(editor: QDateEdit) -> date:
    """The day ``editor`` shows."""
    day = editor.date().toPython()
    assert isinstance(day, date)
    return day
