"""Changes made elsewhere reach the views: the poll (any database) and LISTEN/NOTIFY."""

from __future__ import annotations

import pytest

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.queues import audit
from workbench.queues.notify import notify_change
from workbench.ui.changes import ChangeBus, DatabasePoller, PgListener


def test_poll_reports_changed_cases_and_new_rows(engine, runner):
    with session_scope(engine) as s:
        case_id = f.case(s).id
    bus = ChangeBus()
    seen = []
    bus.changed.connect(lambda kind, ids: seen.append((kind, ids)))
    poller = DatabasePoller(engine, bus, runner)
    poller.poll()  # the first poll only sets the starting point
    assert seen == []
    with session_scope(engine) as s:
        audit.record(s, None, "case.accept", "case", case_id, case_id=case_id)
    poller.poll()
    assert ("case", [case_id]) in seen
    seen.clear()
    with session_scope(engine) as s:  # a bulk import that writes no audit event
        f.case(s)
    poller.poll()
    assert seen == [("queues", [])]
    seen.clear()
    poller.poll()
    assert seen == []


def test_notify_reaches_the_bus_within_two_seconds(pg_engine, qtbot):
    bus = ChangeBus()
    listener = PgListener(pg_engine, bus)
    with qtbot.waitSignal(listener.listening, timeout=5000):
        listener.start()
    try:
        with (
            qtbot.waitSignal(bus.changed, timeout=2000) as blocker,
            session_scope(pg_engine) as s,
        ):
            notify_change(s, "case", [7, 3])
        assert blocker.args == ["case", [3, 7]]
    finally:
        listener.stop()


@pytest.mark.parametrize(
    "payload, expected", [("measure", ("measure", [])), ("{bad", ("{bad", []))]
)
def test_payloads_without_ids_still_say_what_changed(payload, expected):
    from workbench.queues.notify import decode

    assert decode(payload) == expected
