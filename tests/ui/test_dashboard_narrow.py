"""The supervisor's dashboard at 800 px (issue 18: two desktops side by side): in English
its summary lines wrap instead of widening the window to 1,065 px, and the reviewer chart's
legend sits below the bars, where its long names have room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.journeys import open_window, people, reported_case

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _dashboard_at_800(qtbot, engine, runner, ui_settings):
    """A supervisor's window 800 px wide showing the dashboard, loaded, with one case."""
    actors = people(engine)
    reported_case(engine, "某区税务局", n=1)
    window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
    window.resize(800, 900)
    board = panels.dashboard
    with qtbot.waitSignal(board.loaded):
        window.pages.setCurrentWidget(board)
    return window, board


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_dashboard_fits_800_px(qtbot, qapp, engine, runner, ui_settings, language):
    from workbench.ui import i18n

    i18n.install(qapp, language)
    try:
        window, board = _dashboard_at_800(qtbot, engine, runner, ui_settings)
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


def test_at_800_px_the_charts_stand_one_under_another_with_every_queue_named(
    qtbot, engine, runner, ui_settings
):
    """A supervisor watching the time limits (2022/16) at 800 px reads every queue's bar:
    the charts take the full width one under another, the queue chart a band of at least
    24 px a queue (Qt Charts elides a label its band cannot hold); at 1,600 px two a row."""
    window, board = _dashboard_at_800(qtbot, engine, runner, ui_settings)
    qtbot.waitUntil(lambda: board.queue_chart.chart() is not None)
    queues = len(board.data.counts)
    assert queues >= 8
    qtbot.waitUntil(lambda: board.trend_chart.y() > board.queue_chart.y())
    assert board.queue_chart.x() == board.trend_chart.x() == board.reviewer_chart.x()
    assert board.queue_chart.height() >= 24 * queues
    assert board.queue_chart.width() >= 700
    assert window.width() == 800  # scrolled down, never widened
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: board.reviewer_chart.x() > board.queue_chart.x())
    assert board.reviewer_chart.y() == board.queue_chart.y()
