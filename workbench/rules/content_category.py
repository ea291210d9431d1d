"""Content category (2021/15): is a public account about what it registered?

What the account publishes about is read from its name and bio with the field
vocabularies of ``content_fields.json`` (every field, regulated or ordinary):

* a word counts only in its own sense: not inside a title (《医生》, 「…」),
  and a word naming a field not as the first half of another field's word
  (法律英语 is English, 医疗剧 is drama: the head word decides), while a claim
  such as 降血糖 counts wherever it stands (降血糖食谱 claims health);
* a **regulated** field (news, finance, health, education, law, religion) is
  claimed by one of its words in the name, or in the bio beside a word of giving
  advice (咨询, 解答, 教你 ...) or with a second word of the field: publishing in it
  needs the category whatever else the account does;
* an **ordinary** field (cars, pets, sports, food, travel, games, ...) is
  claimed when the account is plainly about it: at least two weighted mentions
  (a name word counts twice), more than the registered category's own field has,
  and no other field more.  A broad category (生活, 综合 ...) or one the table
  does not know leaves ordinary fields alone.

A hit names the claimed field, the words found with their field (name or bio),
and what the registered category's field had, as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.rules.account_facts import AccountFacts
from workbench.rules.account_policy import ContentField

NAME_WEIGHT = 2
MIN_ORDINARY_SCORE = 2
MAX_READ = 4000  # characters of a field read: what an account is about shows early
_TITLE = re.compile(r"《[^》]*》|「[^」]*」|“[^”]*”|\"[^\"]*\"|【[^】]*】")


@dataclass(frozen=True)
class Mention:
    field: str  # "name" or "bio"
    start: int
    word: str
    topic: str  # the ContentField code


@lru_cache(maxsize=8)
def _vocabulary(
    fields: tuple[ContentField, ...],
) -> tuple[dict[str, list[str]], dict[str, list[str]], frozenset[str]]:
    """The words by their first character (longest first); the topics of each word; and the
    words naming a field (法律, 医疗, 宠物: these can modify another field's word)."""
    topics: dict[str, list[str]] = {}
    for spec in fields:
        for word in spec.claims:
            topics.setdefault(word.casefold(), []).append(spec.code)
    by_first: dict[str, list[str]] = {}
    for word in sorted(topics, key=len, reverse=True):
        by_first.setdefault(word[0], []).append(word)
    naming = frozenset(c for spec in fields for c in spec.categories)
    return by_first, topics, naming


def _alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _words_at(folded: str, by_first: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """The longest word starting at each position (overlapping: 医疗剧 gives 医疗 and 剧);
    a Latin word only as a whole word (AI, not mAIl)."""
    found = []
    for i, ch in enumerate(folded):
        for word in by_first.get(ch, ()):
            end = i + len(word)
            if not folded.startswith(word, i):
                continue
            if word.isascii() and (
                (i and _alnum(folded[i - 1])) or (end < len(folded) and _alnum(folded[end]))
            ):
                continue
            found.append((i, end, word))
            break
    return found


def mentions(text: str, field: str, fields: tuple[ContentField, ...]) -> list[Mention]:
    """The field words of ``text`` used in their own sense, in order."""
    by_first, topics, naming = _vocabulary(fields)
    folded = text[:MAX_READ].casefold()
    titles = [m.span() for m in _TITLE.finditer(folded)]
    found = _words_at(folded, by_first)
    out = []
    for start, end, word in found:
        if any(a <= start < b for a, b in titles):
            continue
        mine = set(topics[word])
        head = [w for s, _, w in found if s == end]
        if word in naming and any(not mine & set(topics[w]) for w in head):
            continue  # a field's name modifying another field's word: 法律英语, 医疗剧
        for topic in topics[word]:
            out.append(Mention(field, start, text[start:end], topic))
    return out


def covered(category: str, spec: ContentField) -> bool:
    """Does the registered ``category`` cover ``spec``'s field?"""
    if category in spec.categories:
        return True
    return any(t in category for t in spec.categories) or any(
        len(t) > 1 and t.casefold() in category for t in spec.claims
    )  # (cached per category by _registered)


@lru_cache(maxsize=4096)
def _registered(category: str, fields: tuple[ContentField, ...]) -> frozenset[str]:
    """The fields the registered ``category`` covers (categories repeat: kept)."""
    return frozenset(spec.code for spec in fields if covered(category, spec))


def _score(found: list[Mention]) -> int:
    name = {m.word for m in found if m.field == "name"}
    bio = {m.word for m in found if m.field == "bio"} - name
    return NAME_WEIGHT * len(name) + len(bio)


def claimed_fields(
    facts: AccountFacts, fields: tuple[ContentField, ...]
) -> list[tuple[ContentField, list[Mention], dict[str, list[Mention]]]]:
    """The fields ``facts`` claims outside its registered category: each with its
    mentions and the mentions of the registered category's own fields."""
    category = (facts.content_category or "").strip().casefold()
    found = mentions(facts.name, "name", fields) + mentions(facts.bio, "bio", fields)
    by_topic: dict[str, list[Mention]] = {}
    for m in found:
        by_topic.setdefault(m.topic, []).append(m)
    registered = _registered(category, fields)
    own = {code: by_topic.get(code, []) for code in registered}
    scores = {code: _score(ms) for code, ms in by_topic.items()}
    comparable = bool(registered) and not (fields and category in fields[0].broad)
    top = max(scores.values(), default=0)
    out = []
    for spec in fields:
        if spec.code in registered or spec.code not in by_topic:
            continue
        ms = by_topic[spec.code]
        if spec.regulated:
            in_name = any(m.field == "name" for m in ms)
            advice = any(word in facts.bio for word in spec.advice)
            if in_name or advice or len({m.word for m in ms}) >= 2:
                out.append((spec, ms, own))
        elif comparable:
            score = scores[spec.code]
            theirs = max((scores.get(code, 0) for code in registered), default=0)
            if score >= MIN_ORDINARY_SCORE and score > theirs and score == top:
                out.append((spec, ms, own))
    return out
