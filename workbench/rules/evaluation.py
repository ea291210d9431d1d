"""Precision and recall of the screener on a labelled set of accounts.

A labelled set is JSON lines ``{"account": {...}, "expect": [category, ...], "note": "..."}``;
each (account, category) pair the screener reports is a true positive when
expected, a false positive otherwise; each expected pair not reported is a
false negative.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from workbench.rules.engine import AccountInput, Screener


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    per_category: dict[str, Tally] = field(default_factory=dict)
    total: Tally = field(default_factory=Tally)
    mistakes: list[str] = field(default_factory=list)
    accounts: int = 0
    clean: int = 0


def read_labelled(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def evaluate(screener: Screener, records: list[dict], base_dir: Path | None = None) -> Evaluation:
    """Screen every record; avatar and cover paths are relative to ``base_dir``."""
    ev = Evaluation()
    for rec in records:
        account = AccountInput.from_json(rec["account"])
        if base_dir is not None:
            for attr in ("avatar", "cover"):
                if getattr(account, attr):
                    setattr(account, attr, str(base_dir / getattr(account, attr)))
        expected = set(rec["expect"])
        got = {h.category for h in screener.screen(account).hits}
        ev.accounts += 1
        ev.clean += not expected
        for cat in expected | got:
            tally = ev.per_category.setdefault(cat, Tally())
            if cat in expected and cat in got:
                tally.tp += 1
                ev.total.tp += 1
            elif cat in got:
                tally.fp += 1
                ev.total.fp += 1
                ev.mistakes.append(f"FP {cat}: {account.id} {rec.get('note', '')} {rec['account']}")
            else:
                tally.fn += 1
                ev.total.fn += 1
                ev.mistakes.append(f"FN {cat}: {account.id} {rec.get('note', '')} {rec['account']}")
    return ev


def report(ev: Evaluation) -> str:
    lines = [f"{ev.accounts} accounts ({ev.clean} clean or legitimately verified)"]
    lines.append(f"{'category':28} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")
    for cat in sorted(ev.per_category):
        t = ev.per_category[cat]
        lines.append(f"{cat:28} {t.tp:4} {t.fp:4} {t.fn:4} {t.precision:10.3f} {t.recall:8.3f}")
    t = ev.total
    lines.append(f"{'all':28} {t.tp:4} {t.fp:4} {t.fn:4} {t.precision:10.3f} {t.recall:8.3f}")
    return "\n".join(lines)
