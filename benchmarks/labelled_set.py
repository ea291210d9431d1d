"""Precision and recall per category on the labelled sets in tests/data.

Two sets: the first, hand-written set (rules_labelled.jsonl, with pictures in
rules_images/), and the generated set of 2,000+ accounts built from the evasions and
legitimate accounts of issue 16 (rules_labelled_generated.jsonl, made by
benchmarks/build_labelled_set.py from word pools kept apart from the lexicons).

Beside the text rules' tables, the account-level checks' per-category figures
(benchmarks/account_checks.py): on the labelled screen lines of every kind those checks
judge, and their false alarms on the two sets' accounts, which carry no account-level
label (a line without the facts a check needs must give no account-level hit).

Run: .venv/bin/python benchmarks/labelled_set.py [--set first|generated|accounts|all]
         [--mistakes]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.account_checks import (  # noqa: E402
    evaluate_account_checks,
    labelled_accounts,
)
from workbench.rules.closed_names import ClosedNameIndex  # noqa: E402
from workbench.rules.engine import AccountInput, Screener  # noqa: E402
from workbench.rules.evaluation import evaluate, read_labelled, report  # noqa: E402
from workbench.rules.images import ImageScreener  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = {
    "first": "rules_labelled.jsonl",
    "generated": "rules_labelled_generated.jsonl",
}
ACCOUNT_LINES, ACCOUNT_SEED = 900, 3  # benchmarks/account_checks.py's own labelled lines


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


def account_checks_section(text_sets: dict[str, list[dict]], mistakes: bool = False) -> str:
    """The account-level checks' per-category table on their labelled lines, and their
    false alarms on the text sets' accounts (labelled for the text rules only)."""
    ev = evaluate_account_checks(labelled_accounts(ACCOUNT_LINES, ACCOUNT_SEED))
    out = [
        f"== account-level checks ({ACCOUNT_LINES} labelled screen lines of every kind they"
        f" judge, benchmarks/account_checks.py, seed {ACCOUNT_SEED})",
        report(ev),
    ]
    if mistakes:
        out += ev.mistakes
    for name, records in text_sets.items():
        on_text = evaluate_account_checks(records)
        flagged = on_text.total.fp
        out.append(
            f"account-level hits on the {name} set's {on_text.accounts} accounts (none"
            f" labelled for them): {flagged}"
        )
        if mistakes:
            out += on_text.mistakes
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "accounts", "all"], default="all")
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
    text_sets = {name: read_labelled(DATA / file) for name, file in SETS.items()}
    for name, file in SETS.items():
        if args.set not in (name, "all"):
            continue
        records = text_sets[name]
        ev = evaluate(screener, records, DATA)
        print(f"== {name} set ({file}), text rules")
        print(report(ev))
        labelled = [t for t in ev.per_category.values() if t.tp + t.fn]
        macro = sum(t.recall for t in labelled) / max(1, len(labelled))
        flagged = clean_flagged(screener, records)
        print(f"macro recall {macro:.3f} (categories with labelled cases)")
        print(f"clean accounts flagged: {flagged} of {ev.clean}")
        if args.mistakes:
            print("\n".join(ev.mistakes))
        print()
    if args.set in ("accounts", "all"):
        print(account_checks_section(text_sets, args.mistakes))


if __name__ == "__main__":
    main()
