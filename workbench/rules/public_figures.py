"""Names accounts may use only with an authorisation (2021/8): the hit ``public_figure_name``.

2021/8 asks the platform to check account names, avatars and bios against the
registered subject and to act on names that use or associate themselves with
party and state organs, enterprises and institutions, or well-known public
figures (社会知名人士) without authorisation.  An administrator keeps the names
(:mod:`workbench.cases.public_figures`); this module only answers, for one
account name, which listed names it imitates.

It writes no matcher of its own: the listed names go into a
:class:`~workbench.rules.closed_names.ClosedNameIndex`, which folds width,
traditional forms, look-alikes, homophones and added suffixes or numbers
(:mod:`workbench.rules.namefold`) and scores what is left, and a name whose folded
key *holds* a listed name's key (刘德华粉丝团 holds 刘德华) is caught as well.
Which accounts hold an authorisation is a fact the caller brings: the figures
authorised for the account screened are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.models.codes import HitSeverity, RuleCategory
from workbench.rules.closed_names import REASON_LABELS as CLOSED_REASONS
from workbench.rules.closed_names import SAME_PINYIN_SCORE, ClosedNameIndex
from workbench.rules.hits import Hit, basis_for
from workbench.rules.namefold import fold_key, pinyin_key

CATEGORY = RuleCategory.PUBLIC_FIGURE_NAME
MAX_FIGURES_PER_NAME = 3  # one hit per listed name, the closest few
CONTAINS = "contains_name"
CONTAINS_LABELS = ("含有该名称", "contains the name")
#: How a name imitates a listed one: the closed-name reasons, and holding it whole.
REASON_LABELS = {**CLOSED_REASONS, CONTAINS: CONTAINS_LABELS}


@dataclass(frozen=True, slots=True)
class ListedName:
    """One listed name: its number, the name and its other names, what it is (zh, en)."""

    figure_id: int
    name: str
    category_label: tuple[str, str]
    aliases: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class FigureMatch:
    figure_id: int
    term: str  # the listed name or alias matched
    score: float  # 0..100
    reasons: tuple[str, ...]  # keys of closed_names.REASON_LABELS, or CONTAINS


class FigureIndex:
    """The listed names, ready to be asked about account names."""

    def __init__(self, names: Iterable[ListedName]):
        self.listed = {n.figure_id: n for n in names}
        pairs = [(term, str(n.figure_id)) for n in self.listed.values() for term in n.terms]
        # Every close enough name counts, however common its characters: a short list of
        # names someone chose, not a million closed accounts whose shared words mean little.
        self.index = ClosedNameIndex.build(pairs, max_shared_keys=None)
        # For names that hold a listed one whole (刘德华粉丝团, or 刘德话粉丝团 by sound): the
        # listed keys by their first character, and by the sound of it, so a query looks
        # only at those starting where one of its own characters does.
        self._by_char: dict[str, list[tuple[str, int, str]]] = {}
        self._by_sound: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
        for n in self.listed.values():
            for term in n.terms:
                key = fold_key(term)
                if len(key) < 2:
                    continue
                self._by_char.setdefault(key[0], []).append((key, n.figure_id, term))
                if len(key) >= 3:
                    sounds = _sounds(key)
                    self._by_sound.setdefault(sounds[0], []).append((sounds, n.figure_id, term))

    def __len__(self) -> int:
        return len(self.listed)

    def matches(self, name: str) -> list[FigureMatch]:
        """The listed names ``name`` imitates, closest first, one match per listed name."""
        if not name or not self.listed:
            return []
        best: dict[int, FigureMatch] = {}
        key = fold_key(name)
        for m in self.index.query(name, limit=None):
            # A part of a listed name is no imitation of it (德华 is not 刘德华); the same
            # sound is, whatever the length.
            if len(key) < len(fold_key(m.name)) and "same_pinyin" not in m.reason_codes:
                continue
            figure_id = int(m.label)
            if figure_id not in best or m.score > best[figure_id].score:
                best[figure_id] = FigureMatch(figure_id, m.name, m.score, m.reason_codes)
        if len(key) > 2:
            self._holding(key, best)
        ordered = sorted(best.values(), key=lambda m: (-m.score, m.figure_id))
        return ordered[:MAX_FIGURES_PER_NAME]

    def _holding(self, key: str, best: dict[int, FigureMatch]) -> None:
        """Add the listed names ``key`` holds whole, by writing or by sound."""
        sounds = _sounds(key)
        for i, ch in enumerate(key):
            for listed, figure_id, term in self._by_char.get(ch, ()):
                if figure_id not in best and len(listed) < len(key) and key.startswith(listed, i):
                    best[figure_id] = FigureMatch(figure_id, term, 80.0, (CONTAINS,))
            for heard, figure_id, term in self._by_sound.get(sounds[i], ()):
                if (
                    figure_id not in best
                    and len(heard) < len(key)
                    and sounds[i : i + len(heard)] == heard
                ):
                    best[figure_id] = FigureMatch(figure_id, term, 80.0, (CONTAINS,))


def _sounds(key: str) -> tuple[str, ...]:
    """The toneless pinyin of each character of ``key``."""
    return tuple(pinyin_key(ch) for ch in key)


def _reason_text(reasons: tuple[str, ...]) -> tuple[str, str]:
    labels = [REASON_LABELS[r] for r in reasons]
    return "、".join(zh for zh, _ in labels), ", ".join(en for _, en in labels)


def figure_hits(
    index: FigureIndex | None,
    name: str,
    *,
    authorised: frozenset[int] = frozenset(),
    field: str = "name",
) -> list[Hit]:
    """A ``public_figure_name`` hit (2021/8) per listed name ``name`` imitates, unless
    the account holds a valid authorisation for it (``authorised``: listed numbers)."""
    if index is None or not name:
        return []
    hits = []
    for match in index.matches(name):
        if match.figure_id in authorised:
            continue
        listed = index.listed[match.figure_id]
        kind_zh, kind_en = listed.category_label
        why_zh, why_en = _reason_text(match.reasons)
        strong = match.score >= SAME_PINYIN_SCORE or match.reasons == ("same_name",)
        hits.append(
            Hit(
                category=CATEGORY.value,
                rule=f"public_figure.{match.reasons[-1]}",
                field=field,
                start=0,
                end=len(name),
                matched=name,
                basis=basis_for(CATEGORY),
                severity=(HitSeverity.HIGH if strong else HitSeverity.MEDIUM).value,
                score=round(match.score / 100, 3),
                explanation=(
                    f"使用名单上的名称「{listed.name}」（{kind_zh}）：{why_zh}，未见有效授权"
                    f'（2021/8） / uses the listed name "{listed.name}" ({kind_en}): {why_en}, '
                    "with no valid authorisation on file (2021/8)"
                ),
                details={
                    "figure_id": listed.figure_id,
                    "figure_name": listed.name,
                    "matched_term": match.term,
                    "similarity": match.score,
                    "reasons": list(match.reasons),
                },
            )
        )
    return hits
