"""Precision and recall per category on the labelled set in tests/data.

Run: .venv/bin/python benchmarks/labelled_set.py [--mistakes]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.rules.closed_names import ClosedNameIndex
from workbench.rules.engine import Screener
from workbench.rules.evaluation import evaluate, read_labelled, report
from workbench.rules.images import ImageScreener

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
    ev = evaluate(screener, read_labelled(DATA / "rules_labelled.jsonl"), DATA)
    print(report(ev))
    if args.mistakes:
        print("\n".join(ev.mistakes))


if __name__ == "__main__":
    main()
