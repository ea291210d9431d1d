"""The demo's account information shows what it claims to: each violating
text category is caught by the rule engine, and the near misses are not."""

from __future__ import annotations

import pytest

from workbench.demo import texts
from workbench.rules.engine import AccountInput, Screener

FILL = {"city": "杭州", "n": 1234, "hobby": "摄影", "given": "明"}


@pytest.fixture(scope="module")
def screener():
    return Screener()


def _categories(screener, field, text):
    return {h.category for h in screener.screen(AccountInput(**{field: text})).hits}


@pytest.mark.parametrize("category", sorted(texts.VIOLATIONS))
def test_most_violating_texts_hit_their_category(screener, category):
    samples = texts.VIOLATIONS[category]
    caught = [t for f, t in samples if category in _categories(screener, f, t.format(**FILL))]
    assert len(caught) >= len(samples) - 1, f"{category}: only {caught} are caught"


@pytest.mark.parametrize(("field", "text"), texts.NEAR_MISSES)
def test_near_misses_are_not_hits(screener, field, text):
    assert _categories(screener, field, text.format(**FILL)) == set()
