"""The supervisor's dashboard at 800 px (issue 18: two desktops side by side): in English
its summary lines wrap instead of widening the window to 1,065 px, and the reviewer chart's
legend sits below the bars, where its long names have room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.journeys import open_window, people, reported_case

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_dashboard_fits_800_px(qtbot, qapp, engine, runner, ui_settings, language):
    from workbench.ui import i18n

    i18n.install(qapp, language)
    try:
        actors = people(engine)
        reported_case(engine, "某区税务局", n=1)
        window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
        window.resize(800, 900)
        board = panels.dashboard
        with qtbot.waitSignal(board.loaded):
            window.pages.setCurrentWidget(board)
        qtbot.waitUntil(lambda: board.waiting.text() != "")
        # As long as the demo's line with five queues in English, and longer.
        wide = " · ".join(["Automated screening 0.0 / 0.0"] * 8)
        board.waiting.setText(wide)
        board.summary.setText(wide)
        qapp.processEvents()
        # The long lines wrap inside the window; the window is not widened by them.
        assert window.minimumSizeHint().width() <= 800
        assert window.width() == 800
        legend = board.reviewer_chart.chart().legend()
        assert legend.alignment() == Qt.AlignmentFlag.AlignBottom
    finally:
        i18n.install(qapp, "zh_CN")
