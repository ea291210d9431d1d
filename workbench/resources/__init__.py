"""The data files that ship inside the package: lexicons, normaliser tables,
default policies, protected symbols, reply templates, translations, the
desktop entry and its icon.

Every module reads them through :func:`resource` (``importlib.resources``),
never through a path worked out from ``__file__``, so they are found the same
way in a checkout, in an installed wheel and in a zip.  Package data is
read-only: nothing is ever written here.

Most readers take the :class:`~importlib.resources.abc.Traversable` as it is
(``iterdir``, ``read_text``, ``open``).  A reader that needs a file on disk
(an external tool, Qt) uses :func:`importlib.resources.as_file`;
:func:`on_disk` says where a shipped folder is when it is a plain folder,
as it is for every ``pip install``.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["Traversable", "on_disk", "read_text", "resource"]


def resource(name: str) -> Traversable:
    """The shipped file or folder ``name``, ``/``-separated (``"policies/account_checks.json"``)."""
    item = files(__name__)
    for part in name.split("/"):
        item = item / part
    return item


def read_text(name: str) -> str:
    """The text of the shipped file ``name`` (UTF-8)."""
    return resource(name).read_text(encoding="utf-8")


def on_disk(item: Traversable | Path | str) -> Path | None:
    """``item`` as a folder or file on disk, or None when it lives in an archive."""
    if isinstance(item, str):
        item = Path(item)
    return item if isinstance(item, Path) else None
