"""JSON from outside the workbench, parsed with bounded nesting; JSON Lines split on LF only.

Python's decoder recurses once per nested array or object: a line of
100,000 ``[`` raises ``RecursionError`` (or worse, exhausts the stack of a
worker thread) instead of a refusal.  :func:`loads` counts the nesting first
(brackets inside strings do not count) and refuses more than
:data:`MAX_DEPTH` levels with a :class:`JsonError` whose message is
"zh / en" and names the line when given one.  Nothing the workbench reads
(import rows, change notices, settings) nests more than a few levels.

:func:`split_lines` splits JSON Lines the way the format says: on ``\\n``
only (a ``\\r`` before it is dropped).  ``str.splitlines`` also splits on
U+2028, U+2029, U+0085, form feed and others, which may stand unescaped
inside a JSON string, and would cut such a line in two.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class JsonError(ValueError):
    """A JSON text that is malformed or nested too deeply ("zh / en")."""


def _where(line: int | None) -> tuple[str, str]:
    return ("", "") if line is None else (f"第 {line} 行", f"line {line}: ")


def nesting_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """The deepest nesting of arrays and objects in ``text``, counted up to ``limit + 1``."""
    if text.count("[") + text.count("{") <= limit:
        return min(text.count("[") + text.count("{"), limit)  # cannot be deeper than that
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        else:
            depth -= 1
    return deepest


def loads(text: str | bytes, *, line: int | None = None, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads(text)``, refusing malformed or too deeply nested JSON with a :class:`JsonError`."""
    zh, en = _where(line)
    if isinstance(text, bytes | bytearray):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JsonError(f"{zh}不是 UTF-8 文本 / {en}not UTF-8 text: {exc}") from exc
    if nesting_depth(text, max_depth) > max_depth:
        raise JsonError(
            f"{zh}JSON 嵌套超过 {max_depth} 层，已拒绝 / "
            f"{en}JSON nested deeper than {max_depth} levels, refused"
        )
    try:
        return json.loads(text)
    except RecursionError as exc:  # a small stack (a worker thread); still a refusal
        raise JsonError(f"{zh}JSON 嵌套过深，已拒绝 / {en}JSON nested too deeply, refused") from exc
    except json.JSONDecodeError as exc:
        raise JsonError(f"{zh}JSON 格式错误 / {en}malformed JSON: {exc}") from exc


def split_lines(text: str) -> list[str]:
    """The lines of a JSON Lines text: split on ``\\n`` only, a trailing ``\\r`` dropped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]
