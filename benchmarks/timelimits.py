"""Time-limit speed: deadline arithmetic, a tick over many open clocks, the figures.

Run:  .venv/bin/python benchmarks/timelimits.py [--clocks 5000] [--database URL]

Without --database a temporary SQLite file is used.  Prints the time of one
working-day deadline (median over 20 000), of starting N case clocks, of one
tick that checks them all (and warns or breaches some), of a second tick that
raises nothing, and of the supervisor figures over them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.db import make_engine, session_scope  # noqa: E402
from workbench.models import Account, Case  # noqa: E402
from workbench.reports import figures  # noqa: E402
from workbench.schema import upgrade  # noqa: E402
from workbench.timelimits import alerts, calendar, clocks, policies  # noqa: E402
from workbench.timelimits.deadlines import add_working_days, chinese_calendar_snapshot  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clocks", type=int, default=5000)
    parser.add_argument("--database")
    args = parser.parse_args()

    snap = chinese_calendar_snapshot()
    start = datetime.fromisoformat("2026-01-20T10:00+08:00")
    times = []
    for i in range(20_000):
        t0 = time.perf_counter()
        add_working_days(start + timedelta(hours=i % 500), 1 + i % 7, snap)
        times.append(time.perf_counter() - t0)
    print(f"deadline (working days): median {statistics.median(times) * 1e6:.1f} µs")

    url = args.database or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    engine = make_engine(url)
    upgrade(engine, backup=False)
    with session_scope(engine) as s:
        calendar.seed_from_chinese_calendar(s, None)
        policies.seed_default_policies(s, None)
        accounts = [Account(platform_id=f"bench-{i}") for i in range(100)]
        s.add_all(accounts)
        s.flush()
        cases = [
            Case(queue="reports", category="other", target_account_id=accounts[i % 100].id)
            for i in range(args.clocks)
        ]
        s.add_all(cases)
        s.flush()
        snapshot = calendar.load_snapshot(s)
        t0 = time.perf_counter()
        for i, c in enumerate(cases):
            clocks.start_clock(
                s, stage="dispose", at=start + timedelta(minutes=7 * i), case=c, snapshot=snapshot
            )
        print(f"start {args.clocks} clocks: {time.perf_counter() - t0:.2f} s")
    now = datetime.fromisoformat("2026-02-05T12:00+08:00")
    for label in ("first tick", "second tick"):
        with session_scope(engine) as s:
            t0 = time.perf_counter()
            result = alerts.tick(s, now)
            elapsed = time.perf_counter() - t0
        print(
            f"{label}: {elapsed:.2f} s, checked {result.checked}, "
            f"warned {len(result.warned)}, breached {len(result.breached)}"
        )
    with session_scope(engine, write=False) as s:
        t0 = time.perf_counter()
        fig = figures.supervisor_figures(s, now=now)
        print(f"figures: {time.perf_counter() - t0:.2f} s, {fig.due}")
    engine.dispose()


if __name__ == "__main__":
    main()
