"""Text from outside made safe to keep and to show: control characters and lone
surrogates removed, and a single header-safe line where one line is wanted.

Intake, imports, appeals and the reply templates all clean what they are given
here, so a report's text and a template's filled-in value follow the same rule.
"""

from __future__ import annotations

import re

#: The longest single line :func:`one_line` keeps by default (a reply's subject).
LINE_MAX_CHARS = 300

# C0 and C1 controls and DEL, except tab and newline; lone surrogates.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_LINE_BREAK_RE = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]+")


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and newline kept) or lone surrogates."""
    text = _SURROGATE_RE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text)


def one_line(text: str, limit: int = LINE_MAX_CHARS) -> str:
    """``text`` as a single header-safe line of at most ``limit`` characters."""
    line = _LINE_BREAK_RE.sub(" ", _SURROGATE_RE.sub("\ufffd", text))
    line = _CONTROL_RE.sub("", line).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"
