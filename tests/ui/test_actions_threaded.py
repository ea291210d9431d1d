"""The action panel with work on the thread pool, as in the running app."""

from __future__ import annotations

import pytest

from tests.ui.journeys import open_window, people, reported_case
from workbench.db import session_scope
from workbench.models import Case
from workbench.ui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_accept_runs_off_the_gui_thread_and_the_view_follows(qtbot, engine, ui_settings):
    actors = people(engine)
    case_id = reported_case(engine, "某市水务局", n=1)
    runner = TaskRunner(progress_delay_ms=10_000)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
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
    # Let the late work (queue counts, presence) finish before the window goes.
    panels.presence.stop()
    qtbot.waitUntil(lambda: not runner.busy and not window._counts_timer.isActive(), timeout=10_000)
    window.shutdown()
