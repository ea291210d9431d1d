"""Soak: N reviewer processes working one queue for a while, then every invariant checked.

Run:  .venv/bin/python benchmarks/soak.py --database URL [--workers 8] [--seconds 60]

Without --database a temporary SQLite file is used.  Give PostgreSQL a
scratch database (it keeps the reviewers, accounts and cases it made); the
schema is brought up to date first.  Each worker claims, decides (accept or
decline, record findings, no violation or a warning), releases and pauses,
filing new reports when the queue runs dry (see tests/db/security/soak_work.py).
Prints the figures and every broken invariant (lost update, double claim,
a case row differing from its last audited state, a broken audit chain);
exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.db.security.soak_work import soak  # noqa: E402
from workbench.db import make_engine  # noqa: E402
from workbench.schema import upgrade  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    url = args.database or f"sqlite:///{tempfile.mkdtemp()}/soak.sqlite3"
    engine = make_engine(url)
    upgrade(engine, backup=False)
    engine.dispose()
    report = soak(url, workers=args.workers, seconds=args.seconds)
    print(f"{make_engine(url).dialect.name}: {report.summary()}")
    for log in report.logs:
        print(
            f"  worker {log.worker}: {log.claims} claims, {dict(log.decisions)}, "
            f"{log.stale} stale, {log.filed} filed"
        )
    for problem in report.problems[:20]:
        print("PROBLEM:", problem)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
