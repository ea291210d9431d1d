"""Bulk account checks over stock accounts: facts loading, checking, filing.

Run:  .venv/bin/python benchmarks/account_checks.py [--accounts 5000] [--days 90]
          [--database URL] [--seed 3]

Fills a fresh database (a temporary SQLite file unless ``--database`` names an
empty, migrated one) with synthetic accounts, their subjects, ``--days`` of
daily follower snapshots each and some transfers, with about 5% of the
accounts triggering one check.  Then prints:

* the pure check rate (AccountFacts -> hits, no database), accounts per second;
* the first bulk run (facts loading, checking, storing hits, opening cases);
* the second run over the same data (nothing new to file).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from workbench.db import make_engine, session_scope  # noqa: E402
from workbench.models import Account, AccountTransfer, FollowerSnapshot, Subject  # noqa: E402
from workbench.rules.account_checks import account_check_hits  # noqa: E402
from workbench.rules.account_policy import default_policy  # noqa: E402
from workbench.rules.bulk_checks import load_account_facts, run_account_checks  # noqa: E402
from workbench.rules.idcodes import generate_id_number  # noqa: E402
from workbench.schema import upgrade  # noqa: E402

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def fill(engine, accounts: int, days: int, rng: random.Random) -> None:
    subjects = [
        {
            "id": i + 1,
            "kind": "individual",
            "verified_name": f"主体{i}",
            "id_number": generate_id_number(rng),
        }
        for i in range(accounts // 2 + 1)
    ]
    rows, snaps, transfers = [], [], []
    start = NOW.date() - timedelta(days=days)
    for i in range(accounts):
        odd = rng.random() < 0.05
        rows.append(
            {
                "id": i + 1,
                "platform_id": f"bench{i}",
                "kind": "public" if i % 3 == 0 else "individual",
                "subject_id": i // 2 + 1,
                "name": "每日财经观察" if odd and i % 3 == 0 else f"生活日记{i}",
                "bio": "分享生活",
                "verification_method": "none" if odd and i % 3 == 1 else "mobile",
                "verification_status": "unverified" if odd and i % 3 == 1 else "verified",
                "publishes": True,
                "ip_location": "北京",
                "operator_name": "某某",
                "registered_address": "北京市",
                "content_category": "美食",
                "contact": "a@example.com",
                "org_business_scope": "",
                "restrictions": [],
                "registered_at": NOW - timedelta(days=700),
                "last_active_at": NOW - timedelta(days=rng.randint(1, 100)),
                "updated_at": NOW,
            }
        )
        count = rng.randint(100, 100_000)
        for d in range(days):
            count += rng.randint(0, max(1, count // 200))
            if odd and i % 3 == 2 and d == days - 5:
                count += 40_000
            snaps.append(
                {"account_id": i + 1, "day": start + timedelta(days=d), "follower_count": count}
            )
        if i % 3 == 0 and rng.random() < 0.1:
            transfers.append(
                {
                    "account_id": i + 1,
                    "from_operator": "某某",
                    "to_operator": "另一人",
                    "approved": rng.random() < 0.7,
                    "changed_at": NOW - timedelta(days=9),
                }
            )
    with session_scope(engine) as s:
        s.execute(insert(Subject), subjects)
        s.execute(insert(Account), rows)
        for k in range(0, len(snaps), 20_000):
            s.execute(insert(FollowerSnapshot), snaps[k : k + 20_000])
        if transfers:
            s.execute(insert(AccountTransfer), transfers)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=5000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--database", help="an empty, migrated database (default: temp SQLite)")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{tmp}/bench.sqlite3"
        engine = make_engine(url)
        upgrade(engine, backup=False)
        t = time.perf_counter()
        fill(engine, args.accounts, args.days, rng)
        print(
            f"filled {args.accounts:,} accounts x {args.days} days in "
            f"{time.perf_counter() - t:.1f} s ({engine.dialect.name})"
        )
        policy = default_policy()
        with session_scope(engine, write=False) as s:
            t = time.perf_counter()
            facts = load_account_facts(s, list(range(1, args.accounts + 1)), policy=policy, now=NOW)
            load_s = time.perf_counter() - t
        t = time.perf_counter()
        hits = sum(len(account_check_hits(f, policy, now=NOW)) for f in facts)
        check_s = time.perf_counter() - t
        print(f"facts loaded in one go: {len(facts) / load_s:,.0f} accounts/s")
        print(f"checks alone: {len(facts) / check_s:,.0f} accounts/s ({hits:,} hits)")
        for label in ("first run", "second run"):
            t = time.perf_counter()
            summary = run_account_checks(engine, policy=policy, now=NOW)
            took = time.perf_counter() - t
            print(
                f"{label}: {summary.accounts_checked:,} accounts in {took:.1f} s "
                f"({summary.accounts_checked / took:,.0f}/s); {summary.hits_found:,} hits, "
                f"{summary.cases_opened:,} cases opened, {summary.already_filed:,} filed before"
            )
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
