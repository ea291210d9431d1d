"""Screening one account's information: every text rule, closed names, images.

``Screener(lexicons).screen(AccountInput(...))`` returns the hits with spans in
the original text of each field.  The closed-name index and the image
screener are optional collaborators used when given.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, fields, replace
from functools import cache
from operator import itemgetter
from pathlib import Path

from workbench.models.account import (
    ACCOUNT_INFO_COLUMNS,
    ACCOUNT_INFO_LIMITS,
    info_length_problem,
)
from workbench.rules.closed_names import closed_similarity_hits
from workbench.rules.contact import ContactScanner, across_fields_hit, contact_hits, to_hit
from workbench.rules.explain import make_hit
from workbench.rules.hits import MAX_HITS_PER_RULE, Hit, basis_for, with_omitted
from workbench.rules.lexicons import Lexicons
from workbench.rules.matcher import TermMatcher
from workbench.rules.normalise import fold
from workbench.rules.tables import BOUNDARY, tables
from workbench.rules.text_rules import MATCHED_LISTS, AccountFacts, FieldText, TextRules

TEXT_FIELDS = ("name", "bio", "signature", "certification")
IMAGE_FIELDS = ("avatar", "cover")


class AccountInputError(ValueError):
    """An account record whose fields have the wrong type."""


@dataclass
class AccountInput:
    """One account as ``workbench screen`` reads it; missing fields are empty."""

    id: str | int | None = None
    kind: str = "individual"
    name: str = ""
    bio: str = ""
    signature: str = ""
    certification: str = ""
    avatar: str = ""
    cover: str = ""
    verified_profession: str = ""
    verified_org_name: str = ""
    qualifications: list[str] = field(default_factory=list)
    ip_location: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_json(cls, data) -> AccountInput:
        """From a decoded JSON object; unknown keys go to ``extra``.

        Account information longer than the platforms allow
        (:data:`~workbench.models.account.ACCOUNT_INFO_LIMITS`) is refused.
        """
        if not isinstance(data, dict):
            raise AccountInputError("每行应为一个 JSON 对象 / each line must be a JSON object")
        known = _INPUT_FIELDS
        values: dict = {}
        for key, value in data.items():
            if value is None or key not in known:
                continue
            if key == "id":
                if not isinstance(value, str | int) or isinstance(value, bool):
                    raise AccountInputError("id 应为字符串或整数 / id must be a string or integer")
            elif key == "qualifications":
                if not isinstance(value, list) or not all(isinstance(q, str) for q in value):
                    raise AccountInputError(
                        "qualifications 应为字符串列表 / qualifications must be a list of strings"
                    )
            elif not isinstance(value, str):
                raise AccountInputError(f"{key} 应为字符串 / {key} must be a string")
            elif (problem := info_length_problem(key, value)) is not None:
                raise AccountInputError(" / ".join(problem))
            values[key] = value
        extra = {k: v for k, v in data.items() if k not in known} if len(data) > len(values) else {}
        return cls(**values, extra=extra)

    @classmethod
    def of_account(cls, account, qualifications=(), **info) -> AccountInput:
        """A stored account (an ``Account`` row) with its qualification fields.

        ``info`` replaces information columns (``name``, ``avatar_path``,
        ``cover_path``, ``bio``, ``signature``, ``certification``), as a change
        request would leave them.
        """
        own = {c: getattr(account, c) for c in ACCOUNT_INFO_COLUMNS} | info
        return cls(
            id=account.id,
            kind=account.kind,
            name=own["name"] or "",
            bio=own["bio"] or "",
            signature=own["signature"] or "",
            certification=own["certification"] or "",
            avatar=own["avatar_path"] or "",
            cover=own["cover_path"] or "",
            verified_profession=account.verified_profession or "",
            verified_org_name=account.verified_org_name or "",
            qualifications=list(qualifications),
            ip_location=account.ip_location or "",
        )


NOT_SCREENED_EXTRAS = frozenset(
    {
        "contact",
        "id_number",
        "credit_code",
        "subject_id",
        "subject_kind",
        "verification",
        "content_category",
        "phone",
        "reporter_contact",
    }
)
_INPUT_FIELDS = frozenset(f.name for f in fields(AccountInput)) - {"extra"}


@dataclass
class ScreenResult:
    hits: list[Hit]
    warnings: list[str]


class Screener:
    """Screens accounts against ``lexicons``; ``closed_index`` and ``image_screener`` are optional."""

    def __init__(self, lexicons: Lexicons | None = None, closed_index=None, image_screener=None):
        self.lexicons = lexicons if lexicons is not None else Lexicons.load()
        self.closed_index = closed_index
        self.image_screener = image_screener
        self.matcher = TermMatcher(self.lexicons, MATCHED_LISTS)
        self.rules = TextRules(self.lexicons)
        self.contacts = ContactScanner(self.lexicons)
        # The refs of terms that are contact cues (a term may be in other lists too).
        self._cue_refs = frozenset(
            refs for refs in self.matcher.refs if any(n == "contact_cues" for n, _ in refs)
        )
        self._plain_facts: dict[str, AccountFacts] = {}
        self._operated = any(
            "operator" in e.attrs for name in MATCHED_LISTS for e in self.lexicons.get(name)
        )

    def texts(self, account: AccountInput) -> list[tuple[str, str]]:
        """The text fields screened, as (field, text): the four own fields, then string extras.

        Disclosures and identity data (a public account's contact, which 2022/13
        requires, ID numbers, codes) are data, not account information, and are
        not screened as text.
        """
        a = account  # the TEXT_FIELDS, in order
        out = []
        if a.name:
            out.append(("name", a.name))
        if a.bio:
            out.append(("bio", a.bio))
        if a.signature:
            out.append(("signature", a.signature))
        if a.certification:
            out.append(("certification", a.certification))
        for key, value in account.extra.items() if account.extra else ():
            if key in NOT_SCREENED_EXTRAS:
                continue
            if isinstance(value, str) and value:
                out.append((f"extra.{key}"[:32], value))
        return out

    def screen(self, account: AccountInput) -> ScreenResult:
        hits: list[Hit] = []
        warnings: list[str] = []
        texts = self.texts(account)
        if texts:
            hits += self._text_hits(account, texts)
        hits += self._org_mismatch(account)
        if self.closed_index is not None and account.name:
            hits += self._closed(account.name)
        if self.image_screener is not None:
            self._images(account, hits, warnings)
        if len(hits) > 1:
            hits = _capped(_dedupe(hits))
        elif hits and (more := hits[0].details.get("repeats", 0)):  # one hit: nothing to collapse
            hits = [with_omitted(hits[0], more)]
        return ScreenResult(hits, warnings)

    def _text_hits(self, account: AccountInput, texts) -> list[Hit]:
        # A boundary character inside a field would split it: it becomes a space (same length).
        original = BOUNDARY.join([t for _, t in texts])
        if original.count(BOUNDARY) >= len(texts):
            original = BOUNDARY.join([t.replace(BOUNDARY, " ") for _, t in texts])
        folded = fold(original)
        word = folded.text
        spans: list[FieldText] = []
        o = w = 0
        for (name, text), piece in zip(texts, word.split(BOUNDARY), strict=True):
            spans.append(FieldText(name, w, w + len(piece), o))
            o += len(text) + 1
            w += len(piece) + 1
        text_of = dict(texts)
        hits: list[Hit] = []
        matches = self.matcher.find(word, folded)
        if matches:
            facts = self._facts(account)
            # A repeated term gives thousands of identical findings: collapse and cap
            # them as plain tuples, and make Hit objects only of those listed.  They are
            # compared in the word view, which keeps the order of original offsets.
            found = []
            for f, m, category, rule, *said, w_end in self.rules.hits(word, spans, matches, facts):
                end = w_end or m.end
                found.append((f.name, category, m.start, m.start - end, rule, end, (f, m, said)))
            listed, omitted = _cap_items(_collapse(found), _match_repeats)
            for i, (name, category, _, _, rule, end, (f, m, said)) in enumerate(listed):
                severity, canonical, zh, en = said
                s, e = folded.span(m.start, end)
                if m.grow:
                    s, e = folded.grow(s, e, m.grow)
                s, e = s - f.o_start, e - f.o_start
                technique = m.technique
                ms, me = folded.span(m.start, m.end)
                if technique == "exact" and original[ms:me] != m.term:
                    technique = "normalised"
                hit = make_hit(
                    category,
                    rule,
                    severity,
                    canonical,
                    zh,
                    en,
                    name,
                    s,
                    e,
                    text_of[name][s:e],
                    technique,
                    read_as=m.term if end == m.end else canonical,
                )
                hits.append(with_omitted(hit, omitted[i]) if i in omitted else hit)
        cues = [m for m in matches if m.refs in self._cue_refs] if matches else []
        finds = self.contacts.scan(original, folded, cues)
        starts = [f.o_start for f in spans] if finds else []
        for find in finds:
            f = _field_at(spans, texts, find.start, starts)
            if f is None:
                continue
            flen = len(text_of[f.name])
            s, e = find.start - f.o_start, min(find.end - f.o_start, flen)
            hits.append(to_hit(_shift(find, s, e), f.name, text_of[f.name]))
        own = texts if not account.extra else [t for t in texts if t[0] in TEXT_FIELDS]
        if len(own) > 1 and _may_cross(word, spans[: len(own)], cues):  # own fields first
            for find, parts in self.contacts.across_fields(own):
                hits.append(across_fields_hit(find, parts, own))
        return hits

    def _facts(self, account: AccountInput) -> AccountFacts:
        kind = account.kind or "individual"
        if account.verified_org_name or account.verified_profession or account.qualifications:
            return AccountFacts(
                kind=kind,
                verified_org=fold(account.verified_org_name or "").text,
                verified_profession=fold(account.verified_profession or "").text,
                qualifications=frozenset(account.qualifications or ()),
            )
        # Most accounts have nothing verified: their facts are made once for each kind.
        facts = self._plain_facts.get(kind)
        if facts is None:
            facts = self._plain_facts[kind] = AccountFacts(kind, "", "", frozenset())
        return facts

    def _org_mismatch(self, account: AccountInput) -> list[Hit]:
        if account.kind != "organisation" or not account.verified_org_name or not account.name:
            return []
        name = fold(account.name).text
        verified = fold(account.verified_org_name).text
        if not name or not verified or self.rules.orgs.owns(verified, (name,)):
            return []
        # A brand whose operator this organisation is (a name longer than the platform's
        # limit is refused at input; here it is not searched twice).
        operated = self._operated and len(name) <= ACCOUNT_INFO_LIMITS["name"]
        for m in self.matcher.find(name) if operated else ():
            for list_name, index in m.refs:
                entry = self.lexicons.get(list_name)[index]
                if entry.attrs.get("operator") and self.rules.orgs.owns(verified, (), entry):
                    return []
        category = "org_mismatch"
        return [
            Hit(
                category=category,
                rule="org_name_mismatch",
                field="name",
                start=0,
                end=len(account.name),
                matched=account.name,
                basis=basis_for(category),
                severity="medium",
                score=0.8,
                explanation=f"机构账号名称与登记名称“{account.verified_org_name}”不符 / "
                f"organisation account name does not match its registered name",
                details={"verified_org_name": account.verified_org_name},
            )
        ]

    def _closed(self, name: str) -> list[Hit]:
        return closed_similarity_hits(self.closed_index, name, "name")

    def _images(self, account: AccountInput, hits: list[Hit], warnings: list[str]) -> None:
        for field_name in IMAGE_FIELDS:
            path = getattr(account, field_name)
            if not path:
                continue
            try:
                result = self.image_screener.screen(Path(path), field_name)
            except Exception as exc:  # an image must never stop the screening
                warnings.append(f"{field_name}: 图片无法检查 / image could not be checked: {exc}")
                continue
            hits += list(getattr(result, "hits", []))
            warnings += list(getattr(result, "warnings", []))
            for text in getattr(result, "decoded_texts", []) or []:
                hits += [_on_image(h, text) for h in contact_hits(text, field_name, self.contacts)]


def _on_image(hit: Hit, text: str) -> Hit:
    """A hit on text decoded from an image: no span in the image field, the text's span in details."""
    details = {**hit.details, "decoded_text": text, "text_span": [hit.start, hit.end]}
    return replace(
        hit,
        start=0,
        end=0,
        explanation=f"{hit.explanation}（图中二维码 / in a code in the image）",
        details=details,
    )


def _may_cross(word: str, spans: list[FieldText], cues) -> bool:
    """A contact may run from one field into the next: letters or digits (in any digit
    style) either side of a break, or a contact cue ending right before one."""
    alnum = _alnum_like()
    for i in range(1, len(spans)):
        f, g = spans[i - 1], spans[i]
        if f.w_end == f.w_start or g.w_end == g.w_start:
            continue
        if word[f.w_end - 1] in alnum and word[g.w_start] in alnum:
            return True
        if cues and any(f.w_end - 3 <= c.end <= f.w_end for c in cues):
            return True
    return False


@cache
def _alnum_like() -> frozenset[str]:
    """Characters an ID or a number is written with, in the word view."""
    ascii_alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
    return frozenset(ascii_alnum) | {chr(c) for c in tables().digits}


def _field_at(spans: list[FieldText], texts, pos: int, starts: list[int]) -> FieldText | None:
    """The field holding original position ``pos``; ``starts`` are the fields' ``o_start``."""
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < spans[i].o_start + len(texts[i][1]):
        return spans[i]
    return None


def _shift(find, start, end):
    return find._replace(start=start, end=end)


# Hits, and the findings of the text rules before they are hits, are collapsed and
# capped as tuples laid out (field, category, start, start - end, rule, end, item):
# sorted on the first four, they come by field, category, start, longest first.
_ORDER = itemgetter(0, 1, 2, 3)


def _laid_out(hits: list[Hit]) -> list[tuple]:
    return [(h.field, h.category, h.start, h.start - h.end, h.rule, h.end, h) for h in hits]


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per place: identical hits, and same-category hits inside another, collapse."""
    return [x[6] for x in _collapse(_laid_out(hits))]


def _collapse(items: list[tuple]) -> list[tuple]:
    """Laid-out ``items`` without repeats, ordered by field, category, start, longest first.

    An item is dropped when one of the same field, category, rule and span was
    kept, or a kept non-empty item of the same field and category covers it.
    Kept items of a field and category come in order of start, so they all
    start at or before the item: one covers it exactly when the furthest end
    among them reaches its end.
    """
    items = sorted(items, key=_ORDER)
    out = []
    seen = set()
    group = None
    reach = -1
    for x in items:
        k = x[:6]
        if k in seen:
            continue
        if k[:2] != group:
            group, reach = k[:2], -1
        end = k[5]
        if reach >= end:
            continue
        seen.add(k)
        out.append(x)
        if k[3] < 0 and end > reach:  # a non-empty item
            reach = end
    return out


def _cap_items(items: list[tuple], repeats) -> tuple[list[tuple], dict[int, int]]:
    """The first :data:`MAX_HITS_PER_RULE` laid-out items of each field and rule, and for
    the last listed item of each group that had more, how many more (by its position).
    ``repeats(item)`` is how many more places the item stands for (matches in the same
    context that the matcher counted instead of listing)."""
    listed: list = []
    counts: dict[tuple, int] = {}
    last: dict[tuple, int] = {}
    more: dict[tuple, int] = {}
    for x in items:
        group = (x[0], x[4])
        n = counts.get(group, 0)
        if n < MAX_HITS_PER_RULE:
            counts[group] = n + 1
            last[group] = len(listed)
            listed.append(x)
            more[group] = more.get(group, 0) + repeats(x)
        else:
            more[group] += 1 + repeats(x)
    return listed, {last[g]: n for g, n in more.items() if n}


def _hit_repeats(x: tuple) -> int:
    return x[6].details.get("repeats", 0)


def _match_repeats(x: tuple) -> int:
    return x[6][1].more


def _capped(hits: list[Hit]) -> list[Hit]:
    """At most :data:`MAX_HITS_PER_RULE` hits of a rule in a field (``hits`` deduplicated)."""
    listed, omitted = _cap_items(_laid_out(hits), _hit_repeats)
    return [with_omitted(x[6], omitted[i]) if i in omitted else x[6] for i, x in enumerate(listed)]
