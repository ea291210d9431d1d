"""User text on screen as text, never as markup.

What the desktop shows that came from outside the workbench (account
information, report and appeal texts, reporters' and reviewers' names,
reasons, matched spans, audit payloads, file paths) can hold HTML and
invisible characters.  Qt labels guess the format (``AutoText``): an account
named ``<img src=…>`` would draw a local image, a bio could render as a large
red "系统通知".  Every widget showing such text goes through this module:

- :func:`shown` makes invisible characters visible.  Each Unicode *format*
  character (category Cf: the bidi embeddings, overrides and isolates
  U+202A–U+202E and U+2066–U+2069, the marks U+200E, U+200F, U+061C, the
  zero-width characters U+200B–U+200D, U+2060–U+2064, U+FEFF, …), each
  control character other than newline, tab and carriage return, and each
  lone surrogate becomes ``⟦U+202E⟧``.  The reviewer sees that the character
  is there (it may be the point of the report) and it cannot reorder, hide or
  join what follows.  Nothing is stripped.
- :func:`plain_label` makes a ``QLabel`` with ``Qt.PlainText``;
  :func:`set_plain` puts text into any label or text edit as plain text.
- :func:`rich` escapes user text for the rich text a widget builds itself
  (a bold name in a header): only the widget's own markup stays markup.
- :func:`plain_tooltip` is a tooltip (Qt guesses its format too) that shows
  the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QWidget

KEPT_CONTROLS = frozenset("\n\t\r")
PLACEHOLDER = re.compile(r"%([1-9])")
MARKED_CATEGORIES = frozenset(("Cf", "Cc", "Cs"))


def _mark(ch: str) -> str:
    if ch in KEPT_CONTROLS or unicodedata.category(ch) not in MARKED_CATEGORIES:
        return ch
    return f"⟦U+{ord(ch):04X}⟧"


def shown(text: object) -> str:
    """``text`` as it should be drawn: invisible format and control characters
    written out by code point, e.g. a zero-width space as ``⟦U+200B⟧`` (None is the
    empty string)."""
    if text is None:
        return ""
    text = str(text)
    if text.isprintable():  # the common case: no format or control characters at all
        return text
    return "".join(map(_mark, text))


def rich(text: object) -> str:
    """``text`` for a place inside rich text the widget builds: shown and HTML-escaped."""
    return escape(shown(text), quote=True)


def fill(template: str, *values: object) -> str:
    """``template`` (a tr() string) with ``%1``, ``%2``, … replaced in one pass, so a
    value that itself contains ``%2`` is not filled in again."""

    def value(match: re.Match) -> str:
        n = int(match.group(1))
        return str(values[n - 1]) if n <= len(values) else match.group(0)

    return PLACEHOLDER.sub(value, template)


def plain_tooltip(text: object) -> str:
    """A tooltip that shows ``text`` as written (Qt would take ``<b>`` in it as markup)."""
    value = shown(text)
    return QtGui.convertFromPlainText(value, Qt.WhiteSpaceMode.WhiteSpaceNormal) if value else ""


def plain_label(text: object = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows ``text`` as plain text (see :func:`shown`)."""
    widget = QLabel(parent)
    set_plain(widget, text)
    return widget


def set_plain(widget: QLabel | QTextEdit | QPlainTextEdit, text: object) -> None:
    """Show ``text`` in ``widget`` as plain text (a label's format is set to PlainText)."""
    if isinstance(widget, QLabel):
        widget.setTextFormat(Qt.TextFormat.PlainText)
        widget.setText(shown(text))
    else:
        widget.setPlainText(shown(text))
