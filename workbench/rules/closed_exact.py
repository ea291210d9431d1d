"""Closed-account names for the screener: the similarity index, or exact folded names.

``make_closed_index`` prefers :class:`workbench.rules.closed_names.ClosedNameIndex`
(similar names: pinyin, look-alikes, suffixes); where that module is absent it
falls back to :class:`ExactClosedNames`, which finds a closed name written with
other widths, cases, traditional forms or separators.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.rules.normalise import fold


@dataclass(frozen=True)
class ExactMatch:
    name: str
    label: str
    score: float
    reason: str


class ExactClosedNames:
    """Closed names matched exactly after folding (width, case, traditional forms, separators)."""

    def __init__(self, names):
        self._by_key: dict[str, tuple[str, str]] = {}
        for name, label in names:
            key = fold(name).text
            if key:
                self._by_key.setdefault(key, (name, label))

    def query(self, name: str, *, limit: int | None = 5) -> list[ExactMatch]:
        found = self._by_key.get(fold(name).text)
        if found is None:
            return []
        return [ExactMatch(found[0], found[1], 1.0, "same folded name / 归一化后相同")]


def make_closed_index(names: list[tuple[str, str]]):
    """The best closed-name index available for ``(name, label)`` pairs."""
    try:
        from workbench.rules.closed_names import ClosedNameIndex
    except ImportError:
        return ExactClosedNames(names)
    return ClosedNameIndex.build(names)
