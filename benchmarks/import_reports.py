"""Importing reports: 100,000 rows into SQLite, target under 30 seconds.

Run:  .venv/bin/python benchmarks/import_reports.py [--rows 100000] [--accounts 20000]
          [--reporters 30000] [--format jsonl|csv] [--seed 5]

Makes a fresh SQLite database in a temporary folder with ``--accounts``
accounts (loaded with one multi-row insert: not timed), writes ``--rows``
report rows spread over two months in the order received, the accounts, a few categories and
``--reporters`` reporters (a third of the reports on the 2% most reported
accounts, so reports join cases, repeat reporters weigh
nothing, and some are flagged), then times ``workbench import reports``'s
work (read, validate every row, file through intake, commit) and a second
import of the same file (nothing new).  The baseline, measured first in the
same run, is the same import by the code of ``--baseline`` (a commit; by
default the last one with two intake paths, whose batch path was the fastest):
this script of that commit, run from a copy of it (``git archive``) on its own
fresh database.  Prints the figures beside the target and the baseline (issue
19: one intake path within 10 % of it), the load average, and checks the
audit chain.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select  # noqa: E402
from support import bare_account  # noqa: E402

from workbench.commands import ensure_seeded  # noqa: E402
from workbench.db import make_engine, session_scope  # noqa: E402
from workbench.importing.run import import_reports_file  # noqa: E402
from workbench.models import SHANGHAI, Account, AuditEvent, Case, Report  # noqa: E402
from workbench.records.audit import verify  # noqa: E402
from workbench.schema import upgrade  # noqa: E402

TARGET_SECONDS = 30.0
ROOT = Path(__file__).resolve().parents[1]
#: The last commit with two intake paths (receive_report on ORM objects beside the batch).
BASELINE = "091c0b2"
START = datetime(2026, 9, 1, tzinfo=UTC)
CATEGORIES = ["impersonate_news_media", "false_information", "embedded_contact", "other"]
CHANNELS = ["user_report"] * 6 + ["public_complaint"] * 3 + ["regulator_referral"]


def _target(rnd: random.Random, accounts: int) -> int:
    """Most reports spread over every account; a third on the 2% most reported."""
    if rnd.random() < 0.33:
        return rnd.randrange(max(1, accounts // 50))
    return rnd.randrange(accounts)


def write_rows(path: Path, fmt: str, rows: int, accounts: int, reporters: int, seed: int) -> None:
    rnd = random.Random(seed)
    fields = [
        "external_id",
        "channel",
        "reporter_id",
        "reporter_name",
        "reporter_contact",
        "target_account_id",
        "category",
        "text",
        "received_at",
    ]
    records = []
    for i in range(rows):
        at = START + timedelta(seconds=rnd.randint(0, 60 * 86400))
        records.append(
            {
                "external_id": f"bench-{i}",
                "channel": rnd.choice(CHANNELS),
                "reporter_id": f"u{rnd.randint(1, reporters)}",
                "reporter_name": "举报人",
                "reporter_contact": f"138{rnd.randint(0, 10**8 - 1):08d}",
                "target_account_id": f"acc{_target(rnd, accounts)}",
                "category": rnd.choice(CATEGORIES),
                "text": "该账号冒用他人名义发布信息",
                "received_at": at.astimezone(SHANGHAI).isoformat(),
            }
        )
    records.sort(key=lambda r: r["received_at"])  # an export comes in the order received
    with path.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows(records)
        else:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def fresh_database(folder: Path, accounts: int):
    engine = make_engine(f"sqlite:///{folder / 'bench.sqlite3'}")
    upgrade(engine, backup=False)
    ensure_seeded(engine)
    with session_scope(engine) as s:
        s.execute(
            insert(Account.__table__),
            [bare_account(f"acc{i}", f"账号{i}", START) for i in range(accounts)],
        )
    return engine


def timed_import(engine, path: Path):
    t0, c0 = time.perf_counter(), time.process_time()
    outcome = import_reports_file(engine, path)
    return outcome, time.perf_counter() - t0, time.process_time() - c0


def baseline_import(commit: str, args: argparse.Namespace) -> tuple[float, float]:
    """Wall and CPU seconds of the first import by this script of ``commit``, run from a
    copy of that commit with the same rows."""
    archive = subprocess.run(
        ["git", "-C", str(args.repository), "archive", commit], capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory(prefix="workbench-baseline-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        command = [
            sys.executable, f"{tmp}/benchmarks/import_reports.py", "--no-baseline",
            "--rows", str(args.rows), "--accounts", str(args.accounts),
            "--reporters", str(args.reporters), "--format", args.format, "--seed", str(args.seed),
        ]  # fmt: skip
        env = os.environ | {"PYTHONPATH": tmp}
        out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp)
    found = re.search(r"first import:\s+([\d.]+) s.*CPU time ([\d.]+) s", out.stdout)
    if out.returncode != 0 or found is None:
        raise SystemExit(f"the baseline of {commit} failed:\n{out.stdout}\n{out.stderr}")
    return float(found.group(1)), float(found.group(2))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--accounts", type=int, default=20_000)
    ap.add_argument("--reporters", type=int, default=30_000)
    ap.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--baseline", default=BASELINE, help="the commit to compare with")
    ap.add_argument(
        "--repository", default=ROOT, help="the git checkout holding it (default: this one)"
    )
    ap.add_argument("--no-baseline", action="store_true", help="skip the baseline's import")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / f"reports.{args.format}"
        write_rows(path, args.format, args.rows, args.accounts, args.reporters, args.seed)
        baseline = None if args.no_baseline else baseline_import(args.baseline, args)
        engine = fresh_database(folder, args.accounts)
        outcome, first, first_cpu = timed_import(engine, path)
        again, second, _ = timed_import(engine, path)
        with session_scope(engine, write=False) as s:
            reports = s.execute(select(func.count()).select_from(Report)).scalar_one()
            cases = s.execute(select(func.count()).select_from(Case)).scalar_one()
            events = s.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
            flagged = s.execute(
                select(func.count()).select_from(Report).where(Report.suspected_malicious)
            ).scalar_one()
            chain = verify(s)
        engine.dispose()
    r = outcome.result
    verdict = "OK" if first < TARGET_SECONDS else "SLOWER THAN TARGET"
    print(f"rows: {args.rows:,} ({args.format}), accounts {args.accounts:,}")
    print(
        f"first import:  {first:6.1f} s  (target < {TARGET_SECONDS:.0f} s: {verdict}), "
        f"{args.rows / first:,.0f} rows/s; CPU time {first_cpu:.1f} s "
        "(wall time includes waiting for a busy machine)"
    )
    if baseline is not None:
        wall, cpu = baseline
        within = first_cpu <= 1.1 * cpu
        print(
            f"  baseline, the same import by the code of {args.baseline} (same run): "
            f"{wall:6.1f} s, CPU time {cpu:.1f} s; CPU time {first_cpu / cpu - 1:+.0%}: "
            f"{'within' if within else 'NOT within'} 10 %"
        )
    print(
        f"  filed {r.received:,}: {r.cases_opened:,} opened a case, {r.joined:,} joined; "
        f"{flagged:,} flagged as possibly malicious"
    )
    print(f"second import: {second:6.1f} s  ({again.result.already_known:,} already known)")
    print(f"database: {reports:,} reports, {cases:,} cases, {events:,} audit events")
    print(f"audit chain: {'intact' if chain.ok else 'BROKEN: ' + chain.problem}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average when done (1, 5, 15 min): {load} on {os.cpu_count()} cores")
    return 0 if chain.ok and reports == args.rows else 1


if __name__ == "__main__":
    sys.exit(main())
