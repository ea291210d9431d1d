"""Screening hostile text: one field of 100,000 characters of one repeated term.

A bio of one name written 20,000 times makes every rule see 20,000 matches;
any rule that compares each match with every other, re-slices the field per
match or backtracks in a regular expression turns that into minutes.  This
benchmark screens, in one run, a field of ``--size`` characters (default
100,000) made of each kind of repeated term:

- every lexicon's terms (its shortest, longest and first term), places with an
  organ ending, a state before an organ;
- contact details and their evasions (WeChat and QQ IDs after a cue, phone
  numbers, e-mail addresses, URLs, ``dot`` spelled out), digit runs in every
  style, separators and invisible characters, emoji, negations, Latin runs read
  as pinyin, split and look-alike characters, name suffixes (号, 官方), emoji
  and symbols read as characters (薇❤, 🐧), near-homophones, topic words;

in each text field the engine screens (``name``, ``bio``, ``signature``,
``certification`` and a string extra), for an individual account and for an
organisation with a verified name, a verified profession and a closed-name
index.  Each time is the CPU time of one ``Screener.screen`` call (so a machine
busy with other work still reads true); beside it, the time of an ordinary mixed
text of the same size in the same field (the baseline, 8% punctuation, contacts
and violations among dictionary words), and at the end the worst case against
the target of 0.5 s.

Each case runs in a forked child with a time limit (``--timeout``) and a memory
limit, so a case that does not finish is reported as such instead of hanging
the run.

Run: .venv/bin/python benchmarks/hostile_text.py [--size N] [--timeout S] [--fields name,bio]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import resource
import time
from pathlib import Path

from workbench.rules.closed_names import ClosedNameIndex
from workbench.rules.engine import AccountInput, Screener
from workbench.rules.lexicons import LIST_NAMES, Lexicons
from workbench.rules.tables import tables

FIELDS = ("name", "bio", "signature", "certification", "extra.operator_name")
TARGET_SECONDS = 0.5
CHILD_MEMORY = 4 << 30  # bytes a case may allocate before it counts as failed
CLOSED_NAMES = ["外交部发言人", "人民日报", "张三的小店", "wai jiao bu", "李四2号", "官方客服小王"]


def fill(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def ordinary_text(size: int, seed: int = 11) -> str:
    """Ordinary words (jieba's dictionary) with punctuation and the odd violation."""
    import jieba

    rng = random.Random(seed)
    words = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            w, freq = line.split(" ")[:2]
            if int(freq) > 2000 and 1 < len(w) <= 4:
                words.append(w)
    extras = ["，", "。", " ", "！", "2024", "love life", "微信 abc12345", "外交部官方"]
    out: list[str] = []
    n = 0
    while n < size:
        piece = rng.choice(extras) if rng.random() < 0.08 else rng.choice(words)
        out.append(piece)
        n += len(piece)
    return "".join(out)[:size]


def hostile_units(lexicons: Lexicons) -> list[tuple[str, str]]:
    """(label, repeated unit) for every kind of hostile repetition."""
    units: list[tuple[str, str]] = []
    for name in LIST_NAMES:
        terms = [t for t in lexicons.terms(name) if t.strip()]
        if not terms:
            continue
        picks = dict.fromkeys([terms[0], min(terms, key=len), max(terms, key=len)])
        units += [(f"lexicon {name}: {t}", t) for t in picks]
    look = chr(next(iter(tables().lookalike)))
    units += [
        ("place + organ ending", "北京市公安局"),
        ("state + organ", "美国国防部"),
        ("state + organ, spaced", "美国 外交部 "),
        ("organ + official cue", "外交部官方"),
        ("cue + organ", "本号是外交部"),
        ("negated claim", "不是最好"),
        ("negation", "不"),
        ("negations", "并非不是"),
        ("wechat cue + id", "微信abc12345 "),
        ("wechat cue, letter", "vx:abc12345 "),
        ("qq cue + number", "扣扣 12345678 "),
        ("ambiguous cue", "飞机"),
        ("mobile number", "13800138000 "),
        ("phone, separated", "138-0013-8000 "),
        ("landline", "(010)12345678 "),
        ("e-mail", "a@b.com "),
        ("url", "www.x.com "),
        ("dot spelled out", "adot"),
        ("dot run", "a."),
        ("at sign run", "a@"),
        ("scheme", "http://"),
        ("digit run", "1"),
        ("chinese digit run", "一"),
        ("financial digit run", "壹"),
        ("circled digit run", "①"),
        ("spoken digit run", "幺"),
        ("spaces", " "),
        ("ideographic spaces", "\u3000"),
        ("zero-width spaces", "\u200b"),
        ("filler strokes", "丶"),
        ("separators", "-·_"),
        ("organ with invisibles", "外\u200b交\u200b部\u200b"),
        ("emoji", "\U0001f600"),
        ("flag emoji", "\U0001f1e8\U0001f1f3"),
        ("emoji with modifier", "\U0001f44d\U0001f3fb"),
        ("latin letter", "a"),
        ("pinyin syllables", "wai"),
        ("pinyin organ", "waijiaobu"),
        ("latin non-pinyin", "xq"),
        ("split characters", "弓长"),
        ("look-alike character", look),
        ("homophone organ", "外交步"),
        ("number suffix", "号"),
        ("chinese number suffix", "二号"),
        ("official prefix", "官方"),
        ("field boundary", "\x1f"),
        ("stand-in heart", "❤"),
        ("stand-in contact cue", "薇❤"),
        ("stand-in contact cue + id", "薇❤ abc12345 "),
        ("stand-in penguin", "🐧"),
        ("stand-in term", "手🔫"),
        ("stand-in letters", "🇻🇽"),
        ("near-homophone contact cue", "卫星"),
        ("homophone contact cue + id", "威信 abc12345 "),
        ("split radical", "氵去"),
        ("split radical written in full", "水去"),
        ("pinyin profession", "lvshi"),
        ("keycap digits", "1\ufe0f\u20e3"),
        ("parenthesised digits", "⑴"),
        ("topic word after a term", "医生剧"),
        ("clause punctuation in a homophone", "开心，"),
    ]
    return units


def _child(screener, account, conn) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    try:
        t = time.process_time()
        hits = screener.screen(account).hits
        conn.send((time.process_time() - t, len(hits), None))
    except BaseException as exc:  # noqa: BLE001 - reported, not raised
        conn.send((None, 0, type(exc).__name__))
    finally:
        conn.close()


def timed(screener, account, timeout: float) -> tuple[float | None, int, str | None]:
    """Seconds to screen ``account`` in a forked child, or None past ``timeout``."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(screener, account, child))
    proc.start()
    child.close()
    result = parent.recv() if parent.poll(timeout) else (None, 0, f"> {timeout:g} s")
    proc.kill()
    proc.join()
    return result


def account_with(field: str, text: str, profile: str) -> AccountInput:
    values: dict = {"id": 1, "name": "小王", "bio": "喜欢旅行"}
    if profile == "organisation":
        values |= {
            "kind": "organisation",
            "name": "某某科技",
            "verified_org_name": "某某科技有限公司",
            "verified_profession": "教师",
        }
    if field.startswith("extra."):
        return AccountInput(**values, extra={field[6:]: text})
    return AccountInput(**(values | {field: text}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters per field")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per case")
    parser.add_argument("--fields", default=",".join(FIELDS))
    parser.add_argument("--profiles", default="individual,organisation")
    parser.add_argument("--only", default="", help="only units whose label contains this")
    args = parser.parse_args()
    fields = [f for f in args.fields.split(",") if f]
    profiles = [p for p in args.profiles.split(",") if p]

    lexicons = Lexicons.load()
    t = time.perf_counter()
    screeners = {
        "individual": Screener(lexicons),
        "organisation": Screener(lexicons, closed_index=ClosedNameIndex.build(
            (n, f"closed {i}") for i, n in enumerate(CLOSED_NAMES)
        )),
    }  # fmt: skip
    for s in screeners.values():
        s.screen(AccountInput(name="wai交部宫方", bio="薇信 abc12345 a@b.cn 弓长三"))
    print(f"startup {time.perf_counter() - t:.1f} s; {os.cpu_count()} cores, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; {args.size:,} characters per field")  # fmt: skip

    units = [u for u in hostile_units(lexicons) if args.only in u[0]]
    baseline_text = ordinary_text(args.size)
    worst: tuple[float, str] = (0.0, "")
    failed: list[str] = []
    for profile in profiles:
        screener = screeners[profile]
        for field in fields:
            base_s, base_hits, base_err = timed(
                screener, account_with(field, baseline_text, profile), args.timeout
            )
            base = f"{base_s:.3f} s" if base_s is not None else base_err
            print(f"\n[{profile}] {field}: baseline (ordinary mixed text) {base}, {base_hits} hits")
            for label, unit in units:
                account = account_with(field, fill(unit, args.size), profile)
                seconds, hits, error = timed(screener, account, args.timeout)
                where = f"{profile} {field} {label}"
                if seconds is None:
                    failed.append(f"{where}: {error}")
                    print(f"  {label:<44} {error:>10}   (baseline {base})")
                    continue
                if seconds > worst[0]:
                    worst = (seconds, where)
                ratio = f"{seconds / base_s:5.1f}x" if base_s else ""
                print(f"  {label:<44} {seconds:8.3f} s  {ratio}  {hits:>4} hits")
    print(f"\nworst case: {worst[0]:.3f} s ({worst[1]}); target {TARGET_SECONDS} s")
    if failed:
        print(f"{len(failed)} cases did not finish:")
        for line in failed:
            print(f"  {line}")


if __name__ == "__main__":
    main()
