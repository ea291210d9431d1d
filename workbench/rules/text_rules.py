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

from dataclasses import dataclass
from typing import NamedTuple

from workbench.rules.hits import Hit, basis_for
from workbench.rules.lexicons import Entry, Lexicons
from workbench.rules.matcher import TermMatch
from workbench.rules.normalise import fold

PRESENTING_FIELDS = frozenset({"name", "certification"})
OWN_FIELDS = frozenset({"name", "bio", "signature", "certification"})
SUFFIX_GAP = 4  # characters allowed between a place/state and an organ ending
NEGATION_WINDOW = 6
NEGATION_GAP = 2  # characters allowed between a negation and what it negates (不是最好)
INTENSIFIERS = ("非常", "无比", "不断", "不仅", "无论", "不少", "无限")
TECHNIQUE_SCORE = {
    "exact": 0.95,
    "normalised": 0.9,
    "lookalike": 0.85,
    "pinyin": 0.85,
    "split": 0.8,
    "homophone": 0.75,
}
TECHNIQUE_LABEL = {
    "exact": "原文",
    "normalised": "变形写法",
    "lookalike": "形近字",
    "pinyin": "拼音",
    "split": "拆字",
    "homophone": "谐音",
}
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


@dataclass
class AccountFacts:
    """What the text rules need to know about the account besides its text."""

    kind: str
    verified_org: str  # folded
    verified_profession: str  # folded
    qualifications: frozenset[str]


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

    # -- context helpers -------------------------------------------------
    @staticmethod
    def _after(word: str, f: FieldText, m: TermMatch, n: int = 8) -> str:
        return word[m.end : min(f.w_end, m.end + n)]

    @staticmethod
    def _before(word: str, f: FieldText, m: TermMatch, n: int = 8) -> str:
        return word[max(f.w_start, m.start - n) : m.start]

    def _mentioned(self, word, f, m) -> bool:
        after, before = self._after(word, f, m), self._before(word, f, m)
        return any(after.startswith(c) for c in self.mentions) or any(
            before.endswith(c) for c in self.mentions
        )

    def _presented(self, word, f, m) -> bool:
        after, before = self._after(word, f, m), self._before(word, f, m)
        return any(after.startswith(c) for c in self.cues_after) or any(
            before.endswith(c) for c in self.cues_before
        )

    def _negated(self, word, f, m) -> bool:
        """A negation ends at most NEGATION_GAP characters before the match (不保证, 并非官方)."""
        before = self._before(word, f, m, NEGATION_WINDOW)
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
        names = self.folded_entries[list_name][index]
        return term in facts.verified_org or any(n and n in facts.verified_org for n in names)

    def _entry(self, list_name: str, index: int) -> Entry:
        return self.lex.get(list_name)[index]

    # -- the rules -------------------------------------------------------
    def hits(self, word: str, fields: list[FieldText], matches, facts):
        """Hits of ``matches`` (word-view spans over the concatenated text)."""
        out: list[tuple] = []
        for m in matches:
            f = _field_of(fields, m.start)
            if f is None or m.end > f.w_end:
                continue
            for list_name, index in m.refs:
                for hit in self._rule(list_name, index, word, f, m, facts, matches):
                    out.append((f, m, *hit) if len(hit) == 7 else (f, m, *hit, None))
        return out

    def _rule(self, list_name, index, word, f, m, facts, matches):
        if f.name not in OWN_FIELDS and list_name != "prohibited":
            return  # other fields (addresses, operators) are screened for banned content only
        presenting = f.name in PRESENTING_FIELDS
        entry = self._entry(list_name, index)
        if list_name in BODY_LISTS:
            if self._is_verified_body(facts, list_name, index, m.term):
                return
            if self._preceded_by_state(word, f, m, matches):
                return
            if presenting and not self._mentioned(word, f, m) or self._presented(word, f, m):
                category = BODY_CATEGORY[list_name]
                yield (
                    category,
                    f"{list_name}_name",
                    "high",
                    entry.name,
                    "以机构名称自居",
                    "presents itself as",
                )
        elif list_name in ("states", "places"):
            yield from self._state_or_place(list_name, index, entry, word, f, m, facts, matches)
        elif list_name == "org_suffixes" and entry.attrs.get("kind") == "state" and presenting:
            if not facts.verified_org:
                yield (
                    "impersonate_state",
                    "foreign_mission_name",
                    "high",
                    entry.name,
                    "以外国使领馆自居",
                    "presents itself as a foreign mission",
                )
        elif list_name == "news_words" and presenting:
            if (
                "news" not in facts.qualifications
                and not self._is_verified_body(facts, list_name, index, m.term)
                and not any(
                    o.start <= m.start
                    and m.end <= o.end
                    and o is not m
                    and any(r[0] == "news_media" for r in o.refs)
                    for o in matches
                )
            ):
                yield (
                    "impersonate_news_media",
                    "news_word_name",
                    "medium",
                    entry.name,
                    "名称含新闻属性词而无新闻资质",
                    "news word in the name without a news licence",
                )
        elif list_name == "strict_words":
            if m.term not in facts.verified_org:
                yield (
                    "strict_verification",
                    "strict_word",
                    "medium",
                    entry.name,
                    "含需严格核验的字样",
                    "needs strict verification",
                )
        elif list_name == "claims":
            if entry.attrs.get("kind") == "official" and facts.verified_org:
                return
            if not self._negated(word, f, m):
                yield (
                    "misleading_claim",
                    f"claim_{entry.attrs.get('kind', 'other')}",
                    "medium",
                    entry.name,
                    "夸大或误导性表述",
                    "exaggerated or misleading claim",
                )
        elif list_name == "prohibited":
            if not self._negated(word, f, m):
                yield (
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
                yield (
                    "qualification_required",
                    f"qualification_{field}",
                    "medium",
                    entry.name,
                    f"声称从事{field}领域而无资质",
                    f"claims the {field} field without a qualification on file",
                )
        elif list_name == "professions" and facts.verified_profession and f.name in OWN_FIELDS:
            names = self.folded_entries[list_name][index]
            if not any(
                n in facts.verified_profession or facts.verified_profession in n for n in names
            ) and not self._negated(word, f, m):
                yield (
                    "profession_mismatch",
                    "profession_claim",
                    "medium",
                    entry.name,
                    "声称的职业与认证职业不符",
                    "claimed profession differs from the verified one",
                )

    def _preceded_by_state(self, word, f, m, matches) -> bool:
        """An organ name right after a country's name is that country's organ (美国国防部)."""
        return any(
            o.end <= m.start <= o.end + 1
            and o.start >= f.w_start
            and any(r[0] == "states" for r in o.refs)
            for o in matches
        )

    def _state_or_place(self, list_name, index, entry, word, f, m, facts, matches):
        if f.name not in PRESENTING_FIELDS:
            return
        suffix, suffix_end = self._organ_suffix_after(word, f, m, matches)
        if self._is_verified_body(facts, list_name, index, m.term):
            return
        rest = word[f.w_start : m.start] + word[m.end : f.w_end]
        whole = not rest or any(rest == c for c in self.cues_after)
        if list_name == "states":
            if (
                suffix is not None
                or whole
                or (self._presented(word, f, m) and not self._mentioned(word, f, m))
            ):
                yield (
                    "impersonate_state",
                    "state_name",
                    "high",
                    entry.name,
                    "以国家或地区机构自居",
                    "presents itself as a state body",
                    suffix_end,
                )
            return
        if suffix is not None:
            if suffix.attrs.get("kind") == "organ":
                yield (
                    "impersonate_organisation",
                    "org_shaped_name",
                    "high",
                    entry.name + suffix.name,
                    "名称形如国家机关",
                    "name shaped like a state organ",
                    suffix_end,
                )
        elif whole or any(word[m.end : f.w_end].startswith(c) for c in self.cues_after):
            yield (
                "misuse_place_name",
                "place_name",
                "medium",
                entry.name,
                "以地名或行政区划自居",
                "presents itself as a place or region",
            )

    def _organ_suffix_after(self, word, f, m, matches) -> tuple[Entry | None, int | None]:
        """The longest organ or mission ending shortly after ``m`` in the same field, and its end."""
        best = (None, None)
        for o in matches:
            if m.end <= o.start <= m.end + SUFFIX_GAP and o.end <= f.w_end:
                for list_name, index in o.refs:
                    if list_name == "org_suffixes" and (best[1] is None or o.end > best[1]):
                        best = (self._entry(list_name, index), o.end)
        return best


def _field_of(fields: list[FieldText], pos: int) -> FieldText | None:
    for f in fields:
        if f.w_start <= pos < f.w_end:
            return f
    return None


def make_hit(
    category,
    rule,
    severity,
    canonical,
    zh,
    en,
    field_name,
    start,
    end,
    matched,
    technique,
    score_scale=1.0,
):
    label = TECHNIQUE_LABEL.get(technique, technique)
    return Hit(
        category=category,
        rule=rule,
        field=field_name,
        start=start,
        end=end,
        matched=matched,
        basis=basis_for(category),
        severity=severity,
        score=round(TECHNIQUE_SCORE.get(technique, 0.8) * score_scale, 3),
        explanation=f"{zh}“{canonical}”（{label}） / {en} '{canonical}' ({technique})",
        details={"term": canonical, "technique": technique},
    )
