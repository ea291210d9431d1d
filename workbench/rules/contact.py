"""Embedded contact details (2022/8(6)): URLs, e-mail, phone numbers, WeChat, QQ, Telegram IDs.

Found through the same evasions as lexicon terms: full-width and look-alike
characters, separators and invisible characters between digits, digits written
as 一二三 / 壹贰叁 / ①②③ / 幺两洞拐, and the homophone and letter spellings of
the cue words (薇信, vx, 扣扣, 纸飞机).  Decoded QR-code text goes through
:func:`contact_hits` too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import NamedTuple

from workbench.models.account import ACCOUNT_INFO_LABELS
from workbench.rules.hits import Hit, basis_for
from workbench.rules.lexicons import Lexicons
from workbench.rules.matcher import TermMatch, TermMatcher
from workbench.rules.normalise import Folded, contact_view, digit_view, fold
from workbench.rules.tables import tables

CATEGORY = "embedded_contact"
TLDS = (
    "com|cn|net|org|top|xyz|io|me|cc|vip|info|co|tv|app|site|shop|club|link|ly|gl|to|"
    "hk|tw|us|uk|de|jp|kr|ru|biz|live|pro|online|store|tech|fun|ink|wang|work"
)
# A dot, also written out.  A bare "dot" (letters a label can hold) separates labels only
# right before the top-level domain (baidudotcom): anywhere it could also be part of a
# label, 20,000 of them in a row made 2^20,000 ways to read the text.  Labels are at
# most 63 characters and a host at most MAX_LABELS labels (DNS allows no longer label;
# no one types a longer host from a bio), so trying one place costs a bounded time.
MAX_LABELS = 8
# After www nothing is ambiguous: any dot, bare "dot" too, then one run of URL characters.
ANY_DOT = r"(?:\s*(?:\.|点|dot|\(dot\)|\[dot\])\s*)"
LABEL = r"[a-z0-9][a-z0-9\-]{0,62}"
END_OF_HOST = r"(?:" + TLDS + r")(?![a-z0-9])"
DOT = r"(?:\s*(?:\.|点|\(dot\)|\[dot\])\s*|\s+dot\s*|dot\s+|dot(?=" + END_OF_HOST + r"))"
URL = re.compile(
    r"(?:https?\s*:\s*//|www" + ANY_DOT + r")[a-z0-9\-._~%/?#=&+:]+"
    r"|(?<![a-z0-9@.\-])(?:"
    + LABEL
    + DOT
    + r"){1,"
    + str(MAX_LABELS)
    + r"}"
    + END_OF_HOST
    + r"(?:/[a-z0-9\-._~%/?#=&+]*)?"
)
EMAIL = re.compile(
    r"(?<![a-z0-9._%+\-])[a-z0-9][a-z0-9._%+\-]{0,63}\s*(?:@|\(at\)|\[at\]|艾特|#)\s*"
    + LABEL
    + r"(?:"
    + DOT
    + r"[a-z0-9\-]{1,63}){0,"
    + str(MAX_LABELS - 1)
    + r"}"
    + DOT
    + END_OF_HOST
)
# Only texts with one of these can hold a URL or an e-mail address, or a landline number.
MAYBE_ADDRESS = re.compile(
    r"[.@#:/。｡．·・＠＃：／点]|dot|\(at\)|\[at\]|艾特|[0０][1-9１-９][0-9０-９]{1,2}[\s\-－)）]",
    re.IGNORECASE,
)
# The characters one of them can start with: most texts have none, and searching for a
# set of characters is five times faster than for the alternatives (each tried at each place).
ADDRESS_START = re.compile(r"[.@#:/。｡．·・＠＃：／点dD(\[艾0０]")
# Mobile numbers and 400/800 service numbers, in the digit view; ten digits in a row are
# in each (ten_digits), and a text without them is passed over without trying the number
# at each place.
PHONE = re.compile(r"(?<![0-9])(?:1[3-9][0-9]{9}|[48]00[0-9]{7})(?![0-9])")
LANDLINE = re.compile(
    r"(?<![0-9])(?:\(0[1-9][0-9]{1,2}\)\s*|0[1-9][0-9]{1,2}[\s\-])[2-9][0-9]{6,7}(?![0-9])"
)
ID_AFTER_CUE = {
    "wechat": re.compile(r"(?:号码|号|账号|id)?([a-z][a-z0-9]{5,19}|[0-9]{6,20})"),
    "qq": re.compile(r"(?:号码|号|群|账号)?([1-9][0-9]{4,11})"),
    "telegram": re.compile(r"(?:号|账号|id)?([a-z][a-z0-9]{4,31})"),
    "other": re.compile(r"(?:号码|号|账号|id)?([a-z0-9]{5,30})"),
}
RULES = {
    "url": ("contact_url", "high", 0.95, "含网址 / contains a URL"),
    "email": ("contact_email", "high", 0.95, "含电子邮箱 / contains an e-mail address"),
    "phone": ("contact_phone", "high", 0.9, "含电话号码 / contains a phone number"),
    "wechat": ("contact_wechat", "high", 0.9, "含微信号 / contains a WeChat ID"),
    "qq": ("contact_qq", "high", 0.9, "含QQ号 / contains a QQ number"),
    "telegram": ("contact_telegram", "high", 0.9, "含Telegram账号 / contains a Telegram ID"),
    "other": ("contact_other_id", "medium", 0.8, "含其他平台账号 / contains another platform's ID"),
}


@cache
def ten_digits() -> re.Pattern:
    """Ten digits in a row in the word view, in any digit style: what the digit view of a
    text needs to hold a phone number."""
    styles = "".join(sorted(re.escape(chr(c)) for c in tables().digits))
    return re.compile(f"[0-9{styles}]{{10}}")


class ContactFind(NamedTuple):
    kind: str
    start: int  # original offsets
    end: int
    detail: str
    more: int = 0  # the same find in the same context at later places, counted not listed


class ContactScanner:
    """Finds contact details in a text; cue words come from the ``contact_cues`` list."""

    def __init__(self, lexicons: Lexicons):
        self._cues = TermMatcher(lexicons, ["contact_cues"])
        entries = lexicons.get("contact_cues")
        self._kind = [e.attrs.get("kind", "other") for e in entries]
        # Cue words that are also ordinary words (飞机, 企鹅) need a marked ID after them.
        self._ambiguous = [e.attrs.get("ambiguous") == "1" for e in entries]

    def scan(self, original: str, folded: Folded | None = None, cues=None) -> list[ContactFind]:
        """Contact details in ``original``.

        ``folded`` is its :func:`fold` and ``cues`` the term matches of the
        ``contact_cues`` list in it, when the caller already has them.
        """
        if not original:
            return []
        folded = folded if folded is not None else fold(original)
        finds: list[ContactFind] = []
        if ADDRESS_START.search(original) is not None and MAYBE_ADDRESS.search(original):
            self._addresses(original, finds)
        word = folded.text
        if cues is None:
            cues = self._cues.find(word, folded)
        may_phone = ten_digits().search(word) is not None
        digits = digit_view(word) if may_phone or cues else word  # read only by those
        for m in PHONE.finditer(digits) if may_phone else ():
            s, e = folded.span(m.start(), m.end())
            finds.append(ContactFind("phone", s, e, m.group()))
        for cue in cues:
            letter_before = cue.start > 0 and "a" <= word[cue.start - 1] <= "z"
            if letter_before and cue.term.isascii() and cue.technique != "standin":
                continue
            refs = [i for name, i in cue.refs if name == "contact_cues"]
            if not refs:
                continue
            kind = self._kind[refs[0]]
            found = ID_AFTER_CUE[kind].match(digits, cue.end)
            if found is None:
                continue
            if not _id_is_plausible(folded, cue, found, self._ambiguous[refs[0]]):
                continue
            s, e = folded.span(cue.start, found.end())
            if cue.grow:
                s, e = folded.grow(s, e, cue.grow & 1)
            finds.append(ContactFind(kind, s, e, found.group(1), cue.more))
        return _outermost(finds)

    def across_fields(self, texts: list[tuple[str, str]]) -> list[tuple[ContactFind, list]]:
        """Contact details written across fields (a cue in the name, the ID in the bio and
        the signature): the fields joined without a break, the finds that cross from one
        field into the next, each with ``(field index, start, end)`` of its parts.

        Only :data:`REACH` characters either side of a break are read (no cue and ID is
        longer), so a long field costs no more than a short one."""
        out = []
        for chain in _chains(texts):
            offsets = []  # where each piece starts in the joined text
            at = 0
            for _, _, piece in chain:
                offsets.append(at)
                at += len(piece)
            for find in self.scan("".join(piece for *_, piece in chain)):
                first = bisect_right(offsets, find.start) - 1
                last = bisect_right(offsets, find.end - 1) - 1
                if chain[first][0] == chain[last][0]:
                    continue  # inside one field: the field's own scan reports it
                parts = []
                for i in range(first, last + 1):
                    k, base, piece = chain[i]
                    s = max(find.start, offsets[i]) - offsets[i]
                    e = min(find.end, offsets[i] + len(piece)) - offsets[i]
                    if e > s:
                        parts.append((k, base + s, base + e))
                out.append((find, parts))
        return out

    @staticmethod
    def _addresses(original: str, finds: list[ContactFind]) -> None:
        """URLs, e-mail addresses and landline numbers (need punctuation kept)."""
        view = contact_view(original)
        starts: list[int] = []  # e-mail addresses, in order of start (finditer's order)
        reach: list[int] = []  # the furthest end of an e-mail address so far
        for m in EMAIL.finditer(view.text):
            s, e = view.span(m.start(), m.end())
            starts.append(s)
            reach.append(max(e, reach[-1]) if reach else e)
            finds.append(ContactFind("email", s, e, m.group()))
        for m in URL.finditer(view.text):
            s, e = view.span(m.start(), m.end())
            i = bisect_right(starts, s)
            if not (i and reach[i - 1] >= e):  # not inside an e-mail address
                finds.append(ContactFind("url", s, e, m.group()))
        for m in LANDLINE.finditer(view.text):
            s, e = view.span(m.start(), m.end())
            finds.append(ContactFind("phone", s, e, m.group()))


REACH = 64  # characters read either side of a break between fields


def _chains(texts: list[tuple[str, str]]) -> list[list[tuple[int, int, str]]]:
    """Runs of ``(field index, offset in the field, piece)`` read as one text: the end of
    one field joined to the start of the next, a short field whole, a long one cut."""
    chains: list[list[tuple[int, int, str]]] = []
    chain: list[tuple[int, int, str]] = []
    for k, (_, text) in enumerate(texts):
        if k and len(text) <= 2 * REACH:
            chain.append((k, 0, text))
            continue
        if k:
            chain.append((k, 0, text[:REACH]))
            chains.append(chain)
        start = max(0, len(text) - REACH)
        chain = [(k, start, text[start:])]
    chains.append(chain)
    return [c for c in chains if len(c) > 1]


def _id_is_plausible(folded: Folded, cue: TermMatch, m: re.Match, ambiguous: bool) -> bool:
    """An ID is one run in the original (its digits may be spaced out: abc8 1 6 2); after a
    cue word that is also an ordinary word (飞机, 企鹅), a non-numeric ID needs ':', '@' or
    号 before it, and so does any ID after a single-letter cue (v, q) that is not a number
    right after it (Q⑺⑸⓪⑺⑴⑼⑵ is a QQ number; q abc is nothing)."""
    id_start, id_end = folded.span(m.start(1), m.end(1))
    written = folded.original[id_start:id_end]
    if not _one_run(written):
        return False
    if not ambiguous or m.group(1).isdigit() and len(cue.term) > 1:
        return True
    if m.group(1).isdigit() and cue.technique == "exact" and m.start(1) == cue.end:
        cue_start, cue_end = folded.span(cue.start, cue.end)
        before = folded.original[cue_start - 1 : cue_start]
        if cue_end == id_start and not (before.isascii() and before.isalnum()):
            return True  # a number straight after a letter standing alone (Q⑺⑸…)
    if cue.end > cue.start:
        cue_end = folded.span(cue.start, cue.end)[1]
    else:  # read from a symbol alone (✈): what follows the symbol
        cue_end = folded.grow(id_start, id_start, 1)[0] + 1
    between = folded.original[cue_end:id_start]
    return any(c in between for c in ":：@＠号")


def _one_run(written: str) -> bool:
    """Spaces in an ID only between its digits (abc8 1 6 2, not abc def)."""
    if not any(c.isspace() for c in written):
        return True
    digits = tables().digits
    kept = [c for c in written if not c.isspace()]
    for i, c in enumerate(written):
        if c.isspace():
            before = written[:i].rstrip()[-1:]
            after = written[i:].lstrip()[:1]
            if not (_digit_like(before, digits) and _digit_like(after, digits)):
                return False
    return bool(kept)


def _digit_like(ch: str, digits) -> bool:
    return bool(ch) and (ch.isdigit() or ord(ch) in digits)


def _outermost(finds: list[ContactFind]) -> list[ContactFind]:
    """Drop finds lying inside another find (a phone number inside a WeChat ID hit).

    In order of start every kept find starts at or before the next one, so one
    of them covers it exactly when the furthest kept end reaches its end.
    """
    if len(finds) < 2:
        return finds
    finds.sort(key=lambda f: (f.start, -f.end))
    out: list[ContactFind] = []
    reach = -1
    for f in finds:
        if reach >= f.end:
            continue
        out.append(f)
        reach = max(reach, f.end)
    return out


# What a cue-and-ID find is read as: 『薇❤ abc12345』读作『微信号 abc12345』.
READ_AS = {"wechat": "微信号", "qq": "QQ号", "telegram": "Telegram账号", "other": "账号"}


def explain(find: ContactFind, matched: str) -> str:
    """The rule's words, the contact as written and, when written otherwise, what it reads as."""
    zh, en = RULES[find.kind][3].split(" / ")
    prefix = READ_AS.get(find.kind)
    read = f"{prefix} {find.detail}" if prefix else find.detail
    if "".join(matched.split()) == "".join(read.split()):
        return f"{zh}：『{matched}』 / {en}: '{matched}'"
    return f"{zh}：『{matched}』读作『{read}』 / {en}: '{matched}' read as '{read}'"


def to_hit(find: ContactFind, field: str, original: str) -> Hit:
    rule, severity, score, _ = RULES[find.kind]
    matched = original[find.start : find.end]
    details: dict[str, object] = {"value": find.detail}
    if find.more:
        details["repeats"] = find.more
    return Hit(
        category=CATEGORY,
        rule=rule,
        field=field,
        start=find.start,
        end=find.end,
        matched=matched,
        basis=basis_for(CATEGORY),
        severity=severity,
        score=score,
        explanation=explain(find, matched),
        details=details,
    )


def across_fields_hit(find: ContactFind, parts: list, texts: list[tuple[str, str]]) -> Hit:
    """One hit for a contact written across fields: on the first part's span, the other
    parts in ``details["parts"]``, the explanation naming every part and what they read as."""
    rule, severity, score, explanation = RULES[find.kind]
    zh, en = explanation.split(" / ")
    pieces = [(texts[k][0], s, e, texts[k][1][s:e]) for k, s, e in parts]
    labels = "、".join(ACCOUNT_INFO_LABELS.get(f, f) for f, *_ in pieces)
    prefix = READ_AS.get(find.kind)
    read = f"{prefix} {find.detail}" if prefix else find.detail
    written_zh = "＋".join(f"『{m}』" for *_, m in pieces)
    written_en = " + ".join(f"'{m}'" for *_, m in pieces)
    field, start, end, matched = pieces[0]
    return Hit(
        category=CATEGORY,
        rule=rule,
        field=field,
        start=start,
        end=end,
        matched=matched,
        basis=basis_for(CATEGORY),
        severity=severity,
        score=score,
        explanation=f"{zh}（分写在{labels}中）：{written_zh}读作『{read}』 / "
        f"{en} (written across {', '.join(f for f, *_ in pieces)}): {written_en} "
        f"read as '{read}'",
        details={
            "value": find.detail,
            "parts": [{"field": f, "start": s, "end": e, "matched": m} for f, s, e, m in pieces],
        },
    )


@cache
def default_scanner() -> ContactScanner:
    """A scanner over the shipped lexicons (built once per process)."""
    return ContactScanner(Lexicons.load())


def contact_hits(text: str, field: str, scanner: ContactScanner | None = None) -> list[Hit]:
    """``embedded_contact`` hits in ``text`` (e.g. text decoded from a QR code), spans in ``text``."""
    scanner = scanner or default_scanner()
    return [to_hit(f, field, text) for f in scanner.scan(text)]
