"""Reviewers and intake working at once on PostgreSQL: no deadlock, no lost update."""

from __future__ import annotations

import random
import threading

import pytest
from sqlmodel import select

from workbench.cases import intake_batch
from workbench.cases import transitions as t
from workbench.db import run_in_transaction, session_scope
from workbench.models import Account, Case, Report
from workbench.queues import claims

from .helpers import audit_ok, later, make_team


@pytest.mark.postgres_only
def test_intake_claims_and_declines_run_together_without_errors(pg_engine):
    engine = pg_engine
    team = make_team(engine)
    with session_scope(engine) as s:
        accounts = [Account(platform_id=f"a{i}", name=f"号{i}") for i in range(4)]
        s.add_all(accounts)
        s.flush()
        account_ids = [a.id for a in accounts]
    errors: list[str] = []
    numbers = iter(range(10**6))
    numbers_lock = threading.Lock()

    def report_some(seed: int) -> None:
        rnd = random.Random(seed)
        for _ in range(15):
            with numbers_lock:
                n = next(numbers)

            def work(s, n=n):
                intake_batch.receive_report(
                    s,
                    None,
                    external_id=f"x{n}",
                    kind="report",
                    channel="user_report",
                    target_account_id=rnd.choice(account_ids),
                    category=rnd.choice(["other", "misleading_claim"]),
                    reporter_external_id=f"rep{rnd.randrange(5)}",  # shared reporters
                    received_at=later(minutes=n),
                )

            try:
                run_in_transaction(engine, work)
            except Exception as exc:  # collected: the assertion below names them
                errors.append(repr(exc))

    def decline_some(actor) -> None:
        for _ in range(15):

            def work(s):
                case_id = claims.claim_next(s, actor, "reports", now=later(days=1))
                if case_id is not None:
                    t.decline_case(
                        s,
                        actor,
                        case_id,
                        expected_version=s.get(Case, case_id).version,
                        reason_code="duplicate",
                        now=later(days=1),
                    )

            try:
                run_in_transaction(engine, work)
            except Exception as exc:
                errors.append(repr(exc))

    threads = [threading.Thread(target=report_some, args=(k,)) for k in range(3)] + [
        threading.Thread(target=decline_some, args=(a,)) for a in (team.mod, team.mod2, team.sup)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with session_scope(engine, write=False) as s:
        reports = s.exec(select(Report)).all()
        cases = s.exec(select(Case)).all()
    assert len(reports) == 45
    # Each case's weight is the sum of its reports' weights: no update was lost.
    for case in cases:
        assert case.weight == sum(r.weight for r in reports if r.case_id == case.id)
    assert audit_ok(engine)
