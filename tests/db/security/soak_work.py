"""Several reviewer processes working one queue at once, and the checks of what they did.

:func:`soak` forks ``workers`` processes, each a moderator who for
``seconds`` claims the next case of the reports queue, decides it (accept
or decline; record findings; find no violation or apply a warning), releases
it, and pauses a little; when the queue is empty it files a few new reports
itself, on accounts shared with the others so reports join cases that are
claimed.  Every action goes through ``run_in_transaction``: on SQLite a
``database is locked`` is retried, never shown to the reviewer.

Then :func:`check` reads the audit log and the rows: the chain verifies;
every claim took a free case and names one claimant; per case every change
starts from the version the previous one left (no lost update) and versions
strictly increase (but for the first report filed on the case it opens);
each case's row equals its last audited state; and every
decision a worker saw succeed is in the log exactly once.
"""

from __future__ import annotations

import multiprocessing
import random
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import select

from workbench.access.auth import Actor
from workbench.cases import intake_batch, screening
from workbench.cases import transitions as t
from workbench.db import make_engine, run_in_transaction, session_scope
from workbench.errors import StaleVersion
from workbench.measures.measures import MeasureSpec, apply_measure
from workbench.models import Account, AuditEvent, Case, Reviewer, ReviewerRole, utcnow
from workbench.queues import claims
from workbench.records import audit

QUEUE = "reports"
ACCOUNTS = 12
FIRST_REPORTS = 24
DECISIONS = {
    "case.accept",
    "case.decline",
    "case.screen",
    "case.no_violation",
    "case.dispose",
}


@dataclass
class WorkerLog:
    worker: int
    claims: int = 0
    decisions: Counter = field(default_factory=Counter)  # audit action -> count
    stale: int = 0
    filed: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class SoakReport:
    workers: int
    seconds: float
    logs: list[WorkerLog]
    events: int = 0
    cases: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def claims(self) -> int:
        return sum(w.claims for w in self.logs)

    @property
    def decisions(self) -> int:
        return sum(sum(w.decisions.values()) for w in self.logs)

    def summary(self) -> str:
        return (
            f"{self.workers} workers, {self.seconds:.0f} s: {self.claims} claims, "
            f"{self.decisions} decisions ({self.decisions / self.seconds:.1f}/s), "
            f"{sum(w.stale for w in self.logs)} stale retries, "
            f"{sum(w.filed for w in self.logs)} reports filed, {self.cases} cases, "
            f"{self.events} audit events, {len(self.problems)} problems"
        )


def _file(session, worker: int, n: int, rnd: random.Random, account_ids: list[int]) -> None:
    intake_batch.receive_report(
        session,
        None,
        external_id=f"soak-{worker}-{n}",
        kind="report",
        channel="user_report",
        target_account_id=rnd.choice(account_ids),
        category=rnd.choice(["other", "misleading_claim"]),
        reporter_external_id=f"soak-reporter-{rnd.randrange(20)}",
        received_at=utcnow(),
    )


def _decide(session, actor: Actor, case_id: int, rnd: random.Random) -> str:
    """One decision on the claimed case, at its current version; the audit action."""
    case = session.get(Case, case_id)
    v = case.version
    if case.status == "received":
        if rnd.random() < 0.7:
            t.accept_case(session, actor, case_id, expected_version=v)
            return "case.accept"
        t.decline_case(session, actor, case_id, expected_version=v, reason_code="duplicate")
        return "case.decline"
    if case.status == "accepted":
        screening.record_findings(
            session,
            actor,
            case_id,
            expected_version=v,
            findings=[("misleading_claim", "2022/8(7)", "")],
        )
        return "case.screen"
    if rnd.random() < 0.5:
        t.find_no_violation(session, actor, case_id, expected_version=v, reason="未发现违规")
        return "case.no_violation"
    apply_measure(
        session, actor, case_id, expected_version=v, measures=[MeasureSpec("warn", "", "提醒")]
    )
    return "case.dispose"


def _work(url: str, worker: int, actor: Actor, account_ids: list[int], seconds: float, out):
    log = WorkerLog(worker)
    rnd = random.Random(worker)
    engine = make_engine(url)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            case_id = run_in_transaction(
                engine, lambda s: claims.claim_next(s, actor, QUEUE, now=utcnow())
            )
            if case_id is None:
                for _ in range(3):
                    log.filed += 1
                    n = log.filed
                    run_in_transaction(engine, lambda s, n=n: _file(s, worker, n, rnd, account_ids))
                continue
            log.claims += 1
            time.sleep(rnd.uniform(0, 0.02))  # reading the case
            while True:
                try:
                    action = run_in_transaction(
                        engine, lambda s, case_id=case_id: _decide(s, actor, case_id, rnd)
                    )
                    break
                except StaleVersion:  # a report joined the case meanwhile: look again
                    log.stale += 1
            log.decisions[action] += 1
            time.sleep(rnd.uniform(0, 0.02))

            def release(s, case_id=case_id):
                if s.get(Case, case_id).status in claims.OPEN:
                    claims.release_claim(s, actor, case_id, now=utcnow())

            run_in_transaction(engine, release)
    except Exception:
        log.problems.append(f"worker {worker}: {traceback.format_exc(limit=6)}")
    finally:
        engine.dispose()
    out.put(log)


def setup(url: str, workers: int) -> tuple[list[Actor], list[int]]:
    engine = make_engine(url)
    actors, account_ids = [], []
    with session_scope(engine) as s:
        stamp = time.time_ns()
        for k in range(workers):
            reviewer = Reviewer(login=f"soak{stamp}-{k}", display_name=f"Soak {k}")
            s.add(reviewer)
            s.flush()
            s.add(ReviewerRole(reviewer_id=reviewer.id, role="moderator"))
            actors.append(
                Actor(reviewer.id, reviewer.login, reviewer.display_name, frozenset({"moderator"}))
            )
        for k in range(ACCOUNTS):
            account = Account(platform_id=f"soak{stamp}-{k}", name=f"浸泡账号{k}")
            s.add(account)
            s.flush()
            account_ids.append(account.id)
    rnd = random.Random(0)
    for n in range(FIRST_REPORTS):
        run_in_transaction(engine, lambda s, n=n: _file(s, -1, n, rnd, account_ids))
    engine.dispose()
    return actors, account_ids


def soak(url: str, *, workers: int, seconds: float) -> SoakReport:
    """Run the workers on the database at ``url`` (migrated) and check what they did."""
    actors, account_ids = setup(url, workers)
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    started = time.monotonic()
    procs = [
        ctx.Process(target=_work, args=(url, k, actors[k], account_ids, seconds, out))
        for k in range(workers)
    ]
    for p in procs:
        p.start()
    logs = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join(60)
    report = SoakReport(workers, time.monotonic() - started, sorted(logs, key=lambda w: w.worker))
    for log in report.logs:
        report.problems += log.problems
    check(url, report, {a.id for a in actors})
    return report


def _at(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def check(url: str, report: SoakReport, worker_ids: set[int]) -> None:
    """Add to ``report.problems`` every invariant the audit log and the rows break."""
    problems = report.problems
    engine = make_engine(url)
    with session_scope(engine, write=False) as s:
        result = audit.verify(s)
        if not result.ok:
            problems.append(f"audit chain: {result.problem}")
        events = s.exec(
            select(AuditEvent).where(AuditEvent.case_id.is_not(None)).order_by(AuditEvent.id)
        ).all()
        cases = {c.id: c for c in s.exec(select(Case)).all()}
    engine.dispose()
    report.events, report.cases = len(events), len(cases)
    last: dict[int, dict] = {}
    decided: Counter = Counter()
    for e in events:
        before, after = e.before or {}, e.after or {}
        if "version" not in after:
            continue  # measure, clock and reply events carry no case version
        prior = last.get(e.case_id)
        if prior is not None:
            if before.get("version") != prior["version"]:
                problems.append(
                    f"case {e.case_id}: event {e.id} ({e.action}) started from version "
                    f"{before.get('version')}, the case was at {prior['version']} (lost update)"
                )
            opening = e.action == "report.receive" and not after.get("joined")
            if after["version"] <= prior["version"] and not opening:
                problems.append(f"case {e.case_id}: version did not increase at event {e.id}")
        if e.action == "case.claim":
            held = (
                before.get("assignee_id") is not None
                and (_at(before.get("claimed_until")) or e.occurred_at) > e.occurred_at
            )
            if held:
                problems.append(f"case {e.case_id} claimed at event {e.id} while held")
            if after.get("assignee_id") != e.actor_id:
                problems.append(f"case {e.case_id}: claim event {e.id} names another claimant")
        if e.action in DECISIONS and e.actor_id in worker_ids:
            decided[e.action] += 1
        last[e.case_id] = after
    for case_id, case in cases.items():
        final = last.get(case_id)
        if final is None:
            problems.append(f"case {case_id} has no audited state")
            continue
        for name in ("status", "version", "assignee_id", "reporter_count"):
            if getattr(case, name) != final.get(name):
                problems.append(
                    f"case {case_id}.{name} is {getattr(case, name)!r}, its last event says "
                    f"{final.get(name)!r}"
                )
    seen = Counter()
    for log in report.logs:
        seen.update(log.decisions)
    if seen != decided:
        problems.append(f"decisions the workers made {dict(seen)} != in the log {dict(decided)}")
