"""Guards against Qt-binding pitfalls that crash the desktop far from their cause."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "workbench" / "ui"
BOOL_SIGNAL = re.compile(r"Signal\([^)]*\bbool\b")


def test_no_python_signal_carries_a_bool():
    # PySide6 6.12 on Python 3.11 drops a reference to True/False on every emit
    # of a Python-declared Signal(bool); the interpreter aborts later
    # ("bool_dealloc"), in whatever code happens to run then.
    offenders = [
        f"{path.relative_to(UI)}:{n}"
        for path in UI.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BOOL_SIGNAL.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_the_scan_sees_a_bool_signal():
    assert BOOL_SIGNAL.search("    busy = Signal(bool)")
    assert BOOL_SIGNAL.search("    moved = Signal(int, bool)")
    assert not BOOL_SIGNAL.search("    changed = Signal(str, list)")
