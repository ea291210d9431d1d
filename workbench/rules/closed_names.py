"""Closed-account similarity (2022/10): is a name closely related to a closed or blacklisted account?

:class:`ClosedNameIndex` answers that for one name against a million closed
names in well under a millisecond, without scanning them:

* every closed name is folded (:mod:`workbench.rules.namefold`) to a key;
* the index keeps hashed entries of each distinct key in one sorted
  ``int64`` array: the key itself, its toneless pinyin, its one-character
  deletions (so any name one edit away shares an entry, however common its
  characters; mid-length Latin keys also their two-letter deletions), and
  its character bigrams (Latin keys also trigrams, short keys also gapped
  pairs) for names further apart; names written in pinyin also as a string
  of syllables with its one- and two-syllable deletions (mingsheng finds
  mingfeisheng, three letters but one syllable apart);
* a query looks its own entries (key, one and two deletions, pinyin
  readings, grams) up with two vectorised binary searches, keeps gram
  candidates that share the most of the rarer grams, and scores only those
  few with rapidfuzz;
* a match that is neither the same key nor the same pinyin must share a
  distinctive part with the closed name: one held by at most
  ``max_shared_keys`` closed names (:mod:`workbench.rules.closed_rarity`), so
  fresh names that merely share common words of names are left alone.

Each entry packs a 37-bit hash and a 26-bit key number into one integer: a
million synthetic names take about 100 MB of entries, 450 MB with the names,
labels and keys (``benchmarks/closed_names.py``).  Names added after the
build go to a small overlay that is merged in batches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from workbench.models.codes import HitSeverity, RuleCategory
from workbench.rules.closed_keys import (
    EXACT,
    GRAM,
    PINYIN,
    grams,
    index_hashes,
    query_hashes,
    tagged,
)
from workbench.rules.closed_rarity import DEFAULT_MAX_SHARED_KEYS, Rarity
from workbench.rules.hits import Hit, basis_for
from workbench.rules.namefold import FoldedName, fold_name, pinyin_key, pinyin_variants

ID_BITS = 26
ID_MASK = (1 << ID_BITS) - 1
MAX_KEYS = 1 << ID_BITS

DEFAULT_MIN_SCORE = 75.0
# Letters of a 26-letter alphabet agree by chance far more than Chinese
# characters do (one character is two to six pinyin letters), so two mostly
# Latin keys need a higher score to count as closely related.
LATIN_MIN_SCORE = 85.0
SAME_PINYIN_SCORE = 95.0
POSTING_CAP = 4096  # a bigram in more names than this is too common to block on
POSTING_BUDGET = 12000  # bigram postings read per query at most
DELETION_CAP = 4096  # keys read per exact, deletion or pinyin entry at most
MAX_VERIFIED = 3000  # bigram candidates scored per query at most


REASON_LABELS = {
    "same_name": ("同名", "same name"),
    "traditional_form": ("繁体写法", "traditional form"),
    "suffix_number_added": ("增减后缀或数字", "suffix/number added"),
    "look_alike": ("形近字", "look-alike"),
    "same_pinyin": ("同音", "same pinyin"),
    "one_character_changed": ("改动一个字", "one character changed"),
    "similar_spelling": ("写法相近", "similar spelling"),
}


@dataclass(frozen=True, slots=True)
class ClosedMatch:
    """A closed name a query resembles: ``score`` 0..100 and why (English reason labels)."""

    name: str
    label: str
    score: float
    reason: str
    reason_codes: tuple[str, ...] = field(default=(), compare=False)
    shared_keys: int | None = field(default=None, compare=False)  # closed names sharing the part


def is_latin(key: str) -> bool:
    """Is ``key`` mostly ASCII (pinyin or English) rather than Chinese characters?"""
    return key.isascii() or len(key.encode("ascii", "ignore")) * 2 > len(key)


def required_score(index: ClosedNameIndex, key: str, other: str) -> float:
    """The score two keys need to be reported as closely related."""
    if is_latin(key) and is_latin(other):
        return index.latin_min_score
    return index.min_score


class ClosedNameIndex:
    """Names of closed and blacklisted accounts, ready for similarity queries.

    Names folding to the same key share one key number: the entries index
    distinct keys, and a matched key reports every closed name behind it.
    """

    def __init__(
        self,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        latin_min_score: float = LATIN_MIN_SCORE,
        max_shared_keys: int | None = DEFAULT_MAX_SHARED_KEYS,
    ):
        self.min_score = min_score
        self.latin_min_score = max(min_score, latin_min_score)
        # None: any match scoring high enough is reported, however common the shared part.
        self.max_shared_keys = max_shared_keys
        self.names: list[str] = []
        self.labels: list[str] = []
        self.keys: list[str] = []  # distinct keys
        self._key_names: list[int | list[int]] = []  # name numbers per key number
        self._entries = np.zeros(0, dtype=np.int64)
        self._overlay: dict[int, list[int]] = {}
        self._overlay_size = 0
        self._char_keys: dict[str, int] = {}  # character -> distinct keys holding it

    # -- building -----------------------------------------------------------------

    @classmethod
    def build(
        cls,
        names: Iterable[tuple[str, str]],
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        latin_min_score: float = LATIN_MIN_SCORE,
        max_shared_keys: int | None = DEFAULT_MAX_SHARED_KEYS,
    ) -> ClosedNameIndex:
        """An index of ``(closed name, label)`` pairs; blank names are skipped."""
        index = cls(
            min_score=min_score, latin_min_score=latin_min_score, max_shared_keys=max_shared_keys
        )
        key_numbers: dict[str, int] = {}
        chunks: list[np.ndarray] = []
        buffer: list[int] = []
        for name, label in names:
            folded = fold_name(name)
            key = folded.key
            if not key:
                continue
            number = key_numbers.get(key)
            if number is not None:
                index._attach(number, name, label)
                continue
            number = key_numbers[key] = index._new_key(key, name, label)
            buffer.extend((h << ID_BITS) | number for h in index_hashes(key, folded.stripped))
            if len(buffer) >= 1_000_000:
                chunks.append(np.array(buffer, dtype=np.int64))
                buffer.clear()
        chunks.append(np.array(buffer, dtype=np.int64))
        entries = np.concatenate(chunks)
        entries.sort()
        index._entries = entries
        return index

    def _new_key(self, key: str, name: str, label: str) -> int:
        number = len(self.keys)
        if number >= MAX_KEYS:
            raise OverflowError(f"the closed-name index holds at most {MAX_KEYS} distinct names")
        chars = self._char_keys
        for ch in set(key):
            chars[ch] = chars.get(ch, 0) + 1
        self.keys.append(key)
        self._key_names.append(len(self.names))
        self.names.append(name)
        self.labels.append(label)
        return number

    def _attach(self, number: int, name: str, label: str) -> None:
        held = self._key_names[number]
        if isinstance(held, int):
            held = self._key_names[number] = [held]
        held.append(len(self.names))
        self.names.append(name)
        self.labels.append(label)

    def _names_of(self, number: int) -> list[int]:
        held = self._key_names[number]
        return [held] if isinstance(held, int) else held

    def add(self, name: str, label: str) -> bool:
        """Add one closed name (an account just closed); False if it folds to nothing."""
        folded = fold_name(name)
        key = folded.key
        if not key:
            return False
        for number in self._lookup([tagged(EXACT, key)])[0].tolist():
            if self.keys[number] == key:
                self._attach(number, name, label)
                return True
        number = self._new_key(key, name, label)
        for h in index_hashes(key, folded.stripped):
            self._overlay.setdefault(h, []).append(number)
            self._overlay_size += 1
        if self._overlay_size > max(50_000, len(self._entries) // 20):
            self._merge_overlay()
        return True

    def _merge_overlay(self) -> None:
        extra = np.array(
            [(h << ID_BITS) | n for h, ns in self._overlay.items() for n in ns], dtype=np.int64
        )
        extra.sort()
        self._entries = np.insert(self._entries, np.searchsorted(self._entries, extra), extra)
        self._overlay.clear()
        self._overlay_size = 0

    def __len__(self) -> int:
        return len(self.names)

    # Entries are Python string hashes, which differ between interpreters
    # (hash randomisation): an index pickled to another process re-hashes.
    def __getstate__(self) -> dict:
        return {**self.__dict__, "_hash_probe": hash(_HASH_PROBE)}

    def __setstate__(self, state: dict) -> None:
        probe = state.pop("_hash_probe", None)
        self.__dict__.update(state)
        if "_char_keys" not in state:  # pickled before character counts were kept
            self._char_keys = {}
            for key in self.keys:
                for ch in set(key):
                    self._char_keys[ch] = self._char_keys.get(ch, 0) + 1
        if probe != hash(_HASH_PROBE):
            self._rehash()

    def _rehash(self) -> None:
        entries = [
            (h << ID_BITS) | number
            for number, key in enumerate(self.keys)
            for h in index_hashes(key, fold_name(self.names[self._names_of(number)[0]]).stripped)
        ]
        self._entries = np.sort(np.array(entries, dtype=np.int64))
        self._overlay, self._overlay_size = {}, 0

    @property
    def nbytes(self) -> int:
        """Bytes held by the entry array (names and labels not included)."""
        return int(self._entries.nbytes)

    # -- querying -----------------------------------------------------------------

    def _lookup(self, hashes: list[int]) -> list[np.ndarray]:
        """Key numbers under each hash (array entries then overlay)."""
        q = np.array(hashes, dtype=np.int64) << ID_BITS
        order = np.argsort(q)
        ordered = q[order]  # sorted probes walk the array in one direction
        lo = np.empty_like(q)
        hi = np.empty_like(q)
        lo[order] = np.searchsorted(self._entries, ordered, side="left")
        hi[order] = np.searchsorted(self._entries, ordered + (1 << ID_BITS), side="left")
        out = [_EMPTY] * len(hashes)
        entries = self._entries
        for i in np.flatnonzero(hi > lo).tolist():
            out[i] = entries[lo[i] : hi[i]] & ID_MASK
        if self._overlay:
            for i, h in enumerate(hashes):
                extra = self._overlay.get(h)
                if extra:
                    out[i] = np.concatenate([out[i], np.array(extra, dtype=np.int64)])
        return out

    def query(self, name: str, *, limit: int | None = 5) -> list[ClosedMatch]:
        """Closed names similar to ``name``, best first, at most ``limit`` (None: all)."""
        folded = fold_name(name)
        key = folded.key
        if not key or not self.names:
            return []
        pinyins = pinyin_variants(key)
        exact_hashes = query_hashes(key, folded.stripped)
        pinyin_hashes = [tagged(PINYIN, p) for p in pinyins]
        gram_list = list(grams(key, True, True))
        gram_hashes = [tagged(GRAM, g) for g in gram_list]
        found = self._lookup(exact_hashes + pinyin_hashes + gram_hashes)
        n_exact, n_pinyin = len(exact_hashes), len(pinyin_hashes)

        candidates: set[int] = set()
        for ids in found[:n_exact]:
            if len(ids):
                candidates.update(ids[:DELETION_CAP].tolist())
        pinyin_ids: set[int] = set()
        for ids in found[n_exact : n_exact + n_pinyin]:
            if len(ids):
                pinyin_ids.update(ids[:DELETION_CAP].tolist())
        candidates.update(self._gram_candidates(found[n_exact + n_pinyin :], len(key)))
        scored = self._score(key, pinyins, candidates, pinyin_ids)
        readings = dict(zip(pinyins, found[n_exact : n_exact + n_pinyin], strict=True))
        shared = self._distinctive(key, readings, scored, gram_list, found[n_exact + n_pinyin :])
        scored = [s for s in scored if s[1] in shared]
        scored.sort(key=lambda t: (-t[0], t[1]))
        out = []
        for score, number, same_pinyin in scored:
            for name_number in self._names_of(number):
                out.append(self._match(folded, name_number, score, same_pinyin, shared[number]))
                if limit is not None and len(out) >= limit:
                    return out
        return out

    def _score(self, key, pinyins, candidates, pinyin_ids) -> list[tuple[float, int, bool]]:
        numbers = list(candidates | pinyin_ids)
        keys = self.keys
        results = process.extract(
            key,
            [keys[n] for n in numbers],
            scorer=fuzz.ratio,
            score_cutoff=self.min_score,
            limit=None,
        )
        latin = is_latin(key)
        scored: dict[int, tuple[float, int, bool]] = {}
        for other, score, i in results:
            if latin and score < self.latin_min_score and is_latin(other):
                continue
            scored[numbers[i]] = (float(score), numbers[i], False)
        for number in pinyin_ids:
            if pinyin_key(keys[number]) in pinyins:
                best = max(scored.get(number, (0.0,))[0], SAME_PINYIN_SCORE)
                scored[number] = (best, number, keys[number] != key)
        return list(scored.values())

    def _distinctive(
        self, key, reading_holders, scored, gram_list, postings
    ) -> dict[int, int | None]:
        """The scored key numbers worth reporting, each with how many closed keys hold the
        part it shares with ``key`` (None: the same key, not weighed); see
        :mod:`workbench.rules.closed_rarity`.  ``reading_holders`` are the keys filed
        under each of the query's readings."""
        out: dict[int, int | None] = {}
        rarity = None
        for _, number, _ in scored:
            other = self.keys[number]
            if self.max_shared_keys is None or other == key:
                out[number] = None
                continue
            if rarity is None:
                if self._overlay:  # overlay postings are appended unsorted
                    postings = [np.sort(p) for p in postings]
                rarity = Rarity(
                    dict(zip(gram_list, postings, strict=True)),
                    self.keys,
                    self._char_keys,
                    max_shared_keys=self.max_shared_keys,
                )
            holders = reading_holders.get(pinyin_key(other))
            count = rarity.judge(
                key, other, reading_holders=None if holders is None else len(holders)
            )
            if count is not None:
                out[number] = count
        return out

    def _gram_candidates(self, postings: list[np.ndarray], key_len: int) -> list[int]:
        usable = sorted((p for p in postings if 0 < len(p) <= POSTING_CAP), key=len)
        if not usable:
            return []
        taken: list[np.ndarray] = []
        total = 0
        for p in usable:
            if total + len(p) > POSTING_BUDGET and taken:
                break
            taken.append(p)
            total += len(p)
        ids, counts = np.unique(np.concatenate(taken), return_counts=True)
        need = 2 if key_len >= 6 and len(taken) >= 4 else 1
        keep = counts >= need
        ids, counts = ids[keep], counts[keep]
        if len(ids) > MAX_VERIFIED:
            best = np.argpartition(-counts, MAX_VERIFIED)[:MAX_VERIFIED]
            ids = ids[best]
        return ids.tolist()

    def _match(
        self, query: FoldedName, name_number: int, score: float, same_pinyin: bool, shared
    ) -> ClosedMatch:
        name = self.names[name_number]
        codes = explain_similarity(query, fold_name(name), same_pinyin)
        reason = ", ".join(REASON_LABELS[c][1] for c in codes)
        label = self.labels[name_number]
        return ClosedMatch(name, label, round(score, 1), reason, codes, shared)


_EMPTY = np.zeros(0, dtype=np.int64)
_HASH_PROBE = "workbench closed-name index"


def explain_similarity(query: FoldedName, closed: FoldedName, same_pinyin: bool) -> tuple:
    """Reason codes (keys of ``REASON_LABELS``) for why ``query`` resembles ``closed``."""
    if query.base == closed.base:
        return ("same_name",)
    codes = []
    if query.simplified != query.base or closed.simplified != closed.base:
        codes.append("traditional_form")
    if query.stripped != query.simplified or closed.stripped != closed.simplified:
        codes.append("suffix_number_added")
    if query.key == closed.key:
        if query.stripped != closed.stripped:
            codes.append("look_alike")
    elif same_pinyin:
        codes.append("same_pinyin")
    else:
        a, b = sorted((query.key, closed.key), key=len)
        if a != b and (b.startswith(a) or b.endswith(a)):
            if "suffix_number_added" not in codes:
                codes.append("suffix_number_added")
        elif Levenshtein.distance(a, b, score_cutoff=1) == 1:
            codes.append("one_character_changed")
        else:
            codes.append("similar_spelling")
    return tuple(codes) or ("same_name",)


def closed_similarity_hits(
    index: ClosedNameIndex | None, name: str, field: str = "name"
) -> list[Hit]:
    """A ``closed_account_similar`` hit when ``name`` resembles a closed account.

    One hit per field, naming the closest closed account; the next closest
    are listed in ``details["others"]``.  The span covers the whole field.
    """
    if index is None or not name:
        return []
    matches = index.query(name, limit=4)
    if not matches:
        return []
    best = matches[0]
    zh = "、".join(REASON_LABELS[c][0] for c in best.reason_codes)
    en = best.reason
    others = [{"name": m.name, "label": m.label, "score": m.score} for m in matches[1:]]
    more_zh = f"，另有 {len(others)} 个相似的已关闭账号" if others else ""
    more_en = f"; {len(others)} more similar closed accounts" if others else ""
    shared = best.shared_keys
    if shared is not None and shared <= (index.max_shared_keys or 0):
        zh += f"（相同部分仅见于 {shared} 个已关闭名称）"
        en += f" (the shared part is in {shared} closed name{'s' if shared > 1 else ''} only)"
    return [
        Hit(
            category=RuleCategory.CLOSED_ACCOUNT_SIMILAR.value,
            rule=f"closed_name.{best.reason_codes[-1]}",
            field=field,
            start=0,
            end=len(name),
            matched=name,
            basis=basis_for(RuleCategory.CLOSED_ACCOUNT_SIMILAR),
            severity=(
                HitSeverity.HIGH if best.score >= SAME_PINYIN_SCORE else HitSeverity.MEDIUM
            ).value,
            score=round(best.score / 100, 3),
            explanation=(
                f"与已关闭账号「{best.name}」（{best.label}）相似：{zh}{more_zh} / "
                f'similar to the closed account "{best.name}" ({best.label}): {en}{more_en}'
            ),
            details={
                "closed_name": best.name,
                "closed_label": best.label,
                "similarity": best.score,
                "reasons": list(best.reason_codes),
                # closed names holding the part the names share (None: the same name)
                "shared_by": best.shared_keys,
                "others": others,
            },
        )
    ]
