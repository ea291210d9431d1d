"""Claim throughput: N processes claiming from one queue until it is empty.

Run:  .venv/bin/python benchmarks/claims.py [--cases 2000] [--workers 1,8] [--database URL]

Without --database a temporary SQLite file is used; give a scratch database
(it keeps the cases it made).  Each worker is a reviewer of its own (a team of
N) and claims with ``claim_next`` in its own transaction (``run_in_transaction``)
until the queue is empty.  Prints, per worker count, the wall time, claims per
second, the machine's load average and the CPU each claim cost in the workers and
(on a local PostgreSQL, read from /proc) in the database processes serving them,
and checks that no case was claimed twice and none was left; then the rate of
the most workers against one worker's (the baseline, same run) and the target on
PostgreSQL: at least 500 claims/s with 8 workers, and more than with 1.  Each
claim's commit also seals its audit event (:mod:`workbench.records.sealer`),
unless another worker is sealing at that moment: then that one or the next
chains it.  The chain is verified at the end.
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

from sqlalchemy import text, update  # noqa: E402

from workbench.access.auth import Actor  # noqa: E402
from workbench.db import make_engine, run_in_transaction, session_scope  # noqa: E402
from workbench.models import Account, Case, Reviewer, ReviewerRole  # noqa: E402
from workbench.queues import claims  # noqa: E402
from workbench.records.audit import verify  # noqa: E402
from workbench.records.sealer import seal_all  # noqa: E402
from workbench.schema import upgrade  # noqa: E402

TARGET = 500  # claims/s with 8 workers on PostgreSQL (issue 17)


def backend_cpu(engine, name: str) -> float | None:
    """CPU seconds the database processes serving connections named ``name`` have used
    (None when the database runs elsewhere and its processes cannot be read)."""
    with engine.connect() as conn:
        pids = conn.execute(
            text("SELECT pid FROM pg_stat_activity WHERE application_name = :n"), {"n": name}
        ).scalars()
        total = 0.0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                return None
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def worker(url: str, reviewer_id: int, ready, go, out) -> None:
    actor = Actor(reviewer_id, f"bench{reviewer_id}", "Bench", frozenset({"moderator"}))
    name = f"claims-bench-{reviewer_id}"
    postgres = url.startswith("postgresql")
    engine = make_engine(url, **({"connect_args": {"application_name": name}} if postgres else {}))
    now = datetime.now(UTC)
    mine = []
    db_before = backend_cpu(engine, name) if postgres else None
    ready.put(True)
    go.wait()
    cpu = time.process_time()
    while (
        case_id := run_in_transaction(
            engine, lambda s: claims.claim_next(s, actor, "reports", now=now)
        )
    ) is not None:
        mine.append(case_id)
    finished, cpu = time.time(), time.process_time() - cpu
    db_after = backend_cpu(engine, name) if db_before is not None else None
    db = db_after - db_before if db_after is not None and db_before is not None else None
    out.put((mine, finished, cpu, db))
    engine.dispose()


def run(url: str, reviewer_ids: list[int], workers: int) -> tuple[float, list[int], float, float | None]:
    """Claim with ``workers`` processes, timed from when all have started (not the spawning):
    the seconds, the cases claimed, and the CPU seconds the workers and (when it can be
    read) the database processes serving them used."""
    ctx = multiprocessing.get_context("spawn")
    ready, go, out = ctx.Queue(), ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=worker, args=(url, reviewer_ids[i], ready, go, out))
        for i in range(workers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get()
    started = time.time()
    go.set()
    results = [out.get() for _ in procs]
    claimed = [cid for mine, *_ in results for cid in mine]
    finished = max(at for _, at, *_ in results)
    client = sum(cpu for *_, cpu, _ in results)
    db_parts = [db for *_, db in results]
    db = None if None in db_parts else sum(d for d in db_parts if d is not None)
    for p in procs:
        p.join()
    return finished - started, claimed, client, db


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--workers", default="1,8")
    parser.add_argument("--database")
    args = parser.parse_args()
    url = args.database or f"sqlite:///{tempfile.mkdtemp()}/claims.sqlite3"
    engine = make_engine(url)
    upgrade(engine, backup=False)
    counts = [int(w) for w in args.workers.split(",")]
    with session_scope(engine) as s:
        reviewers = [
            Reviewer(login=f"bench{time.time_ns()}-{i}", display_name=f"Bench {i}")
            for i in range(max(counts))
        ]
        s.add_all(reviewers)
        s.flush()
        s.add_all(ReviewerRole(reviewer_id=r.id, role="moderator") for r in reviewers)
        account = Account(platform_id=f"bench{time.time_ns()}", name="bench")
        s.add(account)
        s.flush()
        reviewer_ids = [r.id for r in reviewers]
        account_id = account.id
    print(f"{engine.dialect.name}, {args.cases} cases")
    rates: dict[int, float] = {}
    for n in counts:
        with session_scope(engine) as s:
            s.exec(update(Case).where(Case.queue == "reports").values(queue="automated"))
            s.add_all(
                Case(
                    queue="reports", target_account_id=account_id, category="other", priority=i % 7
                )
                for i in range(args.cases)
            )
        load = os.getloadavg()[0]
        elapsed, claimed, client, db = run(url, reviewer_ids, n)
        ok = len(claimed) == args.cases == len(set(claimed))
        rates[n] = args.cases / elapsed
        per_claim = f"CPU per claim: {client / args.cases * 1000:.2f} ms in the workers"
        if db is not None:
            per_claim += f", {db / args.cases * 1000:.2f} ms in the database"
        print(
            f"{n} worker(s): {elapsed:6.1f} s, {args.cases / elapsed:6.0f} claims/s, "
            f"{'no double claims, queue empty' if ok else 'FAILED'} "
            f"(load average {load:.1f} before, {os.getloadavg()[0]:.1f} after); {per_claim}"
        )
    most, one = max(rates), rates.get(1)
    if one is not None and most != 1:
        verdict = "OK" if rates[most] >= TARGET and rates[most] > one else "BELOW TARGET"
        print(
            f"{most} workers: {rates[most]:.0f} claims/s against {one:.0f} with 1 worker "
            f"({rates[most] / one:.2f}x; target >= {TARGET} claims/s and more than 1: {verdict})"
        )
    seal_all(engine)
    with session_scope(engine, write=False) as s:
        result = verify(s)
    print(f"audit chain: {'verifies' if result.ok else 'BROKEN: ' + result.problem}")
    engine.dispose()


if __name__ == "__main__":
    main()
