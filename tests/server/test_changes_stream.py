"""What one reviewer changes reaches another's stream through the server,
and a forged or broken change notice is logged and dropped, never passed on
or raised."""

from __future__ import annotations

import json
import logging
import threading

import pytest
from sqlalchemy import text

from tests.db.workflow.helpers import later, make_account, report
from workbench.operations import cases, notices
from workbench.records.change_feed import Changes


class Heard:
    """A client's listener: what it heard, and an event per case id it waits for."""

    def __init__(self) -> None:
        self.changes: list[Changes] = []
        self.connected = threading.Event()
        self._lock = threading.Lock()
        self._waiting: dict[int, threading.Event] = {}

    def status(self, up: bool) -> None:
        if up:
            self.connected.set()

    def expect(self, case_id: int) -> threading.Event:
        with self._lock:
            return self._waiting.setdefault(case_id, threading.Event())

    def __call__(self, changes: Changes) -> None:
        with self._lock:
            self.changes.append(changes)
            for case_id in changes.entities.get("case", ()):
                self._waiting.setdefault(case_id, threading.Event()).set()


def _listening(client) -> tuple[Heard, object]:
    heard = Heard()
    client.subscribe(heard)
    stream = client.changes_stream(status=heard.status)
    stream.start()
    assert heard.connected.wait(10), "the stream did not connect"
    return heard, stream


def _new_case(engine):
    return report(engine, make_account(engine, name=f"账号{id(object())}")).case


def test_another_reviewers_stream_hears_a_change_within_seconds(remote, engine, server_clock):
    case = _new_case(engine)
    server_clock.at = later(hours=1)
    mod, sup = remote("mod"), remote("sup")
    heard, stream = _listening(sup)
    try:
        arrived = heard.expect(case.id)
        mod.call(cases.claim_case, case_id=case.id, expected_version=case.version)
        assert arrived.wait(5), heard.changes
    finally:
        reader = stream._thread
        stream.stop(timeout=3)
    # Stopping wakes the blocked read at once (it used to wait for the next ping).
    assert reader is not None and not reader.is_alive()


def test_a_forged_notify_is_logged_and_dropped_and_real_changes_still_arrive(
    engine, request, server_clock, caplog
):
    if engine.dialect.name != "postgresql":
        pytest.skip("NOTIFY is PostgreSQL's")
    remote = request.getfixturevalue("remote")  # no server started for a skip
    caplog.set_level(logging.WARNING, logger=notices.__name__)
    case = _new_case(engine)
    server_clock.at = later(hours=1)
    mod, sup = remote("mod"), remote("sup")
    heard, stream = _listening(sup)
    forged = [
        "[" * 3900 + "]" * 3900,
        "{" * 7000,
        "not json at all",
        "",
        "null",
        '{"v": 1, "e": {"case": ["1 OR 1=1"]}}',
        '{"v": 1, "e": {"case": [-3]}}',
        '{"v": 1, "e": {"case": [true]}}',
        '{"v": 1, "e": {"case": [1e400]}}',
        '{"v": 1, "e": {"case": [NaN]}}',
        '{"v": 1, "e": {"<script>": [1]}}',
        '{"v": 1, "e": {"case": [' + "9" * 5000 + "]}}",
        '{"v": 1, "e": {"case": ' + json.dumps(list(range(1, 1000))) + "}}",
        '{"v": 2, "e": {"case": [1]}}',
        '{"v": 1, "e": [], "q": "yes"}',
    ]
    try:
        with engine.connect() as conn:
            for payload in forged:
                conn.execute(text("SELECT pg_notify('workbench', :p)"), {"p": payload})
                conn.commit()
        arrived = heard.expect(case.id)
        mod.call(cases.claim_case, case_id=case.id, expected_version=case.version)
        assert arrived.wait(5), heard.changes
    finally:
        stream.stop()
    dropped = [r for r in caplog.records if "malformed change notice" in r.getMessage()]
    assert len(dropped) == len(forged), [r.getMessage()[:100] for r in caplog.records]
    assert all(len(r.getMessage()) < 400 for r in dropped)  # the payload is cut short
    assert all(set(c.entities) <= {"case"} and all(i > 0 for i in c.entities.get("case", ()))
               for c in heard.changes)  # fmt: skip


# -- notices.decode on its own ------------------------------------------------------------

GARBAGE = [
    None,
    7,
    b'{"v": 1}',
    "",
    "null",
    "[]",
    "{}",
    '{"v": 2}',
    '{"v": "1", "e": {}}',
    '{"v": 1, "e": []}',
    '{"v": 1, "e": {}, "q": "true"}',
    '{"v": 1, "e": {"case": 1}}',
    '{"v": 1, "e": {"case": [0]}}',
    '{"v": 1, "e": {"case": [1.5]}}',
    '{"v": 1, "e": {"case": [false]}}',
    '{"v": 1, "e": {"case": [null]}}',
    '{"v": 1, "e": {"case": [Infinity]}}',
    '{"v": 1, "e": {"Case": [1]}}',
    '{"v": 1, "e": {"": [1]}}',
    '{"v": 1, "e": {"' + "a" * 41 + '": [1]}}',
    '{"v": 1, "e": {"案件": [1]}}',
    '{"v": 1, "e": {"case": [1]}',
    '{"v": 1, "e": {"case": [' + "9" * 5000 + "]}}",
    '{"v": 1, "e": {"case": ' + json.dumps(list(range(1, 202))) + "}}",
    '{"v": 1, "e": ' + json.dumps({f"k{chr(97 + i % 26)}{'x' * (i // 26)}": [] for i in range(33)})
    + "}",
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 30 + "1" + "}" * 30,
    '{"v": 1, "e": {}, "pad": "' + "x" * 8000 + '"}',
    "\x00\x01\x02",
    "\ud800",
]


@pytest.mark.parametrize("payload", GARBAGE, ids=range(len(GARBAGE)))
def test_decode_drops_garbage_with_a_short_log_line(payload, caplog):
    caplog.set_level(logging.WARNING, logger=notices.__name__)
    assert notices.decode(payload) is None
    [record] = caplog.records
    assert "malformed change notice" in record.getMessage()
    assert len(record.getMessage()) < 400


def test_decode_reads_what_encode_writes():
    for changes in (
        Changes({"case": (1, 2, 3)}, False),
        Changes({"case": (5,), "appeal": (7,), "calendar_day": ()}, True),
        Changes({}, True),
        Changes({"case": tuple(range(1, 5000))}, False),  # too many ids: "reload cases"
        Changes({f"kind_{chr(97 + i)}": tuple(range(1, 150)) for i in range(20)}, False),
    ):
        payload = notices.encode(changes)
        assert len(payload) <= notices.MAX_PAYLOAD
        decoded = notices.decode(payload)
        assert decoded is not None, payload[:200]
        assert set(decoded.entities) == set(changes.entities)
        assert decoded.queues or not changes.queues
        for kind, ids in decoded.entities.items():
            assert ids == changes.entities[kind] or ids == ()  # () means "all of that kind"
