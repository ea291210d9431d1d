"""The in-app scheduler raises breaches off the GUI thread and says what changed."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.db.timelimits_support import case
from tests.ui import factories as f
from workbench.db import session_scope
from workbench.timelimits import calendar, clocks
from workbench.ui.scheduler import ClockScheduler

START = datetime.fromisoformat("2026-03-02T10:00+08:00")  # accept due 4 March 00:00
LATE = datetime.fromisoformat("2026-03-04T00:00:01+08:00")


@pytest.fixture
def overdue(sqlite_engine):
    with session_scope(sqlite_engine) as s:
        calendar.seed_from_chinese_calendar(s, None, years=[2026])
        clock = clocks.start_clock(s, stage="accept", at=START, case=case(s, opened=START))
    return sqlite_engine, clock.id


def ticking(engine, at):
    """A client whose clock reads ``at()``, signed in as a moderator."""
    return f.client(engine, ("moderator",), clock=at)


@pytest.mark.parametrize("threaded", [True, False])
def test_tick_reports_a_breach_once(qtbot, overdue, threaded):
    engine, clock_id = overdue
    scheduler = ClockScheduler(ticking(engine, lambda: LATE), threaded=threaded)
    with qtbot.waitSignal(scheduler.changed, timeout=5000) as changed:
        scheduler.tick_now()
    assert [a.clock_id for a in changed.args[0].breached] == [clock_id]
    assert not scheduler.busy
    # The next tick finds nothing new: ticked fires, changed does not.
    with (
        qtbot.assertNotEmitted(scheduler.changed),
        qtbot.waitSignal(scheduler.ticked, timeout=5000) as ticked,
    ):
        scheduler.tick_now()
    assert not ticked.args[0].changed
    scheduler.stop()


def test_timer_drives_the_ticks(qtbot, overdue):
    engine, _ = overdue
    scheduler = ClockScheduler(ticking(engine, lambda: START), interval_ms=20)
    with qtbot.waitSignal(scheduler.ticked, timeout=5000):
        scheduler.start()  # ticks at once
    # Nothing else is called: the next tick can only come from the timer.
    with qtbot.waitSignal(scheduler.ticked, timeout=5000):
        pass
    scheduler.stop()


@pytest.mark.logs_errors
def test_failure_is_reported_not_raised(qtbot, overdue):
    engine, _ = overdue

    def broken_clock():
        raise RuntimeError("no clock")

    scheduler = ClockScheduler(ticking(engine, broken_clock))
    with qtbot.waitSignal(scheduler.failed, timeout=5000) as failed:
        scheduler.tick_now()
    assert failed.args[0] == "时限检查失败：no clock"  # the reviewer's language only
    assert not scheduler.busy
    scheduler.stop()


def test_a_signed_out_client_is_a_refusal_in_words_not_a_fault(qtbot, overdue):
    """No error is logged (a logged error fails this test): the tick was refused."""
    engine, _ = overdue
    client = ticking(engine, lambda: START)
    client.sign_out()
    scheduler = ClockScheduler(client)
    with qtbot.waitSignal(scheduler.failed, timeout=5000) as failed:
        scheduler.tick_now()
    assert failed.args[0] == "时限检查失败：请先登录"
    scheduler.stop()


def test_the_windows_scheduler_stops_when_the_window_does(qtbot, overdue, ui_settings, runner):
    """Signing out shuts the window down; its clock tick must not run on with a
    signed-out client while the window waits for deletion."""
    from workbench.ui.main_window import MainWindow
    from workbench.ui.panes.extensions import wire_scheduler

    engine, _ = overdue
    client = ticking(engine, lambda: START)
    window = MainWindow(client, runner, ui_settings, live=False)
    qtbot.addWidget(window)
    scheduler = wire_scheduler(window, interval_ms=60_000)
    scheduler.start()
    assert scheduler.running
    window.shutdown()
    assert not scheduler.running
