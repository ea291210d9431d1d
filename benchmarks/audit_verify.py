"""How fast ``workbench audit verify`` checks a long keyed chain.

Run:  .venv/bin/python benchmarks/audit_verify.py --database URL [--events 10000000]

Give a scratch PostgreSQL database (its audit log is replaced; the script
refuses one whose log is not empty unless --reuse).  The script writes a valid
keyed chain of ``--events`` events fast (hashes computed here on plain objects, rows
loaded with COPY in chunks, under a key file of its own in a temporary folder), then runs
what ``workbench audit verify`` runs (:func:`workbench.operations.records.verify_audit`)
and prints events per second, beside the baseline measured in the same run:
reading the same rows without checking them.  With fewer events than 10,000,000
it also prints the time 10,000,000 would take at the measured rate.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TEN_MILLION = 10_000_000
CHUNK = 100_000


def _events(n: int, key):
    """``n`` events of an ordinary mix (claims, decisions, notes), chained under ``key``."""
    from types import SimpleNamespace

    from workbench.records.audit import GENESIS, event_hash

    start = datetime(2026, 6, 1, tzinfo=UTC)
    prev = GENESIS
    actions = ("case.claim", "case.decide", "case.note", "report.receive")
    for i in range(1, n + 1):
        event = SimpleNamespace(  # plain attributes: an ORM object costs more than its hash
            id=i,
            occurred_at=start + timedelta(microseconds=i * 1013),
            actor_id=None,
            action=actions[i % 4],
            entity="case",
            entity_id=i // 3 + 1,
            case_id=i // 3 + 1,
            account_id=i // 7 + 1,
            reason=None if i % 5 else "理由 reason",
            before={"status": "accepted", "version": i % 9},
            after={"status": "screening", "version": i % 9 + 1},
            prev_hash=prev,
            key_id=key.key_id,
        )
        event.hash = prev = event_hash(event, key)
        yield event


def load_chain(engine, n: int, key) -> float:
    """Write the chain with COPY; seconds taken."""
    import json

    from sqlalchemy import text

    started = time.perf_counter()
    columns = (
        "id, occurred_at, actor_id, action, entity, entity_id, case_id, account_id, reason, "
        "before, after, prev_hash, hash, key_id"
    )
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        rows = _events(n, key)
        last = None
        done = 0
        while done < n:
            with cur.copy(f"COPY audit_event ({columns}) FROM STDIN") as copy:
                for _ in range(min(CHUNK, n - done)):
                    e = next(rows)
                    copy.write_row(
                        (
                            e.id,
                            e.occurred_at,
                            e.actor_id,
                            e.action,
                            e.entity,
                            e.entity_id,
                            e.case_id,
                            e.account_id,
                            e.reason,
                            json.dumps(e.before, ensure_ascii=False),
                            json.dumps(e.after, ensure_ascii=False),
                            e.prev_hash,
                            e.hash,
                            e.key_id,
                        )
                    )
                    last = e
                    done += 1
            raw.commit()
            print(f"  written {done:,} events", flush=True)
        assert last is not None
        cur.close()
    finally:
        raw.close()
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_head SET last_event_id = :i, last_hash = :h, key_id = :k"),
            {"i": last.id, "h": last.hash, "k": key.key_id},
        )
        conn.execute(text("ANALYZE audit_event"))
    return time.perf_counter() - started


def read_only(engine, batch: int = 5000) -> float:
    """The baseline: every row read in the same batches verify reads, nothing checked."""
    from sqlalchemy import select

    from workbench.models import AuditEvent

    table = AuditEvent.__table__
    started = time.perf_counter()
    last = 0
    with engine.connect() as conn:
        while True:
            rows = conn.execute(
                select(table).where(table.c.id > last).order_by(table.c.id).limit(batch)
            ).all()
            if not rows:
                break
            last = rows[-1].id
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a scratch PostgreSQL database URL")
    parser.add_argument("--events", type=int, default=TEN_MILLION)
    parser.add_argument(
        "--reuse", action="store_true", help="verify the chain already there (written before)"
    )
    parser.add_argument(
        "--key-file",
        help="the key file (default: a new one; with --reuse, the one the writing run printed)",
    )
    args = parser.parse_args()
    if args.reuse and not args.key_file:
        sys.exit("--reuse needs the --key-file the chain was written with")
    key_file = args.key_file or str(Path(tempfile.mkdtemp(prefix="wb-verify-")) / "server.key")
    os.environ["WORKBENCH_KEY_FILE"] = key_file

    from sqlalchemy import func, select

    from workbench.db import make_engine
    from workbench.models import AuditEvent
    from workbench.operations.local import LocalClient
    from workbench.operations.records import verify_audit
    from workbench.records.audit_key import audit_key
    from workbench.schema import upgrade

    engine = make_engine(args.database)
    upgrade(engine, backup=False)
    with engine.connect() as conn:
        present = conn.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    key = audit_key()
    if args.reuse:
        n = present
        print(f"{engine.dialect.name}: verifying the {n:,} events already there")
    else:
        if present:
            sys.exit(f"the database already holds {present:,} audit events: use a fresh one")
        n = args.events
        print(f"{engine.dialect.name}: writing {n:,} keyed events under the key file {key_file}")
        print(f"written in {load_chain(engine, n, key):.1f} s (COPY)")
    load_base = os.getloadavg()[0]
    base = read_only(engine)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    result = verify_audit(LocalClient(engine), key_files=[Path(key_file)])
    elapsed = time.perf_counter() - started
    assert result.ok and result.checked == n, result.problem
    print(
        f"audit verify: {n:,} events in {elapsed:.1f} s = {n / elapsed:,.0f} events/s "
        f"(load average {load:.1f}-{os.getloadavg()[0]:.1f}; baseline, reading the same rows "
        f"unchecked: {base:.1f} s = {n / base:,.0f} rows/s, load average {load_base:.1f}-{load:.1f})"
    )
    if n < TEN_MILLION:
        print(
            f"at this rate {TEN_MILLION:,} events take {TEN_MILLION / n * elapsed / 60:.1f} min "
            "(extrapolated, not measured)"
        )
    engine.dispose()


if __name__ == "__main__":
    main()
