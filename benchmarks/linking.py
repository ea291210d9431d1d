"""Linked accounts (issue 16 item 6): grouping 100,000 accounts, time and memory.

Run:  .venv/bin/python benchmarks/linking.py [--accounts 100000] [--seed 5] [--bios 5000]

Synthetic link keys, shaped like a platform's: most accounts with a contact of
their own, rings of 3-8 accounts sharing one contact (5 %), a customer-service
number in 2 % of the bios (too common to link), subjects of one to three
accounts, random avatar hashes, a default avatar on a fifth of the accounts
(too common to link) and near-duplicate copies (1-4 bits changed) of 2 %.
Prints the time and peak traced memory of :func:`link_groups` and of
:func:`new_account_clusters`, the groups found, whether every planted ring and
near-duplicate pair was found, and the rate of decoding contacts from
``--bios`` synthetic bios (the cost ``checks run`` pays per account indexed).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.rules.linking import (  # noqa: E402
    LinkKeys,
    LinkPolicy,
    contact_values,
    link_groups,
    new_account_clusters,
)

NOW = datetime(2026, 12, 5, tzinfo=UTC)


def synthetic(n: int, rng: random.Random):
    contacts: list[set[str]] = [
        {f"wechat:u{i:07d}"} if rng.random() < 0.7 else set() for i in range(n)
    ]
    rings = []
    i = 0
    while i < int(n * 0.05):
        size = rng.randint(3, 8)
        members = rng.sample(range(n), size)
        for m in members:
            contacts[m].add(f"qq:{100000 + i}")
        rings.append(set(members))
        i += size
    for m in rng.sample(range(n), int(n * 0.02)):
        contacts[m].add("phone:4008001234")
    subjects = []
    s = 0
    while len(subjects) < n:
        size = rng.choice((1, 1, 1, 2, 3))
        subjects += [f"subject{s}"] * size
        s += 1
    default = rng.getrandbits(64)
    avatars: list[int | None] = []
    for _ in range(n):
        roll = rng.random()
        avatars.append(default if roll < 0.2 else None if roll < 0.3 else rng.getrandbits(64))
    near = []
    picked = rng.sample(range(n), int(n * 0.04))
    for a, b in zip(picked[::2], picked[1::2], strict=False):
        if avatars[a] in (None, default) or avatars[b] == default:
            continue
        value = avatars[a]
        for bit in rng.sample(range(64), rng.randint(1, 4)):
            value ^= 1 << bit
        avatars[b] = value
        near.append((a, b))
    registered = [NOW - timedelta(days=rng.randint(0, 720)) for _ in range(n)]
    for ring in rings[::2]:  # half the rings registered within the last 30 days
        for m in ring:
            registered[m] = NOW - timedelta(days=rng.randint(0, 29))
    keys = [
        LinkKeys(
            i,
            frozenset(contacts[i]),
            frozenset({subjects[i]}),
            avatars[i],
            registered[i],
        )
        for i in range(n)
    ]
    return keys, rings, near


def measure(label: str, fn):
    """Timed once as is, then run again under tracemalloc for the peak memory."""
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label}: {seconds:.2f} s, peak traced memory {peak / 2**20:.1f} MiB")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--bios", type=int, default=5000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    keys, rings, near = synthetic(args.accounts, rng)
    policy = LinkPolicy()
    groups = measure(f"link_groups, {args.accounts:,} accounts", lambda: link_groups(keys, policy))
    group_of = {m: g.members for g in groups for m in g.members}
    rings_found = sum(1 for r in rings if len({group_of.get(m) for m in r} - {None}) == 1)
    near_found = sum(
        1 for a, b in near if group_of.get(a) is not None and group_of.get(a) == group_of.get(b)
    )
    sizes = sorted(len(g.members) for g in groups)
    print(
        f"  {len(groups):,} groups, {sum(sizes):,} accounts in them, largest {sizes[-1] if sizes else 0}"
        f" (bound {policy.max_group}); planted rings found whole {rings_found}/{len(rings)},"
        f" near-duplicate avatar pairs linked {near_found}/{len(near)}"
    )
    clusters = measure(
        "new_account_clusters", lambda: new_account_clusters(keys, now=NOW, policy=policy)
    )
    new_rings = rings[::2]
    members = {frozenset(c.members) for c in clusters}
    planted = sum(1 for r in new_rings if frozenset(r) in members)
    print(
        f"  {len(clusters):,} clusters of new accounts sharing one contact;"
        f" planted new rings found {planted}/{len(new_rings)}"
    )
    bios = [
        rng.choice(
            (
                f"加微信 ab{rng.randrange(10**6):06d} 了解更多",
                f"➕薇信：ａｂ{rng.randrange(10**4):04d}",
                f"电话 1{rng.randint(3, 9)}{rng.randrange(10**9):09d} 欢迎合作",
                "每天分享美食和旅行的日常，记录生活中的小确幸",
            )
        )
        for _ in range(args.bios)
    ]
    contact_values([("bio", bios[0])])  # build the scanner once
    start = time.perf_counter()
    for bio in bios:
        contact_values([("name", "好物分享站"), ("bio", bio), ("signature", "")])
    seconds = time.perf_counter() - start
    print(f"decoding contacts: {args.bios / seconds:,.0f} accounts/s ({args.bios:,} bios)")


if __name__ == "__main__":
    main()
