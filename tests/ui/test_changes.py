"""Changes made elsewhere reach the views: the audit-log poll (any database),
LISTEN/NOTIFY on PostgreSQL, and the reviewer's own operations at once."""

from __future__ import annotations

import threading

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.operations import cases, notices
from workbench.operations.local import LocalClient
from workbench.operations.streams import AuditPollStream, PgListenStream
from workbench.records import audit
from workbench.records.change_feed import Changes
from workbench.ui.changes import ChangeBus, ClientChanges


def test_poll_reports_changed_cases_and_new_rows(engine):
    with session_scope(engine) as s:
        case_id = f.case(s).id
    heard: list[Changes] = []
    poll = AuditPollStream(engine, heard.append)
    assert poll.poll_once().empty  # the first poll only sets the starting point
    with session_scope(engine) as s:
        audit.record(s, None, "case.accept", "case", case_id, case_id=case_id)
    changes = poll.poll_once()
    assert case_id in changes.ids("case") and changes.queues
    with session_scope(engine) as s:  # a bulk import that writes no audit event
        f.case(s)
    changes = poll.poll_once()
    assert changes.entities == {} and changes.queues
    assert poll.poll_once().empty


def test_notify_reaches_the_bus_within_two_seconds(pg_engine, qtbot):
    bus = ChangeBus()
    connected = threading.Event()
    stream = PgListenStream(pg_engine, bus.deliver, lambda up: up and connected.set())
    stream.start()
    try:
        assert connected.wait(5)
        with qtbot.waitSignal(bus.changed, timeout=2000) as blocker, session_scope(pg_engine) as s:
            notices.send(s, Changes({"case": (7, 3)}))
        assert blocker.args == ["case", [3, 7]]
    finally:
        stream.stop()


def test_own_operation_reaches_the_bus_without_a_hand_sent_notice(engine, qtbot):
    """The operations layer announces what an action changed; the view code sends nothing."""
    with session_scope(engine) as s:
        case = f.case(s)
        case_id, version = case.id, case.version
    client = f.client(engine)
    bus = ChangeBus()
    wiring = ClientChanges(client, bus)
    seen: list[tuple[str, list]] = []
    bus.changed.connect(lambda kind, ids: seen.append((kind, ids)))
    client.call(cases.claim_case, case_id=case_id, expected_version=version)
    assert ("case", [case_id]) in seen and ("queues", []) in seen
    wiring.stop()
    seen.clear()
    client.call(cases.release_claim, case_id=case_id)
    assert seen == []  # unsubscribed


def test_malformed_notices_are_dropped_in_words(caplog):
    assert notices.decode("[" * 5000) is None
    assert notices.decode('{"v":1,"e":{"case":["x"]},"q":true}') is None
    assert notices.decode("x" * 9000) is None
    assert "malformed change notice" in caplog.text
    assert notices.decode(notices.encode(Changes({"case": (1, 2)}, True))) == Changes(
        {"case": (1, 2)}, True
    )


def test_local_client_location_names_no_password():
    from workbench.db import make_engine

    engine = make_engine("postgresql+psycopg://owner:s3cret@db.example/workbench")
    try:
        location = LocalClient(engine).location
    finally:
        engine.dispose()
    assert "s3cret" not in location and "db.example/workbench" in location
