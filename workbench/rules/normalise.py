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
- the *stand-in* view: the word view with the emoji and symbols that stand
  for a character or word read as it (薇❤ as 薇心, 🐧 as qq), where the
  word view drops them as separators; :meth:`Folded.grow` takes a span in
  the original over the symbols a match read;
- the *sound* view: each Chinese character as its toneless syllable, Latin
  runs that spell valid pinyin split into syllables (wai交部, 国务yuan);
- the *digit* view: Chinese digit styles as ASCII digits (same length as the
  word view), for phone numbers and IDs;
- the *contact* view: like the folded text but keeping ASCII punctuation and
  spaces, for URLs and e-mail addresses.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from workbench.rules.tables import DROP, tables

MAX_SYLLABLE = 6
SEGMENT_MEMO_LEN = 64  # Latin runs up to this long are remembered once split
LATIN_RUN = re.compile(r"[a-z]+")
ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # emoji and the like: searched without objects
# Five consonants in a row are never pinyin (the most is four: zhuangzhuang's "ngzh").
NO_PINYIN = re.compile(r"[^aeiouv]{5}")
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

    def _view_starts(self) -> list[int]:
        """The view index of each piece, for bisecting (computed on first use)."""
        if self._keys is None:
            self._keys = [p[0] for p in self.pieces]
        return self._keys

    def to_word(self, start: int, end: int) -> tuple[int, int]:
        if not self.pieces:
            return start, end
        return self._point(start)[0], self._point(end - 1)[1]

    def changed(self, start: int, end: int) -> tuple[int, ...]:
        """Word-view positions of the replaced characters read by view ``[start, end)``."""
        keys = self._view_starts()
        out: list[int] = []
        for i in range(bisect_left(keys, start), bisect_left(keys, end)):
            _, ws, we = self.pieces[i]
            out.extend(range(ws, we))
        return tuple(out)

    def _point(self, x: int) -> tuple[int, int]:
        i = bisect_right(self._view_starts(), x) - 1
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

    def grow(self, start: int, end: int, sides: int) -> tuple[int, int]:
        """Original ``[start, end)`` widened over the dropped characters beside it up to the
        furthest stand-in symbol among them: before it (``sides & 1``), after it (``& 2``)."""
        standins = tables().standins
        original, folded = self.original, self.folded
        if sides & 2:
            j = end
            while j < len(original) and folded[j] == DROP:
                j += 1
                if original[j - 1] in standins:
                    end = j
        if sides & 1:
            i = start
            while i > 0 and folded[i - 1] == DROP:
                i -= 1
                if original[i] in standins:
                    start = i
        return start, end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the word-view range ``[start, end)``."""
        if len(self.text) == len(self.original):
            return start, end
        if self._pos is None:
            self._pos = [i for i, c in enumerate(self.folded) if c != DROP]
        if end <= start:
            p = self._pos[start] if start < len(self._pos) else len(self.original)
            return p, p
        last = self._pos[end - 1] + 1
        # The marks written on the last character belong to it (the keycap of 0️⃣).
        while (
            last < len(self.original)
            and self.folded[last] == DROP
            and _is_mark(self.original[last])
        ):
            last += 1
        return self._pos[start], last


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me", "Mc")


@lru_cache(maxsize=8)
def translation(which: str) -> str | dict[int, str]:
    """The translation table ``which`` of :func:`tables` as one string indexed by code
    point, when every replacement is one character.

    ``str.translate`` with a dict raises and clears a KeyError inside for each character
    the dict does not map (most of an ordinary text); a string holding every character
    up to the highest one mapped answers each look-up without one, about a third faster.
    Characters past its end are left as they are, as the dict leaves those it lacks.
    """
    mapping: dict[int, str] = getattr(tables(), which)
    if not mapping or not all(isinstance(v, str) and len(v) == 1 for v in mapping.values()):
        return mapping
    chars = list(map(chr, range(max(mapping) + 1)))
    for code, out in mapping.items():
        chars[code] = out
    return "".join(chars)


def fold(text: str) -> Folded:
    """The folded text and word view of ``text``."""
    if not text:
        return Folded(text, text, text)
    folded = text.translate(translation("fold"))
    return Folded(text, folded, folded.replace(DROP, "") if DROP in folded else folded)


@lru_cache(maxsize=8)
def _any_of(which: str) -> re.Pattern:
    keys = getattr(tables(), which)
    chars = sorted(chr(k) if isinstance(k, int) else k for k in keys)
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def lookalike_view(word: str) -> str:
    """Look-alike characters replaced by the lexicon character they imitate (same length)."""
    if _any_of("lookalike").search(word) is None:
        return word
    return word.translate(translation("lookalike"))


def digit_view(word: str) -> str:
    """Chinese digit styles as ASCII digits (same length)."""
    if _any_of("digits").search(word) is None:
        return word
    return word.translate(translation("digits"))


@lru_cache(maxsize=1)
def _bmp_standins() -> re.Pattern:
    """The stand-ins below U+10000: a set of astral characters is searched slowly, so
    texts without one (:data:`ASTRAL` says so at once) are passed over without it."""
    chars = sorted(c for c in tables().standins if ord(c) < 0x10000)
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


@dataclass
class Standins(Derived):
    """The stand-in view.  ``marks`` says of each view position (and one past the end)
    whether it was read from a symbol: :data:`WORD`, :data:`READING` (a reading's first
    character) or :data:`READING_ON` (a later one)."""

    marks: bytearray = field(default_factory=bytearray)

    def reads_symbol(self, start: int, end: int) -> bool:
        """View ``[start, end)`` reads a symbol, whole: it cuts no reading (🐧🐧 is qqqq,
        but its middle qq is no one's reading)."""
        marks = self.marks
        if marks[start] == READING_ON or marks[end] == READING_ON:
            return False
        return marks.count(WORD, start, end) < end - start


WORD, READING, READING_ON = 0, 1, 2


def standin_view(folded: Folded) -> Standins | None:
    """The word view with stand-in symbols read as what they stand for, or None when the
    text has none.  A symbol's reading maps to the empty word-view span where it was."""
    original = folded.original
    if _bmp_standins().search(original) is None and (
        ASTRAL.search(original) is None or _any_of("standins").search(original) is None
    ):
        return None
    readings = _readings()
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    marks = bytearray()
    w = 0  # word-view position
    for o, f in zip(original, folded.folded, strict=True):
        if f != DROP:
            out.append(f)
            marks.append(WORD)
            w += 1
        elif o in readings:
            reading, its_marks = readings[o]
            vi = len(marks)  # the view's length so far
            pieces += [(vi + i, w, w) for i in range(len(reading))]
            out.append(reading)
            marks += its_marks
    marks.append(WORD)
    return Standins("".join(out), pieces, marks=marks)


@lru_cache(maxsize=1)
def _readings() -> dict[str, tuple[str, bytes]]:
    """Each stand-in symbol's reading and the marks of its characters."""
    return {
        symbol: (reading, bytes([READING] + [READING_ON] * (len(reading) - 1)))
        for symbol, reading in tables().standins.items()
    }


@lru_cache(maxsize=1)
def _split_regex() -> re.Pattern | None:
    pairs = tables().splits
    if not pairs:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(pairs, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _split_precheck() -> re.Pattern:
    """A first and a second component side by side: what every split character needs.
    Searching for it is ten times faster than for the hundreds of pairs themselves, and
    most texts have none."""
    pairs = tables().splits
    if min(map(len, pairs)) < 2:
        return re.compile("")  # a one-character "pair": every text may have one
    firsts = sorted({p[0] for p in pairs})
    seconds = sorted({p[1] for p in pairs})
    return re.compile(
        "[" + "".join(map(re.escape, firsts)) + "][" + "".join(map(re.escape, seconds)) + "]"
    )


def split_view(word: str) -> Derived | None:
    """Split characters joined, or None when the text has none."""
    rx = _split_regex()
    if rx is None or _split_precheck().search(word) is None or rx.search(word) is None:
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
    if NO_PINYIN.search(run) is not None:
        return None
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
    coded = word.translate(translation("sound"))
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
    """Sound codes of a (folded) term under each combination of its characters' readings;
    Latin letters and digits stand for themselves (v信 sounds like v心)."""
    t = tables()
    keys = [""]
    for ch in term:
        readings = t.readings.get(ch)
        if readings:
            codes = [t.syllables[r] for r in readings]
        elif is_ascii_alnum(ch):
            codes = [ch]
        else:
            return []
        keys = [k + c for k in keys for c in codes][:limit]
    return keys if any(k != term for k in keys) else []


def is_ascii_alnum(ch: str) -> bool:
    return "a" <= ch <= "z" or "0" <= ch <= "9"


def contact_view(text: str) -> Folded:
    """Folded for contact details: punctuation and spaces kept, invisibles dropped."""
    folded = text.translate(translation("contact_fold"))
    return Folded(text, folded, folded.replace(DROP, "") if DROP in folded else folded)
