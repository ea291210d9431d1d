"""The labelled set of accounts (tests/data/rules_labelled.jsonl, pictures in rules_images/):
precision and recall >= 95%.

Rerun with per-category figures: .venv/bin/python benchmarks/labelled_set.py --mistakes
"""

from __future__ import annotations

from pathlib import Path

from workbench.rules.closed_names import ClosedNameIndex
from workbench.rules.engine import Screener
from workbench.rules.evaluation import evaluate, read_labelled, report
from workbench.rules.images import ImageScreener

DATA = Path(__file__).resolve().parents[2] / "data"
CATEGORIES = {
    "impersonate_organisation",
    "impersonate_state",
    "impersonate_news_media",
    "misuse_place_name",
    "embedded_contact",
    "misleading_claim",
    "prohibited_content",
    "strict_verification",
    "closed_account_similar",
    "qualification_required",
    "profession_mismatch",
    "org_mismatch",
}


def test_labelled_set_precision_and_recall():
    records = read_labelled(DATA / "rules_labelled.jsonl")
    closed = [
        (n, "closed") for n in (DATA / "rules_closed_names.txt").read_text(encoding="utf-8").split()
    ]
    ev = evaluate(
        Screener(
            closed_index=ClosedNameIndex.build(closed),
            image_screener=ImageScreener(),
        ),
        records,
        DATA,
    )
    assert ev.accounts >= 300
    assert ev.clean >= 100
    assert set(ev.per_category) >= CATEGORIES
    summary = report(ev) + "\n" + "\n".join(ev.mistakes)
    assert ev.total.precision >= 0.95, summary
    assert ev.total.recall >= 0.95, summary
    for category, tally in ev.per_category.items():
        assert tally.precision >= 0.95 and tally.recall >= 0.95, f"{category}\n{summary}"
