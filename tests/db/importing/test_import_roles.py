"""Imports and bulk checks by a reviewer (the desktop) need a role that files reports;
the command line (no reviewer) is unchanged.  A refused reviewer writes nothing."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.db.importing.support import GOOD_ACCOUNTS, counts, images, report_rows, write
from tests.db.workflow.helpers import make_team
from workbench.cases.bulk_checks import run_account_checks
from workbench.db import session_scope
from workbench.errors import PermissionDenied
from workbench.importing.run import import_accounts_file, import_reports_file
from workbench.models import Account, AuditEvent
from workbench.operations.database import ensure_seeded
from workbench.operations.screening import screener_for_database


@pytest.fixture
def team(engine, tmp_path):
    images(tmp_path)
    ensure_seeded(engine)
    return make_team(engine)


def _targets(engine) -> None:
    with session_scope(engine) as s:
        for row in GOOD_ACCOUNTS:
            s.add(Account(platform_id=row["id"], name=row["name"]))


def _stock(engine) -> None:
    with session_scope(engine) as s:
        s.add(Account(platform_id="unverified", name="小城美食日记"))  # hits identity_unverified


def _import_accounts(engine, folder, actor):
    path = write(folder / "accounts.jsonl", GOOD_ACCOUNTS)
    screener = screener_for_database(engine)
    return import_accounts_file(engine, path, screener=screener, actor=actor)


def _import_reports(engine, folder, actor):
    path = write(folder / "reports.csv", report_rows())
    return import_reports_file(engine, path, actor=actor)


JOBS = {  # name: (what is there before, the job)
    "accounts": (lambda engine: None, _import_accounts),
    "reports": (_targets, _import_reports),
    "checks": (_stock, lambda engine, _folder, actor: run_account_checks(engine, actor=actor)),
}


ALLOWED = {  # who may run each job; the rest are refused
    "accounts": {"mod", "sup", "admin"},
    "reports": {"mod", "sup"},
    "checks": {"mod", "sup"},
}
WHO = ("mod", "sup", "admin", "appeals")


@pytest.mark.parametrize(
    ("job", "who"), [(j, w) for j in JOBS for w in WHO if w not in ALLOWED[j]]
)
def test_a_reviewer_without_the_role_is_refused_and_nothing_is_written(
    engine, tmp_path, team, job, who
):
    setup, run = JOBS[job]
    setup(engine)
    before = counts(engine)
    with pytest.raises(PermissionDenied):
        run(engine, tmp_path, getattr(team, who))
    assert counts(engine) == before


@pytest.mark.parametrize(("job", "who"), [(j, w) for j in JOBS for w in WHO if w in ALLOWED[j]])
def test_a_reviewer_with_the_role_imports_and_the_audit_names_them(
    engine, tmp_path, team, job, who
):
    actor = getattr(team, who)
    setup, run = JOBS[job]
    setup(engine)
    run(engine, tmp_path, actor)
    with session_scope(engine, write=False) as s:
        actors = set(
            s.exec(
                select(AuditEvent.actor_id).where(
                    AuditEvent.action.in_(["account.import", "report.receive"])
                )
            )
        )
    assert actors == {actor.id}
