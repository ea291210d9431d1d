"""The server restarts under a signed-in client: a call while it is away is
refused in words and changes nothing; the change stream says it lost the
server and comes back by itself; the sign-in outlives the restart (tokens
are kept in the database)."""

from __future__ import annotations

import threading

import pytest

from tests.db.workflow.helpers import later, make_account, report
from tests.server.helpers import database_state
from workbench.operations import cases, reads
from workbench.operations.errors import ServerUnavailable
from workbench.records.change_feed import Changes


class Status:
    """The stream's status calls, with an event per expected transition."""

    def __init__(self) -> None:
        self.calls: list[bool] = []
        self.up, self.down, self.back = threading.Event(), threading.Event(), threading.Event()

    def __call__(self, connected: bool) -> None:
        self.calls.append(connected)
        if connected:
            (self.back if self.down.is_set() else self.up).set()
        else:
            self.down.set()


def test_a_restart_under_a_connected_client(server, remote, engine, server_clock):
    case = report(engine, make_account(engine)).case
    server_clock.at = later(hours=1)
    mod = remote("mod")
    status = Status()
    everything = threading.Event()

    def listener(changes: Changes) -> None:
        if changes.queues and not changes.entities:
            everything.set()  # "reload all": what changed while away was not heard

    mod.subscribe(listener)
    stream = mod.changes_stream(status=status)
    stream.start()
    try:
        assert status.up.wait(10)
        server.stop()
        assert status.down.wait(10), status.calls

        before = database_state(engine)
        with pytest.raises(ServerUnavailable) as refused:
            mod.call(cases.claim_case, case_id=case.id, expected_version=case.version)
        assert "无法连接" in refused.value.zh
        assert "cannot reach" in refused.value.en and "nothing was done" in refused.value.en
        assert server.url in refused.value.en
        assert database_state(engine) == before

        server.start()  # the same port
        assert status.back.wait(20), status.calls
        assert everything.wait(5)
        assert status.calls[:3] == [True, False, True]

        # No new sign-in: the token lives in the database, not in the server process.
        claimed = mod.call(cases.claim_case, case_id=case.id, expected_version=case.version)
        assert claimed == case.id
        assert mod.call(reads.queue_counts, queues=["mine"])[0].total == 1
    finally:
        stream.stop()
