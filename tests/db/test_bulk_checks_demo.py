"""A bulk run over the demo's accounts opens cases for exactly the accounts planned to
trigger an account-level check, none for the near misses, and nothing on a second run."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlmodel import func, select

from workbench.cases.bulk_checks import run_account_checks
from workbench.db import session_scope
from workbench.demo.accounts import plan_accounts
from workbench.demo.store import write_plan
from workbench.models import Case, RuleHit
from workbench.rules.account_checks import ACCOUNT_CHECK_CATEGORIES

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
ACCOUNT_LEVEL = {c.value for c in ACCOUNT_CHECK_CATEGORIES}


def test_demo_accounts_hit_as_planned_and_only_once(engine):
    plan = plan_accounts(120, random.Random(20221801), NOW, None)
    with session_scope(engine) as s:
        ids = write_plan(s, plan, NOW)
    planned = list(zip(ids, plan.accounts, strict=True))
    expected = {(aid, a.violation) for aid, a in planned if a.violation in ACCOUNT_LEVEL}
    near_misses = {a.near_miss for _, a in planned if a.near_miss in ACCOUNT_LEVEL}
    assert {c for _, c in expected} == near_misses == ACCOUNT_LEVEL

    first = run_account_checks(engine, now=NOW)
    with session_scope(engine, write=False) as s:
        cases = set(s.exec(select(Case.target_account_id, Case.category)).all())
    assert cases == expected
    assert first.cases_opened == len(expected)

    second = run_account_checks(engine, now=NOW + timedelta(hours=1))
    assert (second.cases_opened, second.reports_joined, second.hits_new) == (0, 0, 0)
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count(Case.id))).one() == len(expected)
        assert s.exec(select(func.count(RuleHit.id))).one() == first.hits_found
