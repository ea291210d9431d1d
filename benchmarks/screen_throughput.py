"""Text screening throughput: 100,000 synthetic accounts with the full lexicons.

Prints, from one run, accounts per second (wall clock, and per CPU-second so a run on a
machine busy with other work can still be read) of
- the workbench screener on every core (the ``workbench screen`` pool),
- the workbench screener in one process,
- the exact-match ceiling: the same lexicon terms in one ahocorasick_rs automaton
  over the raw text, no normalisation, one process,
- the floor: a plain ``term in text`` loop over the same terms, one process
  (timed on a sample and scaled).

Run: .venv/bin/python benchmarks/screen_throughput.py [--accounts N]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from pathlib import Path

import ahocorasick_rs

from workbench.operations.screening import screen_all, warm_up
from workbench.rules.engine import AccountInput, Screener
from workbench.rules.lexicons import Lexicons
from workbench.rules.text_rules import MATCHED_LISTS

VIOLATIONS = [
    "外交部官方", "wai交部", "微信 abc12345", "代开发票", "全网第一", "中 國", "人民日报",
    "138-0013-8000", "稳赚不赔", "北京市公安局", "宫方客服", "扣扣 一二三四五六七",
]  # fmt: skip


def synthetic_accounts(n: int, seed: int = 7) -> list[AccountInput]:
    """Accounts made of ordinary words (jieba's dictionary), 5% with a violation."""
    import jieba

    rng = random.Random(seed)
    words = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            w, freq = line.split(" ")[:2]
            if int(freq) > 2000 and 1 < len(w) <= 4:
                words.append(w)
    out = []
    for i in range(n):
        name = "".join(rng.choices(words, k=rng.randint(1, 3)))
        bio = "，".join(
            "".join(rng.choices(words, k=rng.randint(2, 5))) for _ in range(rng.randint(1, 4))
        )
        sig = "".join(rng.choices(words, k=rng.randint(0, 4)))
        if rng.random() < 0.05:
            bio += rng.choice(VIOLATIONS)
        if rng.random() < 0.1:
            bio += " Follow me on weibo, love life 2024!"
        out.append(AccountInput(id=i, name=name, bio=bio, signature=sig))
    return out


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:>10,.0f} accounts/s  ({seconds:.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    args = parser.parse_args()
    n = args.accounts
    accounts = synthetic_accounts(n)
    texts = ["\x1f".join((a.name, a.bio, a.signature, a.certification)) for a in accounts]
    chars = sum(map(len, texts))
    print(
        f"{n:,} synthetic accounts, {chars / n:.0f} characters each on average, {os.cpu_count()} cores, "
        f"load average before the run {', '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )

    lexicons = Lexicons.load()
    terms = sorted({t for name in MATCHED_LISTS for t in lexicons.terms(name)})
    print(f"lexicon: {len(terms):,} terms")

    t = time.perf_counter()
    screener = Screener(lexicons)
    warm_up(screener)
    print(f"startup (tables, automata, word list): {time.perf_counter() - t:.2f} s")
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    results = screen_all(accounts, None, [], screener=screener)
    pool_s = time.perf_counter() - t
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = (children.ru_utime - children_before.ru_utime) + (
        children.ru_stime - children_before.ru_stime
    )
    with_hits = sum('"hits": []' not in line for line, _ in results)
    cores = os.cpu_count() or 1
    print(f"workbench screen, all cores: {rate(n, pool_s)}   [{with_hits:,} accounts with hits]")
    print(
        f"  workers used {worker_cpu:.2f} CPU-s: {n / worker_cpu:,.0f} accounts per CPU-second, "
        f"{cores * n / worker_cpu:,.0f} accounts/s on {cores} otherwise idle cores"
    )

    sample = accounts[: min(n, 20_000)]
    t = time.perf_counter()
    cpu = time.process_time()
    for a in sample:
        screener.screen(a)
    single_s = time.perf_counter() - t
    single_cpu = time.process_time() - cpu
    print(
        f"workbench screener, 1 core:  {rate(len(sample), single_s)}"
        f"   [{len(sample) / single_cpu:,.0f} accounts per CPU-second]"
    )

    ac = ahocorasick_rs.AhoCorasick(terms)
    t = time.perf_counter()
    for text in texts:
        ac.find_matches_as_indexes(text, overlapping=True)
    ac_s = time.perf_counter() - t
    print(f"ceiling, exact Aho-Corasick: {rate(n, ac_s)}")

    floor_sample = texts[:2000]
    t = time.perf_counter()
    for text in floor_sample:
        [term for term in terms if term in text]
    floor_s = time.perf_counter() - t
    print(f"floor, plain `in` loop:      {rate(len(floor_sample), floor_s)}")


if __name__ == "__main__":
    main()
