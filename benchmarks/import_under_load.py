"""Reviewers keep working while 100,000 reports are imported on PostgreSQL.

Run:  .venv/bin/python benchmarks/import_under_load.py --database URL
          [--rows 100000] [--workers 8] [--baseline-seconds 30]

Give a scratch PostgreSQL database (each run adds its own accounts, cases and
reviewers under a fresh tag).  ``--workers`` processes each claim the next
case of the reports queue and accept it (受理), one transaction per action as
the desktop does, timing every action (its commit and sealing included).
First they work alone for ``--baseline-seconds`` (the baseline), then the main
process imports ``--rows`` reports from a JSON Lines file (``workbench import
reports``'s work) while they go on.  Prints the workers' p50/p95 per action
without and during the import, their ratio (target: during within 2x of
without), the import's time, and checks the audit chain.  The workers' cases
belong to accounts of their own, so the figures measure waiting on the audit
log and the machine, not on the very cases the import joins reports into.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from import_reports import START, write_rows  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from support import bare_account  # noqa: E402

from workbench.access.auth import Actor  # noqa: E402
from workbench.cases import transitions  # noqa: E402
from workbench.commands import ensure_seeded  # noqa: E402
from workbench.db import make_engine, run_in_transaction, session_scope  # noqa: E402
from workbench.importing.run import import_reports_file  # noqa: E402
from workbench.models import Account, Case, Reviewer, ReviewerRole  # noqa: E402
from workbench.operations.local import LocalClient  # noqa: E402
from workbench.operations.records import verify_audit  # noqa: E402
from workbench.queues import claims  # noqa: E402
from workbench.schema import upgrade  # noqa: E402

TARGET_RATIO = 2.0


def worker(url: str, reviewer_id: int, stop, ready, out) -> None:
    """Claim and accept until told to stop; every action's (start, seconds)."""
    actor = Actor(reviewer_id, "bench", "Bench", frozenset({"moderator"}))
    engine = make_engine(url)
    timings: list[tuple[float, float]] = []
    ready.put(reviewer_id)

    def timed(work):
        started = time.time()
        result = run_in_transaction(engine, work)
        timings.append((started, time.time() - started))
        return result

    while not stop.is_set():
        case_id = timed(lambda s: claims.claim_next(s, actor, "reports", now=datetime.now(UTC)))
        if case_id is None:
            break
        timed(
            lambda s, c=case_id: transitions.accept_case(
                s, actor, c, expected_version=s.get(Case, c).version, now=datetime.now(UTC)
            )
        )
    engine.dispose()
    out.put(timings)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def prepare(url: str, tag: str, args) -> tuple[list[int], Path]:
    engine = make_engine(url)
    upgrade(engine, backup=False)
    ensure_seeded(engine)
    with session_scope(engine) as s:
        # The import's targets, named as write_rows names them (acc0 … acc{n-1}) under this tag.
        s.execute(
            insert(Account.__table__),
            [bare_account(f"{tag}acc{i}", f"账号{i}", START) for i in range(args.accounts)],
        )
        own = Account(platform_id=f"{tag}queue", name="工作队列")
        s.add(own)
        s.flush()
        s.execute(Case.__table__.update().where(Case.queue == "reports").values(queue="automated"))
        s.add_all(
            Case(queue="reports", target_account_id=own.id, category="other", priority=i % 7)
            for i in range(args.cases)
        )
        reviewers = []
        for i in range(args.workers):
            r = Reviewer(login=f"{tag}m{i}", display_name=f"Bench {i}")
            s.add(r)
            s.flush()
            s.add(ReviewerRole(reviewer_id=r.id, role="moderator"))
            reviewers.append(r.id)
    engine.dispose()
    folder = Path(tempfile.mkdtemp(prefix="wb-import-load-"))
    path = folder / "reports.jsonl"
    write_rows(path, "jsonl", args.rows, args.accounts, args.reporters, args.seed)
    text = path.read_text(encoding="utf-8")
    text = text.replace('"target_account_id": "acc', f'"target_account_id": "{tag}acc')
    text = text.replace('"external_id": "bench-', f'"external_id": "{tag}-')
    path.write_text(text, encoding="utf-8")
    return reviewers, path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", required=True, help="a scratch PostgreSQL database URL")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--accounts", type=int, default=20_000)
    ap.add_argument("--reporters", type=int, default=30_000)
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--cases", type=int, default=30_000, help="cases waiting for the workers")
    ap.add_argument("--baseline-seconds", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    tag = f"b{time.time_ns() % 10**9}"
    reviewers, path = prepare(args.database, tag, args)
    ctx = multiprocessing.get_context("spawn")
    stop, ready, out = ctx.Event(), ctx.Queue(), ctx.Queue()
    procs = [
        ctx.Process(target=worker, args=(args.database, reviewers[i], stop, ready, out))
        for i in range(args.workers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get()
    time.sleep(2)  # every worker is past its first actions
    baseline_from = time.time()
    load_alone = os.getloadavg()[0]
    time.sleep(args.baseline_seconds)
    import_from = time.time()
    load_alone = f"load average {load_alone:.1f}-{os.getloadavg()[0]:.1f}"
    engine = make_engine(args.database)
    outcome = import_reports_file(engine, path)
    import_to = time.time()
    load_during = f"load average {os.getloadavg()[0]:.1f} at its end"
    stop.set()
    timings = [t for _ in procs for t in out.get()]
    for p in procs:
        p.join()
    alone = [d for at, d in timings if baseline_from <= at < import_from]
    during = [d for at, d in timings if import_from <= at < import_to]
    result = verify_audit(LocalClient(engine))
    engine.dispose()
    p95_alone, p95_during = percentile(alone, 0.95), percentile(during, 0.95)
    ratio = p95_during / p95_alone
    print(f"postgresql, {args.workers} workers claiming and accepting; {args.rows:,} reports")
    print(
        f"import: {import_to - import_from:.1f} s, {outcome.result.received:,} filed "
        f"({args.rows / (import_to - import_from):,.0f} reports/s)"
    )
    print(
        f"workers without the import ({len(alone):,} actions in {import_from - baseline_from:.0f} "
        f"s): p50 {percentile(alone, 0.5) * 1000:.0f} ms, p95 {p95_alone * 1000:.0f} ms "
        f"(baseline; {load_alone})"
    )
    print(
        f"workers during the import ({len(during):,} actions in {import_to - import_from:.0f} s): "
        f"p50 {percentile(during, 0.5) * 1000:.0f} ms, p95 {p95_during * 1000:.0f} ms "
        f"({load_during})"
    )
    verdict = "OK" if ratio <= TARGET_RATIO else "ABOVE TARGET"
    print(f"p95 during / without: {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x: {verdict})")
    print(
        f"audit chain: {'intact' if result.ok else 'BROKEN: ' + result.problem}, "
        f"{result.checked:,} events"
    )
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
