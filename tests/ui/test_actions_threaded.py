"""The action panel with work on the thread pool, as in the running app."""

from __future__ import annotations

import pytest

from tests.ui.journeys import people, reported_case
from workbench.db import session_scope
from workbench.models import Case
from workbench.operations.local import LocalClient
from workbench.ui.main_window import MainWindow
from workbench.ui.panes.extensions import install_panels
from workbench.ui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_accept_runs_off_the_gui_thread_and_the_view_follows(qtbot, engine, ui_settings):
    actors = people(engine)
    case_id = reported_case(engine, "某市水务局", n=1)
    runner = TaskRunner(progress_delay_ms=10_000)
    # Not handed to qtbot: the test itself deletes the window, late work or not.
    window = MainWindow(
        LocalClient(engine, actor=actors["mod"]), runner, ui_settings, live=False
    )
    try:
        window.show()
        panels = install_panels(window)
        window.queue_list.select("reports")
        qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1, timeout=10_000)
        with qtbot.waitSignal(window.case_view.case_loaded, timeout=10_000):
            window.queue_view.select_row(0)
        panel = panels.actions
        panel.actions["accept"].trigger()
        with qtbot.waitSignal(panel.finished, timeout=10_000) as done:
            panel.confirm()
        assert done.args[0] == "accept"
        qtbot.waitUntil(lambda: window.case_view.detail.status == "accepted", timeout=10_000)
        with session_scope(engine, write=False) as s:
            assert s.get(Case, case_id).status == "accepted"
    finally:
        # The window goes while late work (queue counts, presence) may still run: its
        # callbacks are dropped, never run on deleted widgets.
        window.shutdown()
        with qtbot.waitSignal(window.destroyed, timeout=10_000):
            window.deleteLater()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)  # none of it outlives the test
