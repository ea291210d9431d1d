"""Dialogs laid out with Qt's layouts at a sensible size, fields that never move under
the pointer (issue 18)."""

from __future__ import annotations

import pytest

from workbench.ui.dialogs.measures import MeasuresDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen plugin's


def _field_positions(editor) -> dict[str, tuple[int, int]]:
    return {
        name: (widget.mapTo(editor, widget.rect().topLeft()).y(), widget.height())
        for name, widget in (
            ("basis", editor.basis),
            ("reason", editor.reason),
            ("days", editor.days),
            ("deadline", editor.deadline),
        )
    }


def test_choosing_a_timed_measure_moves_no_field(qtbot):
    dialog = MeasuresDialog("处置")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    editor = dialog.editor
    assert dialog.width() >= 560
    editor.set_code("warn")
    before = _field_positions(editor)
    assert not editor.days.isEnabled() and editor.days.isVisible()
    for code in ("suspend", "restrict_functions", "correct_by_deadline", "close", "warn"):
        editor.set_code(code)
        dialog.layout().activate()
        assert _field_positions(editor) == before, code
    editor.set_code("suspend")
    assert editor.days.isEnabled() and not editor.deadline.isEnabled()
    editor.set_code("correct_by_deadline")
    assert editor.deadline.isEnabled() and not editor.days.isEnabled()
