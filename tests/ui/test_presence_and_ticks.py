"""The case view shows who else has the case open; the clock tick reaches the bus."""

from __future__ import annotations

import pytest

from tests.ui.journeys import open_window, people, reported_case
from workbench.db import session_scope
from workbench.queues import presence

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_case_shows_who_else_has_it_open(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    first = reported_case(engine, "某市气象局", n=1, hours_ago=3)
    reported_case(engine, "某县法院", n=2, hours_ago=1)
    with session_scope(engine) as s:
        presence.heartbeat(s, actors["mod2"], first)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    line = panels.presence
    window.queue_list.select("reports")
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.queue_view.select_row(0)
    assert window.case_view.case_id == first
    assert line.names == ["赵审核"] and "赵审核" in line.text() and line.isVisible()
    # The other reviewer sees this reviewer too.
    with session_scope(engine, write=False) as s:
        assert [v.display_name for v in presence.viewers(s, first, exclude=actors["mod2"].id)] == [
            "李审核"
        ]
    # Moving to the other case: nobody else there, and this reviewer left the first.
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.queue_view.select_row(1)
    assert line.names == [] and not line.isVisible()
    with session_scope(engine, write=False) as s:
        assert presence.viewers(s, first, exclude=actors["mod2"].id) == []


def test_clock_tick_tells_the_bus_which_case_breached(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    late = reported_case(engine, "某市城管局", n=3, hours_ago=24 * 30, with_hit=False)
    window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
    scheduler = panels.scheduler
    assert scheduler.parent() is window

    def names_the_case(kind, ids):
        return kind == "case" and late in ids

    with qtbot.waitSignal(window.bus.changed, timeout=10_000, check_params_cb=names_the_case):
        scheduler.tick_now()
    qtbot.waitUntil(lambda: not scheduler.busy, timeout=10_000)
    scheduler.stop()
