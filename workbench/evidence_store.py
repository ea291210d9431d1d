"""The workbench's own copies of imported evidence and account images, by content hash.

An import names images by paths relative to the import file.  A path that is
absolute or climbs out of that folder (``../../../../tmp/x``, ``/etc/…``,
``C:\\…``, a symlink pointing elsewhere) is refused (:func:`contained`).  An
accepted image is copied into the evidence store, ``<sha256[:2]>/<sha256>.<ext>``
under :func:`default_folder`, and the workbench refers to that copy from then
on: moving or changing the import folder later changes no case.

The store is the folder named by ``WORKBENCH_EVIDENCE_DIR``; else ``evidence``
beside an SQLite database file; else ``evidence`` in the user data folder (where
the embedded database lives).  Copies are never changed or removed by the
workbench; an image imported twice is stored once.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path, PurePosixPath, PureWindowsPath

ENV_DIR = "WORKBENCH_EVIDENCE_DIR"
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


def default_folder(engine=None) -> Path:
    """Where the store is for ``engine`` (see the module's text)."""
    from workbench.db import default_sqlite_path

    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured)
    url = getattr(engine, "url", None)
    database = url.database if url is not None and engine.dialect.name == "sqlite" else None
    if database and database != ":memory:" and not database.startswith("file:"):
        return Path(database).resolve().parent / "evidence"
    return default_sqlite_path().parent / "evidence"


def contained(base: Path, value: str) -> Path | None:
    """``value`` resolved inside ``base``; None when it is absolute or leads out of it."""
    if not value or "\x00" in value or value.startswith(("/", "\\", "~")):
        return None
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).drive:
        return None
    if ".." in PurePosixPath(value.replace("\\", "/")).parts:
        return None
    root = base.resolve()
    path = (root / value).resolve()  # follows symlinks: one pointing out is refused too
    return path if path.is_relative_to(root) else None


class EvidenceStore:
    """A folder of files named by their SHA-256."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._kept: dict[tuple, Path] = {}

    def keep(self, path: Path) -> Path:
        """The store's copy of the file at ``path`` (copied the first time); raises OSError."""
        st = os.stat(path)
        key = (str(path), st.st_size, st.st_mtime_ns, st.st_ino)
        kept = self._kept.get(key)
        if kept is not None and kept.is_file():
            return kept
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        sha = digest.hexdigest()
        suffix = Path(path).suffix.lower()
        target = self.folder / sha[:2] / (sha + (suffix if _SUFFIX.fullmatch(suffix) else ""))
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".copy-")
            os.close(fd)
            try:
                shutil.copyfile(path, tmp)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.remove(tmp)
        self._kept[key] = target
        return target


_current: ContextVar[EvidenceStore | None] = ContextVar("evidence_store", default=None)


def current() -> EvidenceStore | None:
    """The store accepted images go into now (None: they are checked, not copied)."""
    return _current.get()


@contextmanager
def storing_in(store: EvidenceStore | None) -> Iterator[EvidenceStore | None]:
    """Images checked in this block are copied into ``store``."""
    token = _current.set(store)
    try:
        yield store
    finally:
        _current.reset(token)
