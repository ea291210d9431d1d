"""Precision and recall per category on the labelled sets in tests/data.

Two sets: the first, hand-written set (rules_labelled.jsonl, with pictures in
rules_images/), and the generated set of 2,000+ accounts built from the evasions and
legitimate accounts of issue 16 (rules_labelled_generated.jsonl, made by
benchmarks/build_labelled_set.py from word pools kept apart from the lexicons).

Run: .venv/bin/python benchmarks/labelled_set.py [--set first|generated|both] [--mistakes]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.rules.closed_names import ClosedNameIndex
from workbench.rules.engine import AccountInput, Screener
from workbench.rules.evaluation import evaluate, read_labelled, report
from workbench.rules.images import ImageScreener

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = {
    "first": "rules_labelled.jsonl",
    "generated": "rules_labelled_generated.jsonl",
}


def clean_flagged(screener: Screener, records: list[dict]) -> int:
    """How many accounts labelled clean get any text hit (avatars and covers aside)."""
    return sum(
        1
        for rec in records
        if not rec["expect"]
        and not rec["account"].get("avatar")
        and not rec["account"].get("cover")
        and screener.screen(AccountInput.from_json(rec["account"])).hits
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "both"], default="both")
    parser.add_argument(
        "--mistakes", action="store_true", help="list every false positive and negative"
    )
    args = parser.parse_args()
    closed = [
        (n, "closed") for n in (DATA / "rules_closed_names.txt").read_text(encoding="utf-8").split()
    ]
    screener = Screener(
        closed_index=ClosedNameIndex.build(closed),
        image_screener=ImageScreener(),
    )
    for name, file in SETS.items():
        if args.set not in (name, "both"):
            continue
        records = read_labelled(DATA / file)
        ev = evaluate(screener, records, DATA)
        print(f"== {name} set ({file})")
        print(report(ev))
        labelled = [t for t in ev.per_category.values() if t.tp + t.fn]
        macro = sum(t.recall for t in labelled) / max(1, len(labelled))
        flagged = clean_flagged(screener, records)
        print(f"macro recall {macro:.3f} (categories with labelled cases)")
        print(f"clean accounts flagged: {flagged} of {ev.clean}")
        if args.mistakes:
            print("\n".join(ev.mistakes))
        print()


if __name__ == "__main__":
    main()
