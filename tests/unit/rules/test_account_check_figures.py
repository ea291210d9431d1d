"""The account-level checks' per-category figures (benchmarks/account_checks.py), which
benchmarks/labelled_set.py can print beside the text rules' table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "benchmarks" / "account_checks.py"


def _bench():
    spec = importlib.util.spec_from_file_location("account_checks_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_count_hits_misses_and_false_alarms_per_category_only_for_account_checks():
    bench = _bench()
    records = [
        # 2022/9: no verification -> a true positive
        {"account": {"id": "1", "verification": "none"}, "expect": ["identity_unverified"]},
        # labelled but not found -> a false negative; a text-rule label is not counted
        {
            "account": {"id": "2", "verification": "mobile"},
            "expect": ["identity_unverified", "embedded_contact"],
        },
        # found but not labelled -> a false positive (2022/13 placeholder contact)
        {"account": {"id": "3", "kind": "public", "contact": "暂无"}, "expect": []},
    ]
    ev = bench.evaluate_account_checks(records)
    identity = ev.per_category["identity_unverified"]
    assert (identity.tp, identity.fp, identity.fn) == (1, 0, 1)
    disclosure = ev.per_category["public_account_incomplete"]
    assert (disclosure.tp, disclosure.fp, disclosure.fn) == (0, 1, 0)
    assert "embedded_contact" not in ev.per_category
    assert (ev.accounts, ev.clean) == (3, 1)


def test_the_synthetic_labelled_accounts_cover_every_check():
    bench = _bench()
    records = bench.labelled_accounts(200, seed=9)
    expected = {c for r in records for c in r["expect"]}
    assert expected == set(bench.ACCOUNT_CATEGORIES)
    ev = bench.evaluate_account_checks(records)
    assert ev.total.precision >= 0.95 and ev.total.recall >= 0.95, "\n".join(ev.mistakes)
