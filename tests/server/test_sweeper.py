"""The server sweeps the case workflow itself: a team needs no cron job for
``workbench cases sweep``, and every desktop hears what the sweep changed."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from tests.db.timelimits_support import case, person
from workbench.db import session_scope
from workbench.models import Case
from workbench.server.app import create_app
from workbench.server.sweeper import SWEEP_LOCK, CaseSweeper

START = datetime.fromisoformat("2026-03-02T10:00+08:00")


def _claimed_case(engine, until: datetime) -> int:
    with session_scope(engine) as s:
        moderator = person(s, "sweep-mod", "moderator")
        c = case(s, opened=START, assignee=moderator)
        c.claimed_until = until
        return c.id


def test_an_expired_claim_is_freed_by_the_server_and_announced(engine):
    case_id = _claimed_case(engine, START + timedelta(minutes=15))
    heard: list = []
    sweeper = CaseSweeper(
        engine, heard.append, interval=0, clock=lambda: START + timedelta(minutes=20)
    )
    swept = sweeper.sweep_once()
    assert swept is not None and swept.claims_freed == 1
    with session_scope(engine, write=False) as s:
        freed = s.get(Case, case_id)
        assert freed.assignee_id is None and freed.claimed_until is None
    assert any(case_id in changes.ids("case") for changes in heard)
    # a second sweep at the same time finds nothing more to do and announces nothing
    heard.clear()
    again = sweeper.sweep_once()
    assert again is not None and not again.changed
    assert heard == []


def test_a_running_claim_is_left_alone(engine):
    case_id = _claimed_case(engine, START + timedelta(minutes=15))
    sweeper = CaseSweeper(
        engine, lambda _c: None, interval=0, clock=lambda: START + timedelta(minutes=10)
    )
    assert sweeper.sweep_once().claims_freed == 0
    with session_scope(engine, write=False) as s:
        assert s.get(Case, case_id).assignee_id is not None


def test_one_server_process_sweeps_at_a_time(engine):
    """Another process holding the sweep's advisory lock: this round stops and changes nothing."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serves from one process")
    case_id = _claimed_case(engine, START + timedelta(minutes=15))
    holding, release = threading.Event(), threading.Event()

    def other_process() -> None:
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SWEEP_LOCK})
            holding.set()
            release.wait(10)

    other = threading.Thread(target=other_process)
    other.start()
    try:
        assert holding.wait(10)
        sweeper = CaseSweeper(
            engine, lambda _c: None, interval=0, clock=lambda: START + timedelta(hours=1)
        )
        assert sweeper.sweep_once() is None
        with session_scope(engine, write=False) as s:
            assert s.get(Case, case_id).assignee_id is not None
    finally:
        release.set()
        other.join(10)


def test_the_server_sweeps_on_a_timer_unless_told_not_to(engine):
    assert create_app(engine, tick_every=60).state.sweeper._timer.interval == 300
    assert create_app(engine, tick_every=60, sweep_every=0).state.sweeper._timer.interval == 0
    assert create_app(engine, tick_every=0).state.sweeper._timer.interval == 0  # tests drive it
