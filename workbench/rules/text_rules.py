"""The lexicon rules: what a term found in which field of which account means.

A body's name (organ, enterprise, state, international organisation, news
medium, place, landmark) is an impersonation only when the account presents
itself AS that body: in the name or certification, not followed or preceded by
a word showing a mere mention (我爱法国电影); in the bio or signature only with
a self-presentation cue (外交部官方, 本号是…).  A country needs a mission or
organ ending (法国驻华大使馆) or to be the whole name.  An account whose
verified organisation is the body is not an impersonator, and a licensed news
account may use news words.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from workbench.rules.lexicons import Entry, Lexicons
from workbench.rules.matcher import TermMatch
from workbench.rules.normalise import fold
from workbench.rules.org_names import OrgNames
from workbench.rules.precision import GENRE_LISTS, WORD_LISTS, WordSense, absorbed

PRESENTING_FIELDS = frozenset({"name", "certification"})
OWN_FIELDS = frozenset({"name", "bio", "signature", "certification"})
SUFFIX_GAP = 4  # characters allowed between a place/state and an organ ending
NEGATION_WINDOW = 6
NEGATION_GAP = 2  # characters allowed between a negation and what it negates (不是最好)
MEMO_SIZE = 100_000  # answers remembered between texts at most
INTENSIFIERS = ("非常", "无比", "不断", "不仅", "无论", "不少", "无限")
# The regulated fields of 2022/11 by their Chinese names (an explanation never shows a code).
FIELD_LABEL = {
    "news": ("新闻", "news"),
    "publishing": ("出版", "publishing"),
    "economy": ("经济金融", "finance"),
    "education": ("教育", "education"),
    "health": ("医疗卫生", "health"),
    "justice": ("司法", "law"),
}
#: Lists (besides :data:`BODY_LISTS`) whose hits are about what a name presents itself as.
PRESENTING_LISTS = ("states", "places", "org_suffixes", "news_words")
BODY_LISTS = ("organs", "enterprises", "international_organisations", "news_media", "landmarks")
BODY_CATEGORY = {
    "organs": "impersonate_organisation",
    "enterprises": "impersonate_organisation",
    "international_organisations": "impersonate_state",
    "news_media": "impersonate_news_media",
    "landmarks": "misuse_place_name",
}
MATCHED_LISTS = (
    *BODY_LISTS,
    "states",
    "places",
    "org_suffixes",
    "news_words",
    "strict_words",
    "claims",
    "prohibited",
    "regulated_fields",
    "professions",
    "contact_cues",
)


class FieldText(NamedTuple):
    """One field inside the concatenated word view."""

    name: str
    w_start: int
    w_end: int
    o_start: int  # offset of the field in the concatenated original


@dataclass(frozen=True)
class AccountFacts:
    """What the text rules need to know about the account besides its text."""

    kind: str
    verified_org: str  # folded
    verified_profession: str  # folded
    qualifications: frozenset[str]


class MatchIndex:
    """What the rules ask of the other matches of one text, answered without scanning them.

    Each question (is a state's name right before this match, is a news
    medium's name around it, which organ ending follows it) used to compare a
    match with every other match: 20,000 repetitions of one name made that
    400 million comparisons.  The index sorts what each question needs once;
    every answer is then a dictionary look-up or a binary search.
    """

    def __init__(self, matches):
        # State names by end: the largest start of a state name ending there.
        self.state_start_by_end: dict[int, int] = {}
        news: list = []
        suffixes: list = []
        for m in matches:  # sorted by (start, -end)
            names = _lists_of(m.refs)
            if "states" in names:
                best = self.state_start_by_end.get(m.end)
                if best is None or m.start > best:
                    self.state_start_by_end[m.end] = m.start
            if "news_media" in names:
                news.append(m)
            if "org_suffixes" in names:
                suffixes.append(m)
        # News media names by start, with the two largest ends so far (and whose the largest is).
        self.news_starts = [m.start for m in news]
        self.news_top: list[tuple[int, object, int]] = []
        top = (-1, None, -1)
        for m in news:
            end1, who, end2 = top
            if m.end > end1:
                top = (m.end, m, end1)
            elif m.end > end2:
                top = (end1, who, m.end)
            self.news_top.append(top)
        self.suffixes = suffixes
        self.suffix_starts = [m.start for m in suffixes]

    def state_before(self, m, w_start: int) -> bool:
        """A state's name in the field ends at ``m.start`` or one character before it."""
        for end in (m.start, m.start - 1):
            start = self.state_start_by_end.get(end)
            if start is not None and start >= w_start:
                return True
        return False

    def inside_news_medium(self, m) -> bool:
        """Another match naming a news medium covers ``m``."""
        k = bisect_right(self.news_starts, m.start)
        if k == 0:
            return False
        end1, who, end2 = self.news_top[k - 1]
        return (end2 if who is m else end1) >= m.end

    def suffixes_between(self, lo: int, hi: int):
        """Organ-ending matches starting in ``[lo, hi]``, in match order."""
        a = bisect_left(self.suffix_starts, lo)
        b = bisect_right(self.suffix_starts, hi)
        return self.suffixes[a:b]


@dataclass
class _Memo:
    """Answers about the account (not the match) that many matches ask again."""

    verified: dict = field(default_factory=dict)
    profession: dict = field(default_factory=dict)
    strict: dict = field(default_factory=dict)


def _fold_terms(entries: list[Entry]) -> list[str]:
    return [t for e in entries for t in (fold(x).text for x in e.terms) if t]


class TextRules:
    """Turns term matches into hits for one account."""

    def __init__(self, lexicons: Lexicons):
        self.lex = lexicons
        cues = lexicons.get("official_cues")
        self.cues_after = tuple(
            _fold_terms([e for e in cues if e.attrs.get("position", "after") == "after"])
        )
        self.cues_before = tuple(
            _fold_terms([e for e in cues if e.attrs.get("position") == "before"])
        )
        self.mentions = tuple(_fold_terms(lexicons.get("mention_cues")))
        self.negations = tuple(_fold_terms(lexicons.get("negations")))
        self.folded_entries = {
            name: [tuple(fold(t).text for t in e.terms) for e in lexicons.get(name)]
            for name in MATCHED_LISTS
        }
        self._cue_lengths = frozenset(len(c) for c in self.cues_after)
        self._lists = {name: lexicons.get(name) for name in MATCHED_LISTS}
        self.orgs = OrgNames(lexicons)
        every_term = {t for name in MATCHED_LISTS for e in self.folded_entries[name] for t in e}
        self.sense = WordSense(frozenset(every_term))
        # Whether the characters before a match negate it depends on those characters only.
        self._negated_before: dict[str, bool] = {}

    # -- context helpers -------------------------------------------------
    @staticmethod
    def _after(word: str, f: FieldText, m: TermMatch, n: int = 8) -> str:
        return word[m.end : min(f.w_end, m.end + n)]

    @staticmethod
    def _before(word: str, f: FieldText, m: TermMatch, n: int = 8) -> str:
        return word[max(f.w_start, m.start - n) : m.start]

    def _mentioned(self, word, f, m) -> bool:
        after, before = self._after(word, f, m), self._before(word, f, m)
        return after.startswith(self.mentions) or before.endswith(self.mentions)

    def _presented(self, word, f, m) -> bool:
        after, before = self._after(word, f, m), self._before(word, f, m)
        return after.startswith(self.cues_after) or before.endswith(self.cues_before)

    def _negated(self, word, f, m) -> bool:
        """A negation ends at most NEGATION_GAP characters before the match (不保证, 并非官方)."""
        before = self._before(word, f, m, NEGATION_WINDOW)
        known = self._negated_before.get(before)
        if known is None:
            if len(self._negated_before) > MEMO_SIZE:
                self._negated_before.clear()
            known = self._negated_before[before] = self._negation_ends(before)
        return known

    def _negation_ends(self, before: str) -> bool:
        for intensifier in INTENSIFIERS:  # 非常 is "very", not a negation
            before = before.replace(intensifier, "#" * len(intensifier))
        for n in self.negations:
            at = before.rfind(n)
            if at >= 0 and len(before) - (at + len(n)) <= NEGATION_GAP:
                return True
        return False

    def _is_verified_body(self, facts: AccountFacts, list_name: str, index: int, term: str) -> bool:
        if not facts.verified_org:
            return False
        key = (list_name, index, term)
        known = self._memo.verified.get(key)
        if known is None:
            names = (term, *self.folded_entries[list_name][index])
            entry = self._entry(list_name, index)
            known = self.orgs.owns(facts.verified_org, names, entry)
            self._memo.verified[key] = known
        return known

    def _entry(self, list_name: str, index: int) -> Entry:
        return self._lists[list_name][index]

    # -- the rules -------------------------------------------------------
    def hits(self, word: str, fields: list[FieldText], matches, facts):
        """Hits of ``matches`` (word-view spans over the concatenated text, sorted by
        ``(start, -end)``), in match order.

        Linear in the number of matches: what a rule asks of the other matches
        goes through one :class:`MatchIndex`, and what it asks of the account
        is answered once per term.
        """
        out: list[tuple] = []
        index = MatchIndex(matches)
        self._memo = _Memo()
        starts = [f.w_start for f in fields]
        inside = absorbed(matches)
        for i, m in enumerate(matches):
            if i in inside:
                continue
            f = _field_of(fields, m.start, starts)
            if f is None or m.end > f.w_end:
                continue
            for list_name, entry in m.refs:
                hit = self._rule(list_name, entry, word, f, m, facts, index)
                if hit is None:
                    continue
                if list_name in WORD_LISTS and self.sense.topic(
                    word, f.w_end, m.start, m.end, f.name == "name" and list_name in GENRE_LISTS
                ):
                    continue
                out.append((f, m, *hit) if len(hit) == 7 else (f, m, *hit, None))
        return out

    def _rule(self, list_name, index, word, f, m, facts, matches) -> tuple | None:
        """The hit ``m`` makes as a term of entry ``index`` of ``list_name``, or None:
        (category, rule, severity, canonical, zh, en[, end of the span in the word view])."""
        if f.name not in OWN_FIELDS and list_name != "prohibited":
            return None  # other fields (addresses, operators) are screened for banned content only
        entry = self._entry(list_name, index)
        if list_name in BODY_LISTS or list_name in PRESENTING_LISTS:
            return self._presenting_rule(list_name, index, entry, word, f, m, facts, matches)
        return self._wording_rule(list_name, index, entry, word, f, m, facts)

    def _presenting_rule(self, list_name, index, entry, word, f, m, facts, matches) -> tuple | None:
        """A hit for presenting itself as a body, a state or place, a foreign mission or a
        news medium (the organ, enterprise, place and news-word lists)."""
        presenting = f.name in PRESENTING_FIELDS
        if list_name in BODY_LISTS:
            if self._is_verified_body(facts, list_name, index, m.term):
                return None
            if matches.state_before(m, f.w_start):
                return None
            if presenting and not self._mentioned(word, f, m) or self._presented(word, f, m):
                category = BODY_CATEGORY[list_name]
                return (
                    category,
                    f"{list_name}_name",
                    "high",
                    entry.name,
                    "以机构名称自居",
                    "presents itself as",
                )
        elif list_name in ("states", "places"):
            return self._state_or_place(list_name, index, entry, word, f, m, facts, matches)
        elif list_name == "org_suffixes" and entry.attrs.get("kind") == "state" and presenting:
            if not facts.verified_org:
                return (
                    "impersonate_state",
                    "foreign_mission_name",
                    "high",
                    entry.name,
                    "以外国使领馆自居",
                    "presents itself as a foreign mission",
                )
        elif (
            list_name == "news_words"
            and presenting
            and (
                "news" not in facts.qualifications
                and not self._is_verified_body(facts, list_name, index, m.term)
                and not matches.inside_news_medium(m)
            )
        ):
            return (
                "impersonate_news_media",
                "news_word_name",
                "medium",
                entry.name,
                "名称含新闻属性词而无新闻资质",
                "news word in the name without a news licence",
            )
        return None

    def _wording_rule(self, list_name, index, entry, word, f, m, facts) -> tuple | None:
        """A hit for what the wording claims: strict words, misleading claims, prohibited
        content, a regulated field without a qualification, another profession."""
        if list_name == "strict_words":
            strict = self._memo.strict.get(m.term)
            if strict is None:
                strict = self._memo.strict[m.term] = m.term not in facts.verified_org
            if strict:
                return (
                    "strict_verification",
                    "strict_word",
                    "medium",
                    entry.name,
                    "含需严格核验的字样",
                    "needs strict verification",
                )
        elif list_name == "claims":
            if entry.attrs.get("kind") == "official" and facts.verified_org:
                return None
            if not self._negated(word, f, m):
                return (
                    "misleading_claim",
                    f"claim_{entry.attrs.get('kind', 'other')}",
                    "medium",
                    entry.name,
                    "夸大或误导性表述",
                    "exaggerated or misleading claim",
                )
        elif list_name == "prohibited":
            if not self._negated(word, f, m):
                return (
                    "prohibited_content",
                    f"prohibited_{entry.attrs.get('kind', 'other')}",
                    "critical",
                    entry.name,
                    "含违法违禁内容",
                    "prohibited content",
                )
        elif list_name == "regulated_fields":
            field = entry.attrs.get("field", "")
            if field and field not in facts.qualifications and not self._negated(word, f, m):
                zh, en = FIELD_LABEL.get(field, ("受监管", field))
                return (
                    "qualification_required",
                    f"qualification_{field}",
                    "medium",
                    entry.name,
                    f"声称从事{zh}领域而无相应资质",
                    f"claims the {en} field without a qualification on file",
                )
        elif list_name == "professions" and facts.verified_profession and f.name in OWN_FIELDS:
            differs = self._memo.profession.get(index)
            if differs is None:
                names = self.folded_entries[list_name][index]
                differs = self._memo.profession[index] = not any(
                    n in facts.verified_profession or facts.verified_profession in n for n in names
                )
            if differs and not self._negated(word, f, m):
                return (
                    "profession_mismatch",
                    "profession_claim",
                    "medium",
                    entry.name,
                    "声称的职业与认证职业不符",
                    "claimed profession differs from the verified one",
                )
        return None

    def _state_or_place(self, list_name, index, entry, word, f, m, facts, matches) -> tuple | None:
        if f.name not in PRESENTING_FIELDS:
            return None
        suffix, suffix_end = self._organ_suffix_after(word, f, m, matches)
        if self._is_verified_body(facts, list_name, index, m.term):
            return None
        # The field is the match alone, or the match and an official cue (外交部官方).
        rest_len = (f.w_end - f.w_start) - (m.end - m.start)
        whole = rest_len == 0 or (
            rest_len in self._cue_lengths
            and (word[f.w_start : m.start] + word[m.end : f.w_end]) in self.cues_after
        )
        if list_name == "states":
            if (
                suffix is not None
                or whole
                or (self._presented(word, f, m) and not self._mentioned(word, f, m))
            ):
                return (
                    "impersonate_state",
                    "state_name",
                    "high",
                    entry.name,
                    "以国家或地区机构自居",
                    "presents itself as a state body",
                    suffix_end,
                )
            return None
        if suffix is not None:
            if suffix.attrs.get("kind") == "organ":
                return (
                    "impersonate_organisation",
                    "org_shaped_name",
                    "high",
                    entry.name + suffix.name,
                    "名称形如国家机关",
                    "name shaped like a state organ",
                    suffix_end,
                )
        elif whole or word.startswith(self.cues_after, m.end, f.w_end):
            return (
                "misuse_place_name",
                "place_name",
                "medium",
                entry.name,
                "以地名或行政区划自居",
                "presents itself as a place or region",
            )
        return None

    def _organ_suffix_after(self, word, f, m, matches) -> tuple[Entry | None, int | None]:
        """The longest organ or mission ending shortly after ``m`` in the same field, and its end."""
        best: tuple[Entry | None, int | None] = (None, None)
        for o in matches.suffixes_between(m.end, m.end + SUFFIX_GAP):
            if o.end <= f.w_end:
                for list_name, index in o.refs:
                    if list_name == "org_suffixes" and (best[1] is None or o.end > best[1]):
                        best = (self._entry(list_name, index), o.end)
        return best


_LISTS: dict[tuple, frozenset[str]] = {}


def _lists_of(refs: tuple) -> frozenset[str]:
    """The lists a match's term is in, remembered per term (its refs)."""
    known = _LISTS.get(refs)
    if known is None:
        known = _LISTS[refs] = frozenset(r[0] for r in refs)
    return known


def _field_of(fields: list[FieldText], pos: int, starts: list[int]) -> FieldText | None:
    """The field holding word-view position ``pos``; ``starts`` are the fields' ``w_start``."""
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < fields[i].w_end:
        return fields[i]
    return None
