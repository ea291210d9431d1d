"""Simulated reviewers against ``workbench serve`` on PostgreSQL, beside the same loop in process.

Run:  .venv/bin/python benchmarks/server_load.py [--reviewers 50] [--seconds 30]
      [--server-workers 2] [--database postgresql+psycopg://postgres@127.0.0.1:5432/test]

``--database`` names a PostgreSQL server and an existing database to connect
to first; the benchmark creates (and afterwards drops) its own scratch
database beside it.  It seeds accounts with one report each, starts
``workbench serve`` on 127.0.0.1, and runs N reviewers, spread over a few
client processes, each looping: read the first queue page, claim the next
case, read it, accept, record findings, take a measure, reply.  A few
supervisors' desktops listen on the server's event stream, timing how long
each case change takes to reach them.  The same loop then runs in process
(LocalClient, a few threads) as the baseline, in the same run.

Prints per operation: calls, calls/s, p50 and p95 in ms through the server
beside the same in process; then the stream delay p50/p95 and the targets
(p95 < 200 ms per action with 50 reviewers; a change reaches the others'
streams in < 1 s at p95).
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from benchmarks.support import bare_account  # noqa: E402
from workbench.access.auth import hash_password  # noqa: E402
from workbench.cases.intake_batch import receive_report  # noqa: E402
from workbench.db import session_scope  # noqa: E402
from workbench.measures.measure_catalogue import MeasureSpec  # noqa: E402
from workbench.models import Account, Reviewer, ReviewerRole  # noqa: E402
from workbench.models.views import QueueFilter, QueueSort  # noqa: E402
from workbench.operations import cases, reads  # noqa: E402
from workbench.operations.database import ensure_seeded, open_database  # noqa: E402
from workbench.operations.local import LocalClient  # noqa: E402
from workbench.operations.remote import RemoteClient  # noqa: E402

PASSWORD = "bench-pass-2026"
SCRATCH = "workbench_bench_server"
ACTIONS = ("claim_next", "accept_case", "record_findings", "apply_measures", "reply_to_reporters")


def scratch_database(admin_url: str) -> str:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{SCRATCH}"'))
    admin.dispose()
    return make_url(admin_url).set(database=SCRATCH).render_as_string(hide_password=False)


def drop_scratch(admin_url: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
    admin.dispose()


def seed(url: str, reviewers: int, reports: int) -> None:
    engine = open_database(url)
    ensure_seeded(engine)
    now = datetime.now(UTC)
    with session_scope(engine) as s:
        hashed = hash_password(PASSWORD)
        logins = [f"mod{i}" for i in range(reviewers)] + [f"sup{i}" for i in range(8)]
        for login in logins:
            row = Reviewer(login=login, display_name=login, password_hash=hashed)
            s.add(row)
            s.flush()
            role = "supervisor" if login.startswith("sup") else "moderator"
            s.add(ReviewerRole(reviewer_id=row.id, role=role))
        s.execute(
            insert(Account.__table__),
            [bare_account(f"bench-{i}", f"某市人民政府{i}", now) for i in range(reports)],
        )
    with session_scope(engine) as s:
        ids = [r[0] for r in s.execute(text("SELECT id FROM account ORDER BY id"))]
    for start in range(0, len(ids), 500):
        with session_scope(engine) as s:
            for account_id in ids[start : start + 500]:
                receive_report(
                    s,
                    None,
                    external_id=f"bench-{account_id}",
                    kind="report",
                    channel="user_report",
                    target_account_id=account_id,
                    category="impersonate_organisation",
                    text="冒充政府机关",
                    reporter_external_id=f"r-{account_id}",
                    reporter_name="举报人",
                    reporter_contact=f"r{account_id}@example.com",
                    received_at=now - timedelta(hours=1),
                )
    engine.dispose()


def work_loop(client, deadline: float, timings, sent, think: float = 0.0) -> None:
    """One reviewer's loop until ``deadline``; timings[op] gets seconds per call.
    ``think`` seconds pass between one call's answer and the next call (a person
    reading the case), drawn from 0.5x to 1.5x so the reviewers drift apart."""
    pause = threading.Event()
    rng = random.Random()

    def timed(name, op, **kwargs):
        if think:
            pause.wait(think * (0.5 + rng.random()))
        started = time.monotonic()
        result = client.call(op, **kwargs)
        timings[name].append(time.monotonic() - started)
        return result, started

    while time.monotonic() < deadline:
        timed("queue_first_page", reads.queue_first_page, queue="reports", flt=QueueFilter(),
              sort=QueueSort(), limit=50)
        case_id, started = timed("claim_next", cases.claim_next, queue="reports")
        if case_id is None:
            return
        sent.append((started, case_id))
        detail, _ = timed("case_detail", reads.case_detail, case_id=case_id)
        timed("accept_case", cases.accept_case, case_id=case_id, expected_version=detail.version)
        detail, _ = timed("case_detail", reads.case_detail, case_id=case_id)
        timed("record_findings", cases.record_findings, case_id=case_id,
              expected_version=detail.version,
              findings=[("impersonate_organisation", "2022/8(2)", "")], hit_decisions={})
        detail, _ = timed("case_detail", reads.case_detail, case_id=case_id)
        timed("apply_measures", cases.apply_measures, case_id=case_id,
              expected_version=detail.version,
              measures=[MeasureSpec(code="warn", basis="2022/8(2)", reason="名称冒充机关")])
        detail, started = timed("case_detail", reads.case_detail, case_id=case_id)
        _, started = timed("reply_to_reporters", cases.reply_to_reporters, case_id=case_id,
                           expected_version=detail.version)
        sent.append((started, case_id))


def client_process(base_url: str, logins: list[str], seconds: float, think: float, out) -> None:
    timings: dict[str, list[float]] = defaultdict(list)
    sent: list[tuple[float, int]] = []
    clients = []
    for login in logins:
        client = RemoteClient(base_url, timeout=60)
        client.sign_in(login, PASSWORD)
        clients.append(client)
    # What this simulated desktop loaded to start is never freed: keep it out of the
    # garbage collector's full passes, whose pauses would otherwise count against the
    # server in whichever request they land on.
    gc.collect()
    gc.freeze()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=work_loop, args=(c, deadline, timings, sent, think))
        for c in clients
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((dict(timings), sent))


def in_process(url: str, logins: list[str], seconds: float, think: float):
    engine = open_database(url, migrate=False)
    timings: dict[str, list[float]] = defaultdict(list)
    sent: list[tuple[float, int]] = []
    clients = []
    for login in logins:
        client = LocalClient(engine)
        client.sign_in(login, PASSWORD)
        clients.append(client)
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=work_loop, args=(c, deadline, timings, sent, think))
        for c in clients
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.dispose()
    return timings


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_argument(parser: argparse.ArgumentParser) -> None:
    """``--database``: the PostgreSQL server (and a database on it) to make the scratch one beside."""
    parser.add_argument(
        "--database",
        default=os.environ.get(
            "WORKBENCH_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )


def start_server(url: str, workers: int, *extra: str) -> tuple[subprocess.Popen, str]:
    """``workbench serve`` on ``url`` at a free 127.0.0.1 port, once it answers: (process, URL)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "workbench.cli", "serve", "--listen", f"127.0.0.1:{port}",
         "--workers", str(workers), *extra],
        env=dict(os.environ, WORKBENCH_DATABASE_URL=url),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(300):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    database_argument(parser)
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument("--baseline-reviewers", type=int, default=4)
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--client-processes", type=int, default=5)
    parser.add_argument("--listeners", type=int, default=5)
    parser.add_argument("--reports", type=int, default=6000)
    parser.add_argument(
        "--think", type=float, default=2.0,
        help="seconds a reviewer takes between calls (0 saturates the server)",
    )
    args = parser.parse_args()

    url = scratch_database(args.database)
    server = None
    try:
        started = time.monotonic()
        seed(url, args.reviewers, args.reports)
        print(f"seeded {args.reports} reports and {args.reviewers} reviewers in "
              f"{time.monotonic() - started:.1f} s")
        server, base = start_server(url, args.server_workers)

        # Supervisors' desktops on the event stream: when did each case change reach them?
        heard: list[tuple[float, tuple[int, ...]]] = []
        lock = threading.Lock()
        listeners, streams = [], []
        for i in range(args.listeners):
            listener = RemoteClient(base, timeout=30)
            listener.sign_in(f"sup{i}", PASSWORD)
            connected = threading.Event()

            def tell(changes, lock=lock):
                with lock:
                    heard.append((time.monotonic(), changes.ids("case")))

            listener.subscribe(tell)
            stream = listener.changes_stream(status=lambda up, c=connected: up and c.set())
            stream.start()
            connected.wait(10)
            listeners.append(listener)
            streams.append(stream)

        logins = [f"mod{i}" for i in range(args.reviewers)]
        ctx = multiprocessing.get_context("spawn")
        out = ctx.Queue()
        groups = [logins[i :: args.client_processes] for i in range(args.client_processes)]
        procs = [
            ctx.Process(target=client_process, args=(base, group, args.seconds, args.think, out))
            for group in groups if group
        ]
        wall = time.monotonic()
        for p in procs:
            p.start()
        remote: dict[str, list[float]] = defaultdict(list)
        sent: list[tuple[float, int]] = []
        for _ in procs:
            timings, sent_part = out.get()
            for name, values in timings.items():
                remote[name].extend(values)
            sent.extend(sent_part)
        for p in procs:
            p.join()
        wall = time.monotonic() - wall
        time.sleep(1.5)  # the last notices' way to the listeners
        for stream in streams:
            stream.stop()

        delays = []
        with lock:
            arrivals = list(heard)
        by_case: dict[int, list[float]] = defaultdict(list)
        for at, ids in arrivals:
            for case_id in ids:
                by_case[case_id].append(at)
        for sent_at, case_id in sent:
            later = [at for at in by_case.get(case_id, []) if at >= sent_at]
            if later:
                delays.append(min(later) - sent_at)

        baseline = in_process(url, [f"mod{i}" for i in range(args.baseline_reviewers)],
                              args.baseline_seconds, args.think)

        print(f"\n{args.reviewers} reviewers through workbench serve ({args.server_workers} "
              f"workers) for {wall:.0f} s, {args.think:g} s between calls; baseline: "
              f"{args.baseline_reviewers} reviewers in process for {args.baseline_seconds:.0f} s "
              f"(same run, same database)\n")
        print(f"{'operation':22} {'calls':>7} {'/s':>7} {'p50 ms':>8} {'p95 ms':>8}   "
              f"{'in-proc p50':>11} {'in-proc p95':>11}")
        worst = 0.0
        for name in ("queue_first_page", "case_detail", *ACTIONS):
            values, base_values = remote.get(name, []), baseline.get(name, [])
            p95 = pct(values, 0.95)
            if name in ACTIONS:
                worst = max(worst, p95)
            print(f"{name:22} {len(values):7d} {len(values) / wall:7.1f} {pct(values, 0.5):8.1f} "
                  f"{p95:8.1f}   {pct(base_values, 0.5):11.1f} {pct(base_values, 0.95):11.1f}")
        cases_done = len(remote.get("reply_to_reporters", []))
        print(f"\ncases worked to a reply: {cases_done} ({cases_done / wall:.1f}/s)")
        if delays:
            print(f"change reached the other desktops' streams: p50 "
                  f"{statistics.median(delays) * 1000:.0f} ms, p95 {pct(delays, 0.95):.0f} ms "
                  f"({len(delays)} of {len(sent)} changes timed)")
        print(f"target p95 per action < 200 ms: {'met' if worst < 200 else 'NOT met'} "
              f"(worst action p95 {worst:.0f} ms)")
        if delays:
            print(f"target stream p95 < 1000 ms: "
                  f"{'met' if pct(delays, 0.95) < 1000 else 'NOT met'}")
        for listener in listeners:
            listener.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(20)
        drop_scratch(args.database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
