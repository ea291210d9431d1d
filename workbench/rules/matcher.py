"""Find lexicon terms in the word view of a text, through every evasion.

One Aho-Corasick automaton holds every term of every list (folded like the
text).  It runs over the word view, the look-alike view and, when the text
has any, the split view; a second automaton over sound codes finds pinyin and
homophone spellings.  A match that is not the exact term is checked against
ordinary words (jieba's dictionary): when the substituted characters form a
real word the match is vetoed.  Terms inside an allowlisted phrase never match.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs

from workbench.rules.hits import MAX_HITS_PER_RULE
from workbench.rules.lexicons import Lexicons
from workbench.rules.normalise import (
    Derived,
    Folded,
    Standins,
    fold,
    lookalike_view,
    sound_view,
    split_view,
    standin_view,
    term_sound_keys,
)
from workbench.rules.tables import BOUNDARY, tables

CLAUSE_MARKS = frozenset("，。！？；、,!?;\n")  # not ".": 外.交.部 is a separator

# Lists whose terms are also matched by sound (homophones, pinyin).  Place
# names and professions are too common as ordinary syllables to match by sound.
SOUND_LISTS = frozenset(
    {
        "organs",
        "enterprises",
        "states",
        "international_organisations",
        "news_media",
        "strict_words",
        "prohibited",
        "claims",
        "landmarks",
    }
)
NO_PINYIN_LISTS = frozenset({"places"})  # too many and too short to read out of Latin text
# Matches of one term in one context kept before the rest are only counted; the first
# MAX_HITS_PER_RULE of a rule are listed, so twice that keeps every listing as it was.
REPEATS_KEPT = 2 * MAX_HITS_PER_RULE
CONTEXT = 12  # characters either side; the widest a rule reads is 8 plus an ending
# Readings of symbols also worn as decoration (hearts, stars): a term read through one
# must pass the real-word veto.
DECORATIONS = frozenset("心星")
SUBSTITUTIONS = frozenset({"lookalike", "split", "homophone", "standin"})
MIN_WORD_FREQUENCY = 5  # rarer dictionary entries are mostly noise (部发, 六和彩)
MIN_HOMOPHONE_LEN = 3
SHORT_HOMOPHONE_LISTS = frozenset(
    {"prohibited"}
)  # Chinese homophones of shorter terms are ordinary words too often
VETO_MEMO = 100_000  # real-word veto answers remembered between texts at most


class TermMatch(NamedTuple):
    """A term found at word-view span ``[start, end)``."""

    term: str
    refs: tuple[tuple[str, int], ...]  # (list name, entry index) for every entry with this term
    start: int
    end: int
    technique: str  # exact | lookalike | split | pinyin | homophone | standin
    grow: int = 0  # standin: the span reads a symbol before it (1) or after it (2)
    more: int = 0  # later matches in the same context, folded into this one (see find)


@cache
def real_words() -> frozenset[str]:
    """Ordinary Chinese words of two to four characters (jieba's dictionary, frequency >= 5)."""
    import jieba

    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    words = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ", 2)
            word = parts[0]
            if (
                2 <= len(word) <= 4
                and "\u4e00" <= word[0] <= "\u9fff"
                and len(parts) > 1
                and parts[1].isdigit()
                and int(parts[1]) >= MIN_WORD_FREQUENCY
            ):
                words.add(word)
    return frozenset(words)


def is_latin(ch: str) -> bool:
    return "a" <= ch <= "z" or "0" <= ch <= "9"


class TermMatcher:
    """Every term of ``lists`` in ``lexicons``, matched through normalisation."""

    def __init__(self, lexicons: Lexicons, lists: Iterable[str]):
        refs: dict[str, list[tuple[str, int]]] = {}
        for name in lists:
            for i, entry in enumerate(lexicons.get(name)):
                for term in entry.terms:
                    folded = fold(term).text
                    if folded:
                        refs.setdefault(folded, []).append((name, i))
        self.terms = list(refs)
        self.refs = [tuple(refs[t]) for t in self.terms]
        self._exact = ahocorasick_rs.AhoCorasick(self.terms) if self.terms else None
        names = [{n for n, _ in r} for r in self.refs]
        # Homophones in Chinese characters for the sound lists (and contact cues, which need
        # an ID after them); pinyin in Latin letters for every list but place names.
        self._homophones = [bool(n & SOUND_LISTS) for n in names]
        self._contact = [n == {"contact_cues"} for n in names]
        # Two-character banned slang by its exact sound too (手墙, 洗前): a short
        # homophone of anything else is an ordinary word too often.
        self._short_homophones = [bool(n & SHORT_HOMOPHONE_LISTS) for n in names]
        # Two automata: terms read by sound in any writing, and terms read only out of
        # Latin letters (searched only when the text has pinyin in it).
        by_key: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
        for tid, term in enumerate(self.terms):
            if len(term) < 2 or not (names[tid] - NO_PINYIN_LISTS):
                continue
            by_sound = (
                self._contact[tid]
                or self._homophones[tid]
                and (len(term) >= MIN_HOMOPHONE_LEN or self._short_homophones[tid])
            )
            which = by_key[0 if by_sound else 1]
            for key in term_sound_keys(term):
                which.setdefault(key, []).append(tid)
        self._sound = [_SoundAutomaton(keys) for keys in by_key]
        allow = [t for t in (fold(x).text for x in lexicons.terms("allowlist")) if t]
        self._allow = ahocorasick_rs.AhoCorasick(allow) if allow else None
        # An allowlisted phrase covering a match holds the matched text (a symbol's reading
        # has an empty span, which any phrase holds): a text whose matched spans are in no
        # phrase is not searched for phrases.
        self._allow_parts = frozenset(
            t[i:j] for t in allow for i in range(len(t)) for j in range(i, len(t) + 1)
        )
        self._lookalike_chars = frozenset(tables().lookalike)
        self._vetoes: dict[tuple, bool] = {}  # real-word veto answers by context

    def find(self, word: str, folded: Folded | None = None) -> list[TermMatch]:
        """All term matches in the word view ``word`` (overlapping ones included).

        With ``folded`` (the :class:`Folded` whose word view ``word`` is), terms
        read through stand-in symbols (薇❤, 🐧) are found too.
        """
        if self._exact is None or not word:
            return []
        if len(self._vetoes) > VETO_MEMO:
            self._vetoes.clear()
        found: dict[tuple[int, int, int], str] = {}
        grow: dict[tuple[int, int, int], int] = {}
        more: dict[tuple[int, int, int], int] = {}  # repeats counted, not kept
        self._scan(word, found)
        view = standin_view(folded) if folded is not None and folded.text == word else None
        if view is not None:
            self._scan_standins(view, found, grow, more)
        if not found:
            return []
        parts = self._allow_parts
        allowed = _Cover(
            self._allowed_spans(word) if any(word[s:e] in parts for _, s, e in found) else []
        )
        keys = list(found)  # in order of start for each term and technique
        if len(keys) > REPEATS_KEPT:
            keys, more = _fold_repeats(word, keys, found, more)
        keys.sort(key=_by_start)
        out = []
        for key in keys:
            tid, s, e = key
            if allowed.covers(s, e):
                continue
            if (
                folded is not None
                and found[key] in SUBSTITUTIONS
                and crosses_clause(folded.original, *folded.span(s, e))
            ):
                continue
            match = TermMatch(self.terms[tid], self.refs[tid], s, e, found[key], grow.get(key, 0))
            out.append(match._replace(more=more[key]) if key in more else match)
        return out

    def _scan(self, word: str, found: dict, keep=None) -> None:
        """Matches in ``word`` (the word view, or a view derived from it) into ``found``,
        keyed by span in ``word``; exact ones only where ``keep(start, end)``, if given."""
        exact = self._exact
        if exact is None:  # no terms: nothing to find
            return
        for tid, s, e in exact.find_matches_as_indexes(word, overlapping=True):
            if keep is not None and not keep(s, e):
                continue
            if e - s == 2 and word[s] >= "\u4e00" and self._straddles_words(word, s, e):
                continue
            found[(tid, s, e)] = "exact"
        look = lookalike_view(word)
        if look != word:
            for tid, s, e in exact.find_matches_as_indexes(look, overlapping=True):
                if (tid, s, e) not in found and self._accept_substitution(word, s, e, tid):
                    found[(tid, s, e)] = "lookalike"
        split = split_view(word)
        if split is not None:
            for tid, vs, ve in exact.find_matches_as_indexes(split.text, overlapping=True):
                s, e = split.to_word(vs, ve)
                if (tid, s, e) not in found and self._accept_substitution(
                    word, s, e, tid, split=split.changed(vs, ve)
                ):
                    found[(tid, s, e)] = "split"
        if self._sound[0].automaton is not None or self._sound[1].automaton is not None:
            self._find_sound(word, found)

    def _scan_standins(self, view: Standins, found: dict, grow: dict, more: dict) -> None:
        """Matches that read at least one stand-in symbol, as technique ``standin``; their
        repeats are folded in the view (``more``) before being mapped to the word view."""
        marks = view.marks
        mine: dict[tuple[int, int, int], str] = {}
        reads = view.reads_symbol  # otherwise the word view finds it without the symbols
        self._scan(view.text, mine, reads)
        keys = [key for key in mine if mine[key] == "exact" or reads(key[1], key[2])]
        folded_more: dict = {}
        if len(keys) > REPEATS_KEPT:
            keys, folded_more = _fold_repeats(view.text, keys, mine, {})
        separators = _separators(view) if keys else set()
        for vkey in keys:
            tid, vs, ve = vkey
            if separators and any(i in separators for i in range(vs, ve)):
                continue
            decorated = any(c in DECORATIONS for c in view.text[vs:ve])
            vetoed = decorated and mine[vkey] == "exact" and not self._contact[tid]
            if vetoed and not self._accept_substitution(view.text, vs, ve, tid, standin=True):
                continue
            s, e = view.to_word(vs, ve)
            key = (tid, s, e)
            if key not in found:
                found[key] = "standin"
                grow[key] = (1 if marks[vs] else 0) | (2 if marks[ve - 1] else 0)
                if vkey in folded_more:
                    more[key] = folded_more[vkey]

    def _find_sound(self, word: str, found: dict) -> None:
        view: Derived = sound_view(word)
        for sound in self._sound if view.pieces else self._sound[:1]:
            self._sound_matches(word, view, sound, found)

    def _sound_matches(self, word: str, view: Derived, sound: _SoundAutomaton, found) -> None:
        """Terms found by sound.  What a match is depends on its key, its span and the
        characters around it only, so each is decided once per context (a text of one
        spelling repeated asks once)."""
        if sound.automaton is None:  # no term has a key in this automaton
            return
        matches = sound.automaton.find_matches_as_indexes(view.text, overlapping=True)
        has_latin = bool(view.pieces)  # Latin runs read as pinyin
        decided: dict[tuple, list] = {}
        for kid, vs, ve in matches:
            s, e = view.to_word(vs, ve)
            a = s - CONTEXT if s > CONTEXT else 0
            context = (kid, s - a, e - s, word[a : e + CONTEXT])
            verdict = decided.get(context)
            if verdict is None:
                verdict = decided[context] = self._sound_verdict(
                    word, s, e, sound.tids[kid], has_latin
                )
            for tid, technique in verdict:
                key = (tid, s, e)
                if key not in found:
                    found[key] = technique

    def _sound_verdict(self, word: str, s: int, e: int, tids, has_latin: bool) -> list:
        """``(term, technique)`` for each term of one sound key that ``word[s:e]`` is."""
        accept = self._accept_substitution
        span = word[s:e]
        latin = has_latin and any(is_latin(c) for c in span)
        out: list[tuple[int, str]] = []
        contact = False  # one contact cue by sound per span
        for tid in tids:
            term = self.terms[tid]
            if span == term:
                continue
            if latin:
                bounded = self._homophones[tid] or _whole_latin_runs(word, s, e)
                if bounded and accept(word, s, e, tid, latin=True):
                    out.append((tid, "pinyin"))
            elif len(span) != len(term):
                continue
            elif self._contact[tid]:
                if not contact:  # an ID must follow (contact.py): no veto
                    contact = True
                    out.append((tid, "homophone"))
            elif self._homophones[tid] and (
                len(term) >= MIN_HOMOPHONE_LEN
                or self._short_homophones[tid]
                and _same_readings(span, term)
            ):
                same = sum(a == b for a, b in zip(span, term, strict=True))
                if same >= 1 and accept(word, s, e, tid):
                    out.append((tid, "homophone"))
        return out

    def _accept_substitution(
        self, word: str, s: int, e: int, tid: int, latin=False, standin=False, split=()
    ) -> bool:
        """False when the substituted characters form an ordinary word (the real-word veto).

        The answer depends only on the span and the three characters either
        side of it (the longest window checked is four), so a text repeating
        one spelling thousands of times asks each question once.
        """
        term = self.terms[tid]
        span = word[s:e]
        if span == term and not standin:
            return False
        if latin:
            return True
        lo = max(0, s - 3)
        context = (tid, word[lo : e + 3], s - lo, e - s, standin, tuple(p - s for p in split))
        known = self._vetoes.get(context)
        if known is None:
            known = self._vetoes[context] = self._veto_free(word, s, e, term, span, split)
        return known

    @staticmethod
    def _veto_free(word: str, s: int, e: int, term: str, span: str, split=()) -> bool:
        """No ordinary word holds a changed character: ``split`` are the word-view
        positions of split characters, otherwise those that differ from the term."""
        words = real_words()
        if split:
            changed = list(split)
        elif len(span) == len(term) and span != term:
            changed = [s + i for i, (a, b) in enumerate(zip(span, term, strict=True)) if a != b]
        else:
            changed = list(range(s, e))
        for p in changed:
            for size in (2, 3, 4):
                for a in range(max(0, p - size + 1), min(p, len(word) - size) + 1):
                    window = word[a : a + size]
                    if window != term and window in words:
                        return False
        return True

    @staticmethod
    def _straddles_words(word: str, s: int, e: int) -> bool:
        """A two-character term whose characters belong to two neighbouring words (神色|情形)."""
        if s == 0 or e >= len(word):
            return False
        words = real_words()
        return word[s - 1 : s + 1] in words and word[e - 1 : e + 1] in words

    def _allowed_spans(self, word: str) -> list[tuple[int, int]]:
        if self._allow is None:
            return []
        return [(s, e) for _, s, e in self._allow.find_matches_as_indexes(word, overlapping=True)]


def _separators(view: Standins) -> set[int]:
    """View positions of hearts and stars written between two Chinese characters, when
    the text has two or more of them: then they separate (国★家★药), they read nothing."""
    text, marks = view.text, view.marks
    found = {
        i
        for i, c in enumerate(text)
        if c in DECORATIONS
        and marks[i]
        and 0 < i < len(text) - 1
        and "\u4e00" <= text[i - 1] <= "\u9fff"
        and "\u4e00" <= text[i + 1] <= "\u9fff"
    }
    return found if len(found) > 1 else set()


@lru_cache(maxsize=65536)
def _same_readings(span: str, term: str) -> bool:
    """Each character of ``span`` is the term's or read as it is in its usual reading
    (手墙 for 手枪; not 幺妹 for 约妹: 约 is yao only in 约莫)."""
    readings = tables().readings
    return all(
        a == b or (readings.get(a) or ("",))[0] == (readings.get(b) or ("?",))[0]
        for a, b in zip(span, term, strict=True)
    )


def crosses_clause(original: str, start: int, end: int) -> bool:
    """Clause punctuation inside original ``[start, end)``: no term is read across it."""
    return any(c in CLAUSE_MARKS for c in original[start:end])


def _by_start(key: tuple[int, int, int]) -> tuple[int, int]:
    return key[1], -key[2]


def _fold_repeats(word: str, keys: list, found: dict, more: dict) -> tuple[list, dict]:
    """``keys`` (in order of start for each term and technique) without the matches past
    the first :data:`REPEATS_KEPT` of one term, technique and context (:data:`CONTEXT`
    characters either side, in one field); how many were left out is counted on the last
    one kept (``more``, which already counts the repeats folded into some keys).

    Every rule decides from the account and at most ``CONTEXT`` characters around a
    match, so matches in the same context make the same hits at other places: a field of
    one term written 20,000 times is screened as fast as one of 40, and the hit lists
    and counts stay as they were.
    """
    boundaries = []
    at = word.find(BOUNDARY)
    while at >= 0:
        boundaries.append(at)
        at = word.find(BOUNDARY, at + 1)
    seen: dict[tuple, list] = {}
    kept = []
    counted = dict(more)
    for key in keys:
        tid, s, e = key
        field = bisect_right(boundaries, s) if boundaries else 0
        context = (tid, found[key], field, word[max(0, s - CONTEXT) : s], word[e : e + CONTEXT])
        entry = seen.get(context)
        if entry is None:
            entry = seen[context] = [0, None]
        if entry[0] < REPEATS_KEPT:
            entry[0] += 1
            entry[1] = key
            kept.append(key)
        else:
            last = entry[1]
            counted[last] = counted.get(last, 0) + 1 + counted.pop(key, 0)
    return kept, counted


class _SoundAutomaton:
    """Sound keys of terms in one automaton, with the terms each key stands for."""

    def __init__(self, by_key: dict[str, list[int]]):
        keys = list(by_key)
        self.tids = [tuple(by_key[k]) for k in keys]  # tuples of ints: no work for the GC
        self.automaton = ahocorasick_rs.AhoCorasick(keys) if keys else None


def _whole_latin_runs(word: str, s: int, e: int) -> bool:
    """``[s, e)`` neither starts nor ends inside a run of Latin letters (lvshi, not xlvshiy)."""
    return not (s > 0 and is_latin(word[s - 1]) and is_latin(word[s])) and not (
        e < len(word) and is_latin(word[e]) and is_latin(word[e - 1])
    )


class _Cover:
    """Is a span inside any of some spans?  Sorted starts and the furthest end so far."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []
        furthest = -1
        for _, b in spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def covers(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s)
        return i > 0 and self.reach[i - 1] >= e
