"""A server worker's ``/v1`` batches run in its bulk intake process
(workbench/server/intake_process.py), apart from the reviewers' requests and at a
lower CPU priority: what a platform sees must not change - the same answers, the
same refusals in words, nothing written by a refused batch - and the changes still
reach the desktops' streams.  The API's own behaviour is tested in
test_platform_api.py; these tests run some of it through the child process."""

from __future__ import annotations

import os
import secrets
import signal
import threading

import pytest
from sqlalchemy import func, select

from tests.server.conftest import RunningServer
from tests.server.platform_support import account, register, report_row, send
from workbench.db import session_scope
from workbench.models import AuditPending, Case, Report
from workbench.records.audit import verify
from workbench.records.audit_key import audit_key
from workbench.server.intake_process import NICENESS, BulkIntake

from .test_platform_api import NOW


@pytest.fixture
def bulk(engine):
    key = secrets.token_bytes(32)
    intake = BulkIntake(engine.url.render_as_string(hide_password=False), key, audit_key())
    return key, intake


@pytest.fixture
def server(engine, team, server_clock, bulk):
    """The test server, its batches sent to a bulk intake process."""
    key, intake = bulk
    running = RunningServer(engine, server_clock, server_key=key, bulk_intake=intake)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def platform(engine, remote, server_clock):
    server_clock.at = NOW
    return register(engine, remote)


def _reports(engine) -> int:
    with session_scope(engine, write=False) as s:
        return s.execute(select(func.count()).select_from(Report)).scalar_one()


def test_a_batch_is_filed_by_the_child_and_its_changes_reach_the_stream(
    http, engine, platform, remote
):
    sup = remote("sup")
    queues_moved = threading.Event()
    connected = threading.Event()
    sup.subscribe(lambda changes: changes.queues and queues_moved.set())
    stream = sup.changes_stream(status=lambda up: up and connected.set())
    stream.start()
    assert connected.wait(10), "the stream did not connect"
    target = account(engine)
    rows = [report_row(n, target) for n in range(1, 4)]

    answer = send(http, platform, "/v1/reports/batch", {"reports": rows}, NOW)

    assert answer.status_code == 200, answer.text
    accepted = answer.json()["accepted"]
    assert [a["external_id"] for a in accepted] == ["plat-1", "plat-2", "plat-3"]
    assert len({a["case_id"] for a in accepted}) == 1  # three reports of one account: one case
    with session_scope(engine, write=False) as s:
        assert s.get(Case, accepted[0]["case_id"]).reporter_count == 3
    try:
        assert queues_moved.wait(10), "the desktops were not told the queues moved"
    finally:
        stream.stop()
    # The child sealed its events after the commit: the chain holds them and verifies.
    with session_scope(engine, write=False) as s:
        assert s.execute(select(func.count()).select_from(AuditPending)).scalar_one() == 0
        assert verify(s).ok


def test_refusals_come_back_in_words_and_write_nothing(http, engine, platform):
    target = account(engine)
    bad = [report_row(1, target), report_row(2, target, channel="carrier_pigeon")]

    refused = send(http, platform, "/v1/reports/batch", {"reports": bad}, NOW)
    forged = send(
        http, platform, "/v1/reports/batch", {"reports": [report_row(3, target)]}, NOW,
        secret="not-the-secret",
    )  # fmt: skip

    assert refused.status_code == 422
    problems = refused.json()["error"]["problems"]
    assert [(p["row"], p["field"]) for p in problems] == [(1, "channel")]
    assert forged.status_code == 401
    assert forged.json()["error"]["zh"]  # a refusal a person can read
    assert _reports(engine) == 0


def test_the_child_yields_the_cpu_to_the_reviewers(server, bulk):
    _key, intake = bulk
    child = intake.child_pid()
    assert child != os.getpid()
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    assert os.getpriority(os.PRIO_PROCESS, child) == min(19, mine + NICENESS)


def test_a_dead_child_is_replaced_the_batch_it_missed_refused_in_words_then_filed(
    http, engine, platform, bulk
):
    _key, intake = bulk
    os.kill(intake.child_pid(), signal.SIGKILL)
    target = account(engine)
    batch = {"reports": [report_row(1, target)]}

    missed = send(http, platform, "/v1/reports/batch", batch, NOW)
    assert missed.status_code == 503
    assert "external_id" in missed.json()["error"]["zh"]  # says how to send it again
    assert _reports(engine) == 0

    again = send(http, platform, "/v1/reports/batch", batch, NOW)
    assert again.status_code == 200, again.text
    assert _reports(engine) == 1
