"""A reviewer's entry kept in a record (a listed name, an authorisation document, an order's
reference, a debunk): cleaned as all text from outside is (:mod:`workbench.text`), and
refused in words when a required entry is blank or one is too long; a short entry typed
into the workbench itself (a hold's reason, a filter's name); and a code that must be one
of a list (a report's kind, channel and category, a listed name's category)."""

from __future__ import annotations

from enum import StrEnum

from workbench.errors import ValidationError
from workbench.text import clean_text


def reviewer_text(
    value: str | None,
    limit: int,
    what: tuple[str, str],
    *,
    required: bool = True,
    lines: bool = False,
) -> str:
    """A reviewer's entry for a record (a name, a reference, a debunk): cleaned as
    :func:`clean_text`, on one line with its spaces folded unless ``lines``; refused in words
    (``what`` names it, Chinese and English) when ``required`` and blank, or over ``limit``."""
    text = clean_text(value or "")
    text = text.strip() if lines else " ".join(text.split())
    zh, en = what
    if required and not text:
        raise ValidationError(f"请填写{zh}", f"give the {en}")
    if len(text) > limit:
        raise ValidationError(f"{zh}过长（最多 {limit} 字）", f"the {en} is longer than {limit}")
    return text


def short_entry(
    text: str | None, limit: int, *, empty: tuple[str, str], what: tuple[str, str]
) -> str:
    """``text`` on one line with its runs of white space as one space, refused in words
    when nothing is left (``empty``: zh, en) or when longer than ``limit`` characters
    (``what`` names it: zh, en), with the count given.  A hold's reason and a saved
    filter's name: typed into the workbench itself, so not cleaned as
    :func:`reviewer_text` cleans a record's entry."""
    entry = " ".join((text or "").split())
    if not entry:
        raise ValidationError(*empty)
    if len(entry) > limit:
        raise ValidationError(
            f"{what[0]}过长：{len(entry)} 字，最多 {limit} 字",
            f"the {what[1]} is {len(entry)} characters; at most {limit}",
        )
    return entry


def choice(value: str, enum: type[StrEnum], what: tuple[str, str]) -> str:
    """``value`` as one of ``enum``'s values, refused in words (``what`` names it: zh, en)
    with the values to choose from."""
    try:
        return enum(value).value
    except ValueError as exc:
        raise ValidationError(
            f"{what[0]}无效：{value}",
            f"unknown {what[1]} {value!r}; choose from {', '.join(e.value for e in enum)}",
        ) from exc
