"""How long ``workbench demo`` takes, phase by phase, and where the time goes.

Run:  .venv/bin/python benchmarks/demo.py [--accounts 2000] [--reports 10000]
          [--database URL] [--profile N]

Builds the demo on a fresh temporary SQLite file (or on ``--database``, an
empty migrated database) and prints, for each phase, the wall-clock and the
process CPU time since the start.  On a busy machine the CPU time is the
better guide to what the run takes on an idle one.  ``--profile N`` runs
under cProfile and prints the N workflow-service functions with the most
cumulative time, to show which services dominate.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.db import make_engine  # noqa: E402
from workbench.demo.run import DemoOptions, build_demo  # noqa: E402
from workbench.schema import upgrade  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--database", default=None)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{folder}/demo.sqlite3"
        engine = make_engine(url)
        upgrade(engine, backup=False)
        wall0, cpu0 = time.perf_counter(), time.process_time()

        def progress(message: str) -> None:
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            print(f"{wall:8.1f} s wall {cpu:8.1f} s cpu  {message}", flush=True)

        options = DemoOptions(
            accounts=args.accounts, reports=args.reports, evidence_dir=Path(folder) / "img"
        )
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        summary = build_demo(engine, options, progress)
        if profiler:
            profiler.disable()
        progress("done")
        engine.dispose()
        print(
            f"{summary.accounts} accounts, {summary.reports} reports, "
            f"{sum(summary.cases.values())} cases, {sum(summary.measures.values())} measures"
        )
        if profiler:
            stats = pstats.Stats(profiler).sort_stats("cumulative")
            stats.print_stats(r"workbench/queues", args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
