"""How much a name's likeness to a closed name says (2022/10): the shared part's distinctiveness.

A name one word away from a closed name is no evidence of a return when what
they share is common: over a million closed names a fresh 北京美食日记 shares
北京美食 with dozens of closed names, a fresh 阿曦露营哥 shares 阿曦露营 with
one closed 阿曦露营说 only because 阿曦 and 露营 are both everyday parts of
names that meet by chance.  A return keeps what made the closed name its own,
or changes it the way evaders do.  :class:`Rarity` judges a pair (the query's
key against a closed key that already scores high enough) from statistics of
the closed-name index itself:

* the **shared part**: runs of the query covered by grams both keys have
  (bigrams; Latin keys trigrams), less an end character belonging to a common
  word of the query the closed key does not share (西宁财经达人 against
  南宁财经达人 shares 财经达人, not 宁财经达人), plus characters shared outside
  such runs whose every bigram in the query is rare (an edited neighbour);
* its **document frequency**: how many closed keys hold all of it (postings
  intersected), and how many other keys would by chance: a gram chain's
  expected count, N·P(g1)·ΠP(g_i | its first character)·ΠP(lone character),
  from the gram and character frequencies of the index less the closed key
  being judged (so a part only that key has is expected nowhere else, and
  阿曦露营, two everyday parts, is expected about once in a million names);
* an **evader's edit**: the characters the query has in place of or beside
  the closed name's are ones closed names hardly use (a stand-in 橯 for 老) or
  of the other script (晓 inside the pinyin handle xiaojing), where a fresh
  name swaps in the ordinary characters and words of names.

A pair is reported when the shared part is distinctive (few closed keys hold
it and fewer would by chance) or the difference is an evader's edit.  A
reading shared across scripts (a name in pinyin against one in characters)
counts only for readings of four syllables or more: shorter readings are
shared by too many possible names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Levenshtein

DEFAULT_MAX_SHARED_KEYS = 4  # closed keys that may hold a distinctive shared part
MAX_EXPECTED = 0.05  # keys expected to hold it by chance, at most
# A bigram in at least this share of the closed keys (and this many) is a common word.
WORD_SHARE = 1 / 40_000
WORD_MIN_KEYS = 8
# A character in at most this share of the closed keys (and this many) is one names
# hardly use: an evader's stand-in or insertion.
FOREIGN_SHARE = 1 / 1_000
FOREIGN_MIN_KEYS = 2
MAX_EDITED = 2  # characters an evader's edit puts into the name
CROSS_SCRIPT_MIN_SYLLABLES = 4
CHAR_SCAN_CAP = 4000  # keys scanned for lone characters at most


def gram_size(query: str, closed: str) -> int:
    """Trigrams when either key is written in Latin letters, else bigrams."""
    return 3 if query.isascii() or closed.isascii() else 2


def _grams(text: str, n: int) -> list[str]:
    return [text[i : i + n] for i in range(len(text) - n + 1)]


@dataclass(frozen=True)
class SharedPart:
    runs: tuple[str, ...]  # shared stretches of the query, each at least one gram long
    lone: str  # characters shared on their own
    n: int  # gram size

    @property
    def grams(self) -> set[str]:
        return {g for run in self.runs for g in _grams(run, self.n)}


def _df(postings: Mapping[str, np.ndarray], gram: str) -> int:
    hit = postings.get(gram)
    return 0 if hit is None else len(hit)


def shared_part(
    query: str, closed: str, postings: Mapping[str, np.ndarray], word: int
) -> SharedPart:
    """What ``query`` shares with ``closed`` (see the module's description)."""
    n = gram_size(query, closed)
    theirs = set(_grams(closed, n))
    starts = [query[i : i + n] in theirs for i in range(len(query) - n + 1)]
    chinese = n == 2

    def common(i: int) -> bool:  # is query[i:i+2] a common word of names?
        return chinese and 0 <= i < len(query) - 1 and _df(postings, query[i : i + 2]) >= word

    runs: list[str] = []
    covered = [False] * len(query)
    i = 0
    while i < len(starts):
        if not starts[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(starts) and starts[j + 1]:
            j += 1
        a, b = i, j + n - 1  # the run covers query[a : b + 1]
        for k in range(a, b + 1):
            covered[k] = True
        if common(a - 1):
            a += 1
        if common(b):
            b -= 1
        if b - a + 1 >= n:
            runs.append(query[a : b + 1])
        i = j + 1
    lone: list[str] = []
    if chinese:
        for k, ch in enumerate(query):
            if covered[k] or ch not in closed or ch in lone:
                continue
            if not common(k - 1) and not common(k):
                lone.append(ch)
    return SharedPart(tuple(runs), "".join(lone), n)


def _members(values: np.ndarray, sorted_pool: np.ndarray) -> np.ndarray:
    """``values`` that occur in ``sorted_pool``."""
    if not len(values) or not len(sorted_pool):
        return _EMPTY
    at = np.searchsorted(sorted_pool, values)
    at[at == len(sorted_pool)] = 0
    return values[sorted_pool[at] == values]


class Rarity:
    """Statistics of one index a query's pairs are judged by."""

    def __init__(
        self,
        postings: Mapping[str, np.ndarray],
        keys: Sequence[str],
        char_keys: Mapping[str, int],
        *,
        max_shared_keys: int = DEFAULT_MAX_SHARED_KEYS,
    ):
        self.postings = postings  # each of the query's grams -> sorted key numbers
        self.keys = keys
        self.char_keys = char_keys  # character -> closed keys holding it
        self.enough = max_shared_keys
        total = max(1, len(keys))
        self.total = total
        self.word = max(WORD_MIN_KEYS, int(total * WORD_SHARE))
        self.foreign = max(FOREIGN_MIN_KEYS, int(total * FOREIGN_SHARE))

    def holders(self, part: SharedPart) -> int:
        """Closed keys holding all of ``part`` (at least 1; above ``enough`` it may be a
        lower bound).  A part with no gram is as common as the index is large."""
        lists = sorted((self.postings.get(g, _EMPTY) for g in part.grams), key=len)
        if not lists:
            return self.total
        holding = lists[0]
        for pool in lists[1:]:
            if len(holding) <= self.enough:
                return max(1, len(holding))
            holding = _members(holding, pool)
        if len(holding) <= self.enough or not part.lone or len(holding) > CHAR_SCAN_CAP:
            return max(1, len(holding))
        keys, lone = self.keys, part.lone
        return max(1, sum(1 for k in holding.tolist() if all(ch in keys[k] for ch in lone)))

    def expected(self, part: SharedPart) -> float:
        """Other closed keys expected to hold ``part`` by chance: a chain of its grams,
        each counted without the closed key being judged (which holds them all)."""
        total, p = self.total, 1.0
        for run in part.runs:
            grams = _grams(run, part.n)
            p *= (_df(self.postings, grams[0]) - 1) / total
            for g in grams[1:]:
                head = g[:-1]
                base = self.char_keys.get(head, 0) if len(head) == 1 else _df(self.postings, head)
                p *= min(1.0, (_df(self.postings, g) - 1) / base) if base else 0.0
        for ch in part.lone:
            p *= (self.char_keys.get(ch, 0) - 1) / total
        return total * max(0.0, p)

    def evader_edit(self, query: str, closed: str) -> bool:
        """Are the characters ``query`` has in place of or beside ``closed``'s (one or two)
        all ones closed names hardly use, or of the other script than ``closed``?"""
        put = [
            query[op.dest_pos] for op in Levenshtein.editops(closed, query) if op.tag != "delete"
        ]
        latin = closed.isascii()
        return 0 < len(put) <= MAX_EDITED and all(
            self.char_keys.get(ch, 0) <= self.foreign or ch.isascii() != latin for ch in put
        )

    def judge(self, query: str, closed: str, *, reading_holders: int | None) -> int | None:
        """How many closed keys hold the shared part when the pair is evidence, else None.

        ``reading_holders``: the closed keys reading like the query when ``closed`` is
        one of them (None when it reads otherwise).
        """
        if reading_holders is not None and query.isascii() != closed.isascii():
            chinese = closed if query.isascii() else query
            long_enough = len(chinese) >= CROSS_SCRIPT_MIN_SYLLABLES
            return reading_holders if long_enough and reading_holders <= self.enough else None
        part = shared_part(query, closed, self.postings, self.word)
        count = self.holders(part)
        if self.evader_edit(query, closed):
            return count
        if count <= self.enough and self.expected(part) <= MAX_EXPECTED:
            return count
        return None


_EMPTY = np.zeros(0, dtype=np.int64)
