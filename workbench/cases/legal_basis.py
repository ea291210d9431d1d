"""Legal basis references such as ``2022/8(2)``: checked against the regulations.

A reference is ``YEAR/ARTICLE`` or ``YEAR/ARTICLE(ITEM)``.  YEAR names one of
the regulations the workbench applies (2022 account-information rules, 2021
and 2017 public-account rules); the article must exist in it and an item may
only be given for an article that has numbered items.  Several references
are written joined by ", ".
"""

from __future__ import annotations

import re

from workbench.errors import ValidationError

# Number of articles of each regulation, and the articles with numbered items.
ARTICLE_COUNTS = {"2022": 24, "2021": 23, "2017": 18}
ITEM_COUNTS = {("2022", 8): 8, ("2022", 23): 2, ("2021", 18): 10}
REGULATION_NAMES = {
    "2022": "互联网用户账号信息管理规定",
    "2021": "互联网用户公众账号信息服务管理规定",
    "2017": "互联网用户公众账号信息服务管理规定（2017）",
}

_REFERENCE = re.compile(r"^(\d{4})/(\d{1,3})(?:\((\d{1,2})\))?$")
_SEPARATORS = re.compile(r"\s*[,，;；]\s*")


def _bad(reference: str, zh: str, en: str) -> ValidationError:
    return ValidationError(
        f"法律依据「{reference}」无效：{zh}（格式如 2022/8(2)）",
        f"legal basis {reference!r} is not valid: {en} (write it like 2022/8(2))",
    )


def check_reference(reference: str) -> str:
    """One reference, normalised; refuses malformed text and articles that do not exist."""
    text = reference.strip()
    match = _REFERENCE.match(text)
    if match is None:
        raise _bad(text, "格式不正确", "malformed")
    year, article_text, item_text = match.groups()
    if year not in ARTICLE_COUNTS:
        raise _bad(
            text,
            f"没有 {year} 年的规定（可用：{'、'.join(sorted(ARTICLE_COUNTS))}）",
            f"no regulation of {year} (known: {', '.join(sorted(ARTICLE_COUNTS))})",
        )
    article = int(article_text)
    if not 1 <= article <= ARTICLE_COUNTS[year]:
        raise _bad(
            text,
            f"{REGULATION_NAMES[year]}只有 {ARTICLE_COUNTS[year]} 条",
            f"the {year} regulation has articles 1-{ARTICLE_COUNTS[year]}",
        )
    if item_text is None:
        return f"{year}/{article}"
    item = int(item_text)
    items = ITEM_COUNTS.get((year, article), 0)
    if not items:
        raise _bad(text, f"第 {article} 条没有分项", f"article {article} has no numbered items")
    if not 1 <= item <= items:
        raise _bad(
            text,
            f"第 {article} 条只有 {items} 项",
            f"article {article} has items 1-{items}",
        )
    return f"{year}/{article}({item})"


def check_basis(basis: str) -> str:
    """One or more references joined by commas, normalised to ``a, b``."""
    parts = [p for p in _SEPARATORS.split(basis.strip()) if p]
    if not parts:
        raise ValidationError("必须填写法律依据", "a legal basis is required")
    return ", ".join(dict.fromkeys(check_reference(p) for p in parts))
