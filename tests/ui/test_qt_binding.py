"""The installed Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call
(``label.setText``) and to True/False on every emit of a Python bool signal;
the interpreter then aborted ("none_dealloc") in whatever code ran next.
pyproject.toml keeps the binding below 6.12; this fails if a broken one returns.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000


class _Emitter(QObject):
    flag = Signal(bool)


def _drift(obj, action) -> int:
    before = sys.getrefcount(obj)
    for _ in range(CALLS):
        action()
    return sys.getrefcount(obj) - before


def test_void_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    assert _drift(None, lambda: label.setText("举报")) > -CALLS // 2


def test_bool_signals_keep_false_alive(qapp):
    emitter = _Emitter()
    received = []
    emitter.flag.connect(received.append)
    assert _drift(False, lambda: emitter.flag.emit(False)) > -CALLS // 2
    assert received[-1] is False
