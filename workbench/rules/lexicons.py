"""Lexicons: the word lists the text rules screen against, loaded from data files.

Format (see ``workbench/resources/lexicons/README.md``): UTF-8 text, one entry per line,
``name|alias|alias<TAB>key=value key=value``; ``#`` starts a comment line.
A platform extends list ``X`` without code by adding lines to ``X.txt`` or by
dropping a file ``X.<anything>.txt`` beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from workbench.resources import Traversable, resource

LEXICON_DIR = resource("lexicons")  # the shipped lists (package data, read-only)

# The lists the text rules use.  Each is optional: a missing list is empty.
LIST_NAMES = (
    "organs",
    "enterprises",
    "states",
    "international_organisations",
    "org_suffixes",
    "official_cues",
    "mention_cues",
    "news_media",
    "news_words",
    "places",
    "landmarks",
    "strict_words",
    "regulated_fields",
    "professions",
    "claims",
    "negations",
    "prohibited",
    "contact_cues",
    "allowlist",
)


class LexiconError(ValueError):
    """A lexicon file line that cannot be read; says file and line."""


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: its name, other names of the same thing, attributes."""

    name: str
    aliases: tuple[str, ...] = ()
    attrs: Mapping[str, str] = field(default_factory=dict)

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def parse_line(line: str, where: str = "") -> Entry | None:
    """The entry of one line, or None for a blank or comment line."""
    text = line.strip("\r\n")
    if not text.strip() or text.lstrip().startswith("#"):
        return None
    names_part, _, attrs_part = text.partition("\t")
    names = [n.strip() for n in names_part.split("|") if n.strip()]
    if not names:
        raise LexiconError(f"词表行没有名称 / lexicon line has no name: {where}")
    attrs = {}
    for token in attrs_part.split():
        key, sep, value = token.partition("=")
        if not sep or not key:
            raise LexiconError(
                f"词表属性应为 key=value / attribute must be key=value: {where}: {token}"
            )
        attrs[key] = value
    return Entry(names[0], tuple(names[1:]), attrs)


@dataclass
class Lexicons:
    """All lists by name; ``lists[name]`` is a list of entries."""

    lists: dict[str, list[Entry]] = field(default_factory=dict)

    def get(self, name: str) -> list[Entry]:
        return self.lists.get(name, [])

    def terms(self, name: str) -> list[str]:
        return [t for e in self.get(name) for t in e.terms]

    @classmethod
    def load(cls, directory: Path | str | Traversable | None = None) -> Lexicons:
        """Read every ``<list>.txt`` and ``<list>.*.txt`` in ``directory`` (default: the shipped lists)."""
        if directory is None:
            folder = LEXICON_DIR
        else:
            folder = Path(directory) if isinstance(directory, str) else directory
        lists: dict[str, list[Entry]] = {}
        files = [p for p in folder.iterdir() if p.name.endswith(".txt") and p.is_file()]
        for path in sorted(files, key=lambda p: p.name):
            if path.name.upper() == "README.TXT":
                continue
            name = path.name.split(".")[0]
            entries = lists.setdefault(name, [])
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                entry = parse_line(line, f"{path.name}:{number}")
                if entry is not None:
                    entries.append(entry)
        return cls(lists)

    @classmethod
    def from_lines(cls, lists: Mapping[str, Iterable[str]]) -> Lexicons:
        """Lexicons from in-memory lines, one list per key (same line format as the files)."""
        out: dict[str, list[Entry]] = {}
        for name, lines in lists.items():
            out[name] = [e for i, ln in enumerate(lines, 1) if (e := parse_line(ln, f"{name}:{i}"))]
        return cls(out)
