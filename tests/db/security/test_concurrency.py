"""Reviewer processes working one queue at once lose no update and claim nothing twice.

PostgreSQL: 8 processes for 20 s (``benchmarks/soak.py`` runs it at any length
and scale); SQLite in WAL mode: 4 processes for 15 s, ``database is locked``
retried by ``run_in_transaction`` and never failing a reviewer's action.
"""

from __future__ import annotations

import pytest

from tests.db.security.soak_work import soak
from tests.db.workflow.helpers import later, make_account, make_team, report
from workbench.cases import intake_batch
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.errors import StaleVersion
from workbench.models import Case


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_eight_processes_on_one_postgresql_queue(pg_engine):
    report = soak(_url(pg_engine), workers=8, seconds=20)
    assert not report.problems, "\n".join(report.problems[:10])
    assert report.claims > 40 and report.decisions >= report.claims, report.summary()
    assert all(log.claims for log in report.logs), report.summary()


def test_four_processes_on_one_sqlite_queue(sqlite_engine):
    report = soak(_url(sqlite_engine), workers=4, seconds=15)
    assert not report.problems, "\n".join(report.problems[:10])
    assert report.claims > 20 and report.decisions >= report.claims, report.summary()
    assert all(log.claims for log in report.logs), report.summary()


def test_a_case_read_before_its_lock_is_checked_at_its_locked_version(pg_engine):
    """A change committed between a reviewer's read and the action's lock is not lost."""
    team = make_team(pg_engine)
    case = report(pg_engine, make_account(pg_engine)).case
    with session_scope(pg_engine) as s:
        looked = s.get(Case, case.id)  # the reviewer looks at the case (kept in the session)
        seen = looked.version
        with session_scope(pg_engine) as other:  # meanwhile a second report joins it
            intake_batch.receive_report(
                other, None, external_id="join-1", kind="report", channel="user_report",
                target_account_id=case.target_account_id, category=case.category,
                received_at=later(minutes=5),
            )  # fmt: skip
        with pytest.raises(StaleVersion):
            t.accept_case(s, team.mod, case.id, expected_version=seen, now=later(hours=1))
    with session_scope(pg_engine, write=False) as s:
        assert s.get(Case, case.id).version == seen + 1
