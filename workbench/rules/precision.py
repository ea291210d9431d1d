"""Precision by rule: when a listed term found in a text is not what the account is.

Three rules, each about how Chinese words are built, none about particular names:

- **A longer match wins.**  A term inside a longer match naming a body (第一 in
  第一财经, 解放军 in 解放军报, 邮政 in 万国邮政联盟, nanfang in nanfangribao) is
  part of that name: the longer name alone is judged.
- **A term inside a longer ordinary word is that word** (小米粥, 京东方, 记者节,
  新闻学, 教师节, 大麻哈鱼), unless the term ends it (赤脚医生 is still a doctor)
  or the longer word names an organisation, a post or a person (外交部长, 公安部队,
  护士长, 记者站), which is as suspicious as the term.
- **A term followed by a head word is its modifier** (医生剧 is a drama, 长城汽车 a
  car, 美团外卖骑手 a rider), and a field that goes on to a genre word is about the
  term (天安门广场升旗观后感, 支付宝集福攻略): the topic words are
  ``resources/precision/topic_words.txt``.

Substitutions (homophones, look-alikes, split characters, stand-ins) also stay
inside one clause (:func:`~workbench.rules.matcher.crosses_clause`): 开心，随 is
not 开心水.
"""

from __future__ import annotations

from functools import cache

from workbench.resources import resource
from workbench.rules.lexicons import parse_line
from workbench.rules.matcher import real_words
from workbench.rules.normalise import fold

# Lists whose matches are absorbed into a longer body name, and those that absorb.
NAMING_LISTS = frozenset(
    {"organs", "enterprises", "international_organisations", "news_media", "landmarks", "states"}
)
# Strict words stay: 2022/10 asks for strict verification of any name holding one.
# News words have their own test (inside a news medium's name or not).
NEVER_ABSORBED = frozenset({"contact_cues", "prohibited", "strict_words", "news_words"})
# Lists whose terms give way to a genre word later in a name: bodies, not advice.
GENRE_LISTS = frozenset(
    {"organs", "enterprises", "international_organisations", "news_media", "landmarks",
     "states", "news_words"}
)  # fmt: skip
# Lists whose terms give way to the longer ordinary word and to head words.  Not strict
# words (any name holding one needs strict verification, 2022/10), nor claims (第一品牌).
WORD_LISTS = GENRE_LISTS | {"regulated_fields", "professions"}
# Last characters of words naming an organisation, a post or a person: a longer word ending
# in one of them is as suspicious as the term inside it (外交部长, 公安部队, 护士长, 记者站).
SUSPICIOUS_TAILS = frozenset(
    "长部门队局厅处署办院站证团师员官委会所司社台网报组室科家者手人士府军警馆使盟联"
)
BODY_ENDINGS = ("中心", "客服", "热线", "官方", "平台", "官微", "账号", "旗舰店")
LONGEST_WORD = 4  # the real-word list holds words of two to four characters


@cache
def topic_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(head words, genre words), folded, longest first."""
    heads: set[str] = set()
    genres: set[str] = set()
    path = resource("precision/topic_words.txt")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        entry = parse_line(line, f"topic_words.txt:{number}")
        if entry is None:
            continue
        target = genres if entry.attrs.get("kind") == "genre" else heads
        target.update(t for t in (fold(x).text for x in entry.terms) if t)
    return tuple(sorted(heads, key=len, reverse=True)), tuple(sorted(genres, key=len, reverse=True))


def absorbed(matches) -> set[int]:
    """Positions in ``matches`` (sorted by start, longest first) of matches lying inside a
    longer match that names a body.  Linear: the match reaching furthest so far decides."""
    out: set[int] = set()
    best_start, best_end = -1, -1
    for i, m in enumerate(matches):
        naming, kept = _kinds(m.refs)
        if best_end >= m.end and (best_start, best_end) != (m.start, m.end) and not kept:
            out.add(i)
        if naming and m.end > best_end:
            best_start, best_end = m.start, m.end
    return out


_KINDS: dict[tuple, tuple[bool, bool]] = {}


def _kinds(refs: tuple) -> tuple[bool, bool]:
    """(names a body, is never absorbed) for the lists of a match, remembered per term."""
    known = _KINDS.get(refs)
    if known is None:
        names = {r[0] for r in refs}
        known = _KINDS[refs] = (bool(names & NAMING_LISTS), bool(names & NEVER_ABSORBED))
    return known


class WordSense:
    """Is a term found at ``[s, e)`` of a field the account's own word, or part of another?"""

    def __init__(self, terms: frozenset[str]):
        self.terms = terms  # every folded lexicon term: a longer word that is one stays
        self.heads, self.genres = topic_words()
        self._memo: dict[tuple, bool] = {}

    def topic(self, word: str, f_end: int, s: int, e: int, genre: bool) -> bool:
        """The term is inside a longer ordinary word, modifies a head word, or (when
        ``genre``) the field goes on to a genre word."""
        key = (word[max(0, s - LONGEST_WORD) : e + LONGEST_WORD], min(s, LONGEST_WORD), e - s)
        known = self._memo.get(key)
        if known is None:
            if len(self._memo) > 100_000:
                self._memo.clear()
            known = self._memo[key] = self._inside_word(word, f_end, s, e)
        if known:
            return True
        if word[f_end - 1] in SUSPICIOUS_TAILS or word.endswith(BODY_ENDINGS, e, f_end):
            return False  # the field still ends as a body's name does (信用卡中心, 电影官方)
        return word.startswith(self.heads, e, f_end) or genre and self._genre_after(word, f_end, e)

    def _inside_word(self, word: str, f_end: int, s: int, e: int) -> bool:
        words = real_words()
        n = e - s
        for size in range(n + 1, LONGEST_WORD + 1):
            for a in range(max(0, s - (size - n)), s + 1):
                b = a + size
                if b > f_end or b <= e:  # past the field, or the term ends the word
                    continue
                w = word[a:b]
                if w in words and w[-1] not in SUSPICIOUS_TAILS and w not in self.terms:
                    return True
        return False

    def _genre_after(self, word: str, f_end: int, e: int) -> bool:
        rest = word[e:f_end]
        return len(rest) <= 32 and any(g in rest for g in self.genres)
