"""Masking personal data for display (2022/16).

ID numbers, phone numbers, e-mail addresses and other contacts never reach a
screen in full: the read classes carry only the masked form.  Revealing the
full value is a separate, audited action.
"""

from __future__ import annotations

import re

from workbench.rules.contact import contact_hits, default_scanner

MASK = "*"
_EMAIL = re.compile(r"^([^@\s]+)@([^@\s]+)$")
_PHONE_CHARS = re.compile(r"^[+\d][\d\s\-()]*$")


def _keep_ends(text: str, head: int, tail: int) -> str:
    """``text`` with every character but the first ``head`` and last ``tail`` masked."""
    if len(text) <= head + tail:
        # Too short to show both ends and still hide something: show only the tail.
        keep = min(tail, max(0, len(text) - 2))
        return MASK * (len(text) - keep) + text[len(text) - keep :]
    return text[:head] + MASK * (len(text) - head - tail) + text[len(text) - tail :]


def mask_name(name: str) -> str:
    """An account's name where another account's hit names it: first and last character
    kept (``好***官``), a name of one or two characters fully starred at the end."""
    name = name.strip()
    if len(name) <= 1:
        return "*"
    return name[0] + "*" * (len(name) - 2) + (name[-1] if len(name) > 2 else "*")


def mask_id_number(value: str | None) -> str | None:
    """A resident ID number (GB 11643) showing region prefix and last four:
    ``110101199003071234`` -> ``110***********1234``."""
    if value is None:
        return None
    value = value.strip()
    return _keep_ends(value, 3, 4) if value else value


def mask_phone(value: str | None) -> str | None:
    """A phone number showing the first three and last four digits:
    ``13812345678`` -> ``138****5678``; separators and a ``+86`` prefix are kept."""
    if value is None:
        return None
    value = value.strip()
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if not digits:
        return _keep_ends(value, 1, 1) if value else value
    prefix = 0
    if value.startswith("+86") or value.startswith("0086"):
        prefix = 2 if value.startswith("+") else 4  # the country code stays readable
    body = digits[prefix:]
    hide = body[: max(0, len(body) - 2)] if len(body) <= 7 else body[3:-4]
    out = list(value)
    for i in hide:
        out[i] = MASK
    return "".join(out)


def mask_email(value: str | None) -> str | None:
    """An e-mail address showing the first character of the mailbox and the domain:
    ``zhangsan@example.com`` -> ``z*******@example.com``."""
    if value is None:
        return None
    value = value.strip()
    match = _EMAIL.match(value)
    if not match:
        return mask_contact(value)
    local, domain = match.groups()
    shown = local[0] if len(local) > 1 else ""
    return shown + MASK * (len(local) - len(shown)) + "@" + domain


def mask_contact(value: str | None) -> str | None:
    """Any contact: an e-mail or phone is masked as such; other handles (WeChat,
    QQ, a name) keep only their first and last character."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return value
    if _EMAIL.match(value):
        return mask_email(value)
    if _PHONE_CHARS.match(value) and sum(ch.isdigit() for ch in value) >= 5:
        return mask_phone(value)
    if len(value) <= 2:
        return value[0] + MASK * (len(value) - 1)
    return _keep_ends(value, 1, 1)


_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ID_NUMBER_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
# Seven or more digits, perhaps split by spaces or dashes: phones, QQ numbers.
_DIGITS_IN_TEXT = re.compile(r"(?<![\d*])\+?\d(?:[ \-]?\d){6,}(?![\d*])")


def mask_in_text(text: str | None) -> str | None:
    """Free text (an error message) with the e-mail addresses, ID numbers and phone-like
    digit runs in it masked, for records that must not carry them in full."""
    if not text:
        return text
    text = _EMAIL_IN_TEXT.sub(lambda m: mask_email(m.group()) or "", text)
    text = _ID_NUMBER_IN_TEXT.sub(lambda m: mask_id_number(m.group()) or "", text)
    return _DIGITS_IN_TEXT.sub(lambda m: mask_phone(m.group()) or "", text)


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            start = last
        if end <= start:
            continue
        pieces += [text[last:start], mask_contact(text[start:end]) or ""]
        last = end
    pieces.append(text[last:])
    return mask_in_text("".join(pieces)) or ""


def mask_account_texts(texts: dict[str, str | None]) -> dict[str, str | None]:
    """An account's text fields for a record (2022/16: records carry no contact in full):
    every contact the rule engine reads in them, however written (``薇❤ abc12345``,
    ``V信：ａｂｃ…``) or split across fields (a cue in the name, the ID in the bio), keeps
    only its first and last character; e-mails, ID numbers and digit runs are masked as
    in :func:`mask_in_text`."""
    spans: dict[str, list[tuple[int, int]]] = {k: [] for k in texts}
    own = [(k, t) for k, t in texts.items() if t]
    for k, t in own:
        spans[k] += [(h.start, h.end) for h in contact_hits(t, k)]
    if len(own) > 1:
        for _find, parts in default_scanner().across_fields(own):
            for i, start, end in parts:
                spans[own[i][0]].append((start, end))
    return {k: _mask_spans(t, spans[k]) if t else t for k, t in texts.items()}


def mask_contacts_in_text(text: str | None) -> str | None:
    """One account text masked as :func:`mask_account_texts` masks each field."""
    return mask_account_texts({"text": text})["text"]
