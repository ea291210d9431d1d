"""Filling a database with the demo data set, step by step, in few transactions.

``build_demo(engine, options)`` plans accounts and reports from one seed,
writes accounts in bulk, then receives every report through intake, runs the
account-level checks over the stock accounts (the automated-screening queue)
and walks the cases with the workflow services as the demo reviewers, so the
audit chain verifies afterwards.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func, type_coerce
from sqlmodel import Session, col, select

from workbench.db import default_sqlite_path, run_in_transaction
from workbench.demo import appeals as demo_appeals
from workbench.demo import followups, returns
from workbench.demo.accounts import plan_accounts
from workbench.demo.images import draw_pool
from workbench.demo.reports import plan_reports, receive_all
from workbench.demo.screening import screen_accounts
from workbench.demo.setup import DEMO_PASSWORD, Staff, create_staff, seed_calendar_and_policies
from workbench.demo.store import Runner, write_plan
from workbench.demo.timeline import WorkingTime
from workbench.demo.workflow import CaseJob, Mover, choose_targets
from workbench.models import Account, Case, Measure, Report, RuleHit, UTCDateTime, utcnow
from workbench.models.base import saved
from workbench.records import audit

DEFAULT_ACCOUNTS = 2000
DEFAULT_REPORTS = 10000
DEFAULT_SEED = 20221801
CASES_PER_TRANSACTION = 300


@dataclass
class DemoOptions:
    accounts: int = DEFAULT_ACCOUNTS
    reports: int = DEFAULT_REPORTS
    seed: int = DEFAULT_SEED
    evidence_dir: Path | None = None  # default: beside the SQLite file, or the user data folder
    now: datetime | None = None


@dataclass
class DemoSummary:
    accounts: int = 0
    reports: int = 0
    cases: Counter = field(default_factory=Counter)  # (queue, status) -> count
    measures: Counter = field(default_factory=Counter)  # (code, status) -> count
    extras: dict = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)
    password: str = DEMO_PASSWORD
    evidence_dir: Path | None = None
    seconds: float = 0.0


def account_count(engine: Engine) -> int:
    return run_in_transaction(
        engine, lambda s: s.exec(select(func.count(col(Account.id)))).one(), write=False
    )


def evidence_folder(engine: Engine) -> Path:
    """``demo-evidence`` beside an SQLite file, else in the user data folder."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if database and database != ":memory:":
        return Path(database).resolve().parent / "demo-evidence"
    return default_sqlite_path().parent / "demo-evidence"


def _jobs(session: Session, violations: dict[int, str | None]) -> list[CaseJob]:
    """Every case to walk; a case is about a real violation when the account was
    planned to break its category or the rule engine found a hit behind it."""
    with_hits = set(
        session.exec(select(col(RuleHit.case_id)).where(col(RuleHit.case_id).is_not(None))).all()
    )
    rows = session.exec(
        select(
            col(Case.id), col(Case.opened_at), col(Case.category), col(Case.target_account_id)
        ).order_by(col(Case.id))
    ).all()
    last = dict(
        session.exec(
            select(
                Report.case_id, type_coerce(func.max(Report.received_at), UTCDateTime())
            ).group_by(col(Report.case_id))
        ).all()
    )
    return [
        CaseJob(
            saved(cid),
            opened,
            cat,
            violations.get(acc) == cat or cid in with_hits,
            last_report_at=last.get(cid),
        )
        for cid, opened, cat, acc in rows
    ]


def _count_by(session: Session, a, b, counted) -> Counter:
    rows = session.exec(select(a, b, func.count(counted)).group_by(a, b)).all()
    return Counter({(x, y): n for x, y, n in rows})


def _tally(session: Session, summary: DemoSummary) -> None:
    summary.cases = _count_by(session, Case.queue, Case.status, Case.id)
    summary.measures = _count_by(session, Measure.code, Measure.status, Measure.id)
    summary.accounts = session.exec(select(func.count(col(Account.id)))).one()
    summary.reports = session.exec(select(func.count(col(Report.id)))).one()


def build_demo(
    engine: Engine, options: DemoOptions, progress: Callable[[str], None] = lambda _m: None
) -> DemoSummary:
    """Fill the database behind ``engine`` with the demo data set."""
    started = time.perf_counter()
    rng = random.Random(options.seed)
    now = options.now or utcnow()
    summary = DemoSummary()

    def run(work):
        return run_in_transaction(engine, work)

    progress("审核员、日历与时限 / reviewers, calendar, time limits")

    def staff_work(session):
        staff = create_staff(session)
        summary.extras["calendar"] = seed_calendar_and_policies(
            session, staff.admin, [now.year - 1, now.year, now.year + 1]
        )
        return staff

    staff = run(staff_work)
    summary.logins = staff.logins

    folder = options.evidence_dir or evidence_folder(engine)
    progress(f"图片 / images in {folder}")
    pool = draw_pool(folder, seed=options.seed)
    summary.evidence_dir = folder

    progress(f"账号 / {options.accounts} accounts")
    plan = plan_accounts(options.accounts, rng, now, pool)

    def accounts_work(session):
        ids = write_plan(session, plan, now)
        audit.record(
            session,
            staff.admin,
            "demo.load_accounts",
            "account",
            None,
            after={"accounts": len(ids), "subjects": len(plan.subjects), "seed": options.seed},
            at=now,
        )
        return ids

    account_ids = run(accounts_work)
    violations = {aid: a.violation for aid, a in zip(account_ids, plan.accounts, strict=True)}

    progress("规则甄别 / screening account information with the rule engine")
    try:
        summary.extras["screening"] = screen_accounts(run, account_ids, plan.accounts, rng, now)
    except (ImportError, OSError) as exc:  # the rule engine or its lexicons are not installed
        summary.extras.setdefault("missing", []).append(f"rule engine: {exc}")

    progress(f"举报受理 / receiving {options.reports} reports")
    specs = plan_reports(options.reports, plan.accounts, rng, now, pool)
    receive_all(run, specs, account_ids)

    progress("存量账号核查 / account-level checks of stock accounts")
    summary.extras["automated"] = _account_checks(engine, staff, WorkingTime().ago(now, 1.5))

    progress("案件流转 / moving cases through the workflow")
    summary.extras["approvals"] = _move_cases(run, staff, violations, rng, now)
    _after_decisions(run, staff, options, account_ids, folder, rng, now, summary, progress)
    run_in_transaction(engine, lambda s: _tally(s, summary), write=False)
    summary.seconds = time.perf_counter() - started
    return summary


def _move_cases(
    run: Runner,
    staff: Staff,
    violations: dict[int, str | None],
    rng: random.Random,
    now: datetime,
) -> dict:
    """Cases moved through the workflow to the targets chosen for them, in chunks of
    :data:`CASES_PER_TRANSACTION`; the approvals asked for, by outcome."""
    jobs = run(lambda s: _jobs(s, violations))
    choose_targets(jobs, rng, now)
    mover = Mover(staff, rng, now)
    for start in range(0, len(jobs), CASES_PER_TRANSACTION):
        chunk = jobs[start : start + CASES_PER_TRANSACTION]

        def advance(s: Session, chunk: list[CaseJob] = chunk) -> None:
            for job in chunk:
                mover.advance(s, job)

        run(advance)
    return dict(mover.stats.approvals)


def _after_decisions(
    run: Runner,
    staff: Staff,
    options: DemoOptions,
    account_ids: list[int],
    folder: Path,
    rng: random.Random,
    now: datetime,
    summary: DemoSummary,
    progress: Callable[[str], None],
) -> None:
    """What follows the decisions: appeals and notices, corrections and change requests,
    replies delivered, returned subjects, claims and the clocks' alerts."""
    progress("申诉与反馈 / appeals and replies")
    summary.extras["appeals"] = dict(
        run(lambda s: demo_appeals.file_appeals(s, staff, rng, now, max(8, options.reports // 100)))
    )
    notices = run(
        lambda s: demo_appeals.notify_holders(s, staff, now, max(10, options.reports // 50))
    )

    progress("限期改正、变更申请、认领 / corrections, change requests, claims")
    summary.extras["corrections"] = dict(
        run(lambda s: followups.settle_corrections(s, staff, rng, now))
    )
    summary.extras["change_requests"] = dict(
        run(
            lambda s: followups.change_requests(
                s, staff, account_ids, rng, now, max(6, options.accounts // 50)
            )
        )
    )
    outbox = folder.parent / "demo-outbox"
    delivered = run(
        lambda s: demo_appeals.deliver_some(s, outbox, now, max(5, options.reports // 200))
    )
    summary.extras["replies"] = {"account_holder_notices": notices, **delivered}
    summary.extras["returned_subjects"] = run(lambda s: returns.reregister(s, rng, now))
    summary.extras["claimed"] = run(lambda s: followups.claim_some(s, staff, now))
    warned, breached = run(lambda s: followups.raise_alerts(s, now))
    summary.extras["clock_alerts"] = {"warnings": warned, "breaches": breached}


def _account_checks(engine: Engine, staff, at: datetime) -> dict:
    """The account-level checks over every stock account, filing hits as automated cases."""
    from workbench.cases.bulk_checks import check_batch, stock_account_ids, subject_counts
    from workbench.cases.check_policy import load_policy

    def work(session):
        policy = load_policy(session)
        counts = subject_counts(session, minimum=min(policy.subject_account_cap.values()))
        ids = stock_account_ids(session, limit=10**7)
        result = check_batch(session, ids, policy=policy, now=at, counts=counts, actor=None)
        return {
            "hits": result.hits_found,
            "cases_opened": result.cases_opened,
            "by_category": dict(result.by_category),
        }

    return run_in_transaction(engine, work)
