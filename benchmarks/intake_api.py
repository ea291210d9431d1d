"""Report intake through the platform API while reviewers work, beside the file import.

Run:  .venv/bin/python benchmarks/intake_api.py [--seconds 30] [--senders 2]
      [--reviewers 20] [--database postgresql+psycopg://postgres@127.0.0.1:5432/test]

Creates a scratch PostgreSQL database beside ``--database``, seeds accounts and
reviewers, starts ``workbench serve`` with a key file of its own and registers
an API client.  Then, at the same time: ``--senders`` processes post signed
batches of 500 reports to ``/v1/reports/batch`` as fast as the server takes
them, and ``--reviewers`` simulated reviewers work cases through the server
(the loop of ``server_load.py``, 2 s between calls).  Prints the reports
accepted per second and the reviewers' p50/p95 per action during the intake,
and, as the baseline in the same run and database, the rate of importing the
same number of reports from a JSON Lines file in process.  Targets: at least
1,000 reports/s through the API while the reviewers' p95 stays under 200 ms.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))

from platform_client import PlatformClient  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

import benchmarks.server_load as server_load  # noqa: E402
from benchmarks.server_load import (  # noqa: E402
    ACTIONS,
    client_process,
    database_argument,
    drop_scratch,
    pct,
    scratch_database,
    seed,
    start_server,
)
from benchmarks.support import bare_account  # noqa: E402
from workbench.access.auth import load_actor  # noqa: E402
from workbench.db import session_scope  # noqa: E402
from workbench.importing.run import import_reports_file  # noqa: E402
from workbench.models import Account, AuditPending  # noqa: E402
from workbench.operations.database import open_database  # noqa: E402
from workbench.platform import api_clients  # noqa: E402
from workbench.server_key import load_key  # noqa: E402

BATCH = 500
TARGETS = 20_000
# A scratch database of its own (never the tests' one, nor server_load.py's), beside --database.
server_load.SCRATCH = "wb_intake"


def report(i: int, prefix: str, at: datetime) -> dict:
    return {
        "external_id": f"{prefix}-{i}",
        "channel": "user_report",
        "target_account_id": f"intake-{i % TARGETS}",
        "category": "impersonate_news_media",
        "text": "账号名称冒用新闻媒体",
        "reporter_id": f"u{i % 5000}",
        "received_at": at.isoformat(timespec="seconds"),
    }


def sender(base: str, name: str, secret: str, prefix: str, seconds: float, out) -> None:
    api = PlatformClient(base, name, secret, timeout=120)
    deadline, sent, refused, batch_times = time.monotonic() + seconds, 0, 0, []
    i = 0
    while time.monotonic() < deadline:
        at = datetime.now(UTC) - timedelta(minutes=5)
        rows = [report(i + k, prefix, at) for k in range(BATCH)]
        i += BATCH
        started = time.monotonic()
        status, answer = api.post("/v1/reports/batch", {"reports": rows})
        batch_times.append(time.monotonic() - started)
        if status == 200:
            sent += BATCH
        else:
            refused += BATCH
    out.put((sent, refused, batch_times))


def _start(url: str, workers: int, *extra: str):
    """``start_server``, tried again when a busy machine starts it too slowly."""
    for attempt in range(3):
        try:
            return start_server(url, workers, *extra)
        except SystemExit:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    database_argument(parser)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--senders", type=int, default=2)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument(
        "--intake-nice", type=int, default=10, help="the server's --intake-nice (default 10)"
    )
    args = parser.parse_args()

    url = scratch_database(args.database)
    server = None
    tmp = tempfile.TemporaryDirectory(prefix="workbench-intake-")
    try:
        seed(url, args.reviewers, 1500)
        engine = open_database(url, migrate=False)
        now = datetime.now(UTC)
        with session_scope(engine) as s:
            s.execute(
                insert(Account.__table__),
                [bare_account(f"intake-{i}", f"待核查账号{i}", now) for i in range(TARGETS)],
            )
        key_file = Path(tmp.name) / "server.key"
        key = load_key(key_file, create=True)
        from workbench.models import Reviewer, ReviewerRole

        with session_scope(engine) as s:
            admin = Reviewer(login="bench-admin", display_name="管理员")
            s.add(admin)
            s.flush()
            s.add(ReviewerRole(reviewer_id=admin.id, role="administrator"))
            s.flush()
            issued = api_clients.add_client(
                s, load_actor(s, admin.id), key, name="bench", scopes=["intake:reports"]
            )
        server, base = _start(
            url, args.server_workers, "--key-file", str(key_file),
            "--intake-nice", str(args.intake_nice),
        )  # fmt: skip

        ctx = multiprocessing.get_context("spawn")
        out_reviewers, out_senders = ctx.Queue(), ctx.Queue()
        logins = [f"mod{i}" for i in range(args.reviewers)]
        groups = [logins[i::4] for i in range(4)]
        reviewers = [
            ctx.Process(
                target=client_process,
                args=(base, group, args.seconds, args.think, out_reviewers),
            )
            for group in groups
            if group
        ]
        senders = [
            ctx.Process(
                target=sender,
                args=(base, "bench", issued.secret, f"api{n}", args.seconds, out_senders),
            )
            for n in range(args.senders)
        ]
        wall = time.monotonic()
        for p in reviewers + senders:
            p.start()
        accepted, refused, batch_times = 0, 0, []
        for _ in senders:
            a, r, times = out_senders.get()
            accepted, refused = accepted + a, refused + r
            batch_times += times
        intake_wall = time.monotonic() - wall
        with session_scope(engine, write=False) as s:  # what the sealing timer has yet to chain
            unsealed = s.execute(select(func.count()).select_from(AuditPending)).scalar_one()
        timings: dict[str, list[float]] = defaultdict(list)
        for _ in reviewers:
            part, _sent = out_reviewers.get()
            for name, values in part.items():
                timings[name].extend(values)
        for p in reviewers + senders:
            p.join()
        server.terminate()  # the baseline then seals its own events, as the API's batches do
        server.wait(60)
        server = None

        # The baseline: the same number of reports from a file, in process, same database.
        count = max(accepted, BATCH)
        path = Path(tmp.name) / "reports.jsonl"
        at = datetime.now(UTC) - timedelta(minutes=5)
        with path.open("w", encoding="utf-8") as fh:
            for i in range(count):
                fh.write(json.dumps(report(i, "file", at), ensure_ascii=False) + "\n")
        started = time.monotonic()
        outcome = import_reports_file(engine, path)
        file_seconds = time.monotonic() - started
        engine.dispose()

        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\nload average when done (1, 5, 15 min): {load} on {os.cpu_count()} cores")
        print(
            f"\nthrough the API ({args.senders} senders, batches of {BATCH}, "
            f"{args.server_workers} server workers, intake at nice +{args.intake_nice}) "
            f"for {intake_wall:.0f} s, with "
            f"{args.reviewers} reviewers working ({args.think:g} s between calls):"
        )
        print(
            f"  reports accepted: {accepted} ({accepted / intake_wall:,.0f}/s); "
            f"refused: {refused}; batch p50 {pct(batch_times, 0.5):.0f} ms, "
            f"p95 {pct(batch_times, 0.95):.0f} ms"
        )
        print(f"  audit events not yet chained when the senders stopped: {unsealed}")
        print(
            f"  baseline, the same number from a JSON Lines file in process: "
            f"{outcome.rows} in {file_seconds:.1f} s ({outcome.rows / file_seconds:,.0f}/s)"
        )
        print(f"\n{'reviewer action':22} {'calls':>7} {'p50 ms':>8} {'p95 ms':>8}")
        worst = 0.0
        for name in ("queue_first_page", "case_detail", *ACTIONS):
            values = timings.get(name, [])
            p95 = pct(values, 0.95)
            if name in ACTIONS:
                worst = max(worst, p95)
            print(f"{name:22} {len(values):7d} {pct(values, 0.5):8.1f} {p95:8.1f}")
        rate = accepted / intake_wall
        print(
            f"\ntarget >= 1,000 reports/s: {'met' if rate >= 1000 else 'NOT met'} ({rate:,.0f}/s)"
        )
        print(
            f"target reviewers' p95 < 200 ms: {'met' if worst < 200 else 'NOT met'} "
            f"(worst action p95 {worst:.0f} ms)"
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(20)
        drop_scratch(args.database)
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
