"""Normalisation against evasion, with every position mapped back to the original text.

Views of one text, from the original:

- the *folded* text: same length as the original; NFKC, case, width, radicals,
  traditional and variant forms folded, separators and invisible characters
  replaced by ``DROP``;
- the *word* view: the folded text without ``DROP`` (what lexicon terms are
  matched against), with a lazily built index back to original offsets;
- the *look-alike* view: the word view with look-alike characters replaced by
  the lexicon character they imitate (same length as the word view);
- the *split* view: split characters (弓长) joined into one (张);
- the *sound* view: each Chinese character as its toneless syllable, Latin
  runs that spell valid pinyin split into syllables (wai交部, 国务yuan);
- the *digit* view: Chinese digit styles as ASCII digits (same length as the
  word view), for phone numbers and IDs;
- the *contact* view: like the folded text but keeping ASCII punctuation and
  spaces, for URLs and e-mail addresses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from workbench.rules.tables import DROP, tables

MAX_SYLLABLE = 6
SEGMENT_MEMO_LEN = 64  # Latin runs up to this long are remembered once split
LATIN_RUN = re.compile(r"[a-z]+")
# Syllables too ambiguous to read out of Latin text.
EXCLUDED_SYLLABLES = frozenset({"m", "n", "ng", "hm", "hng", "r", "yo", "lo", "io", "o"})


@dataclass
class Derived:
    """A view derived from the word view by replacing some characters.

    ``pieces`` holds, in order, ``(view_index, word_start, word_end)`` for each
    view character that replaced a run of word-view characters; characters in
    between map one to one.
    """

    text: str
    pieces: list[tuple[int, int, int]] = field(default_factory=list)
    _keys: list[int] | None = None

    def to_word(self, start: int, end: int) -> tuple[int, int]:
        if not self.pieces:
            return start, end
        if self._keys is None:
            self._keys = [p[0] for p in self.pieces]
        return self._point(start)[0], self._point(end - 1)[1]

    def _point(self, x: int) -> tuple[int, int]:
        i = bisect_right(self._keys, x) - 1
        if i < 0:
            return x, x + 1
        vi, ws, we = self.pieces[i]
        if vi == x:
            return ws, we
        w = we + (x - vi - 1)
        return w, w + 1


class Folded:
    """One text, folded, with its word view and the way back to original offsets."""

    __slots__ = ("original", "folded", "text", "_pos")

    def __init__(self, original: str, folded: str, text: str):
        self.original = original
        self.folded = folded
        self.text = text
        self._pos: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the word-view range ``[start, end)``."""
        if len(self.text) == len(self.original):
            return start, end
        if self._pos is None:
            self._pos = [i for i, c in enumerate(self.folded) if c != DROP]
        if end <= start:
            p = self._pos[start] if start < len(self._pos) else len(self.original)
            return p, p
        return self._pos[start], self._pos[end - 1] + 1


def fold(text: str) -> Folded:
    """The folded text and word view of ``text``."""
    if not text:
        return Folded(text, text, text)
    folded = text.translate(tables().fold)
    return Folded(text, folded, folded.replace(DROP, "") if DROP in folded else folded)


@lru_cache(maxsize=4)
def _any_of(which: str) -> re.Pattern:
    keys = getattr(tables(), which)
    return re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(keys)) + "]")


def lookalike_view(word: str) -> str:
    """Look-alike characters replaced by the lexicon character they imitate (same length)."""
    if _any_of("lookalike").search(word) is None:
        return word
    return word.translate(tables().lookalike)


def digit_view(word: str) -> str:
    """Chinese digit styles as ASCII digits (same length)."""
    if _any_of("digits").search(word) is None:
        return word
    return word.translate(tables().digits)


@lru_cache(maxsize=1)
def _split_regex() -> re.Pattern | None:
    pairs = tables().splits
    if not pairs:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(pairs, key=len, reverse=True)))


def split_view(word: str) -> Derived | None:
    """Split characters joined, or None when the text has none."""
    rx = _split_regex()
    if rx is None or rx.search(word) is None:
        return None
    pairs = tables().splits
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    last = 0
    vi = 0  # length of the view so far
    for m in rx.finditer(word):
        before = word[last : m.start()]
        out.append(before)
        vi += len(before)
        pieces.append((vi, m.start(), m.end()))
        joined = pairs[m.group()]
        out.append(joined)
        vi += len(joined)
        last = m.end()
    out.append(word[last:])
    return Derived("".join(out), pieces)


def segment_pinyin(run: str) -> tuple[str, ...] | None:
    """``run`` split into valid toneless syllables (fewest first), or None."""
    if len(run) > SEGMENT_MEMO_LEN:
        return _segment_pinyin(run)
    return _segment_pinyin_memo(run)


@lru_cache(maxsize=65536)
def _segment_pinyin_memo(run: str) -> tuple[str, ...] | None:
    return _segment_pinyin(run)


def _segment_pinyin(run: str) -> tuple[str, ...] | None:
    """Fewest syllables from each position to the end (the longest first syllable among
    equals), kept as a count and the next position so a long run costs linear time."""
    syllables = tables().syllables
    n = len(run)
    count: list[int] = [-1] * (n + 1)  # -1: the rest cannot be split
    step: list[int] = [0] * (n + 1)
    count[n] = 0
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + MAX_SYLLABLE), i, -1):
            rest = count[j]
            if rest < 0:
                continue
            piece = run[i:j]
            if piece not in syllables or piece in EXCLUDED_SYLLABLES:
                continue
            if count[i] < 0 or rest + 1 < count[i]:
                count[i], step[i] = rest + 1, j
    if count[0] < 0:
        return None
    parts = []
    i = 0
    while i < n:
        parts.append(run[i : step[i]])
        i = step[i]
    return tuple(parts)


def sound_view(word: str) -> Derived:
    """Each character as its sound code; Latin pinyin runs as one code per syllable."""
    t = tables()
    coded = word.translate(t.sound)
    if LATIN_RUN.search(coded) is None:
        return Derived(coded)
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    last = 0
    vlen = 0
    for m in LATIN_RUN.finditer(coded):
        parts = segment_pinyin(m.group())
        if not parts:
            continue
        before = coded[last : m.start()]
        out.append(before)
        vlen += len(before)
        ws = m.start()
        for p in parts:
            pieces.append((vlen, ws, ws + len(p)))
            out.append(t.syllables[p])
            vlen += 1
            ws += len(p)
        last = m.end()
    out.append(coded[last:])
    return Derived("".join(out), pieces)


def term_sound_keys(term: str, limit: int = 16) -> list[str]:
    """Sound codes of a (folded) term under each combination of its characters' readings."""
    t = tables()
    keys = [""]
    for ch in term:
        readings = t.readings.get(ch)
        if not readings:
            return []
        codes = [t.syllables[r] for r in readings]
        keys = [k + c for k in keys for c in codes][:limit]
    return keys


def contact_view(text: str) -> Folded:
    """Folded for contact details: punctuation and spaces kept, invisibles dropped."""
    folded = text.translate(tables().contact_fold)
    return Folded(text, folded, folded.replace(DROP, "") if DROP in folded else folded)
