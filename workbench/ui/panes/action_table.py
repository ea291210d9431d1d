"""The case actions' names, labels and shortcuts, the reasons a clock may be paused, and
how an action of the panel is made (its shortcut and its button)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

from workbench.models.codes import PauseReason
from workbench.ui.i18n import pick

PAUSE_REASONS = {
    PauseReason.WAITING_REPORTER: ("等待举报人补充", "waiting on the reporter"),
    PauseReason.WAITING_ACCOUNT_HOLDER: ("等待账号主体回复", "waiting on the account holder"),
}

# name -> ((Chinese, English) label, shortcut)
ACTIONS = {
    "claim_next": (("认领下一个", "Claim next"), "Ctrl+N"),
    "claim": (("认领此案件", "Claim this case"), "Ctrl+Shift+C"),
    "accept": (("受理", "Accept"), "Ctrl+Shift+A"),
    "decline": (("不予受理…", "Decline…"), "Ctrl+Shift+D"),
    "findings": (("记录甄别结论…", "Record findings…"), "Ctrl+Shift+F"),
    "measures": (("选择处置措施…", "Choose measures…"), "Ctrl+Shift+M"),
    "no_violation": (("未发现违规…", "No violation…"), "Ctrl+Shift+N"),
    "reply": (("按模板回复…", "Reply from a template…"), "Ctrl+Shift+R"),
    "pause": (("暂停计时", "Pause the clock"), "Ctrl+Shift+P"),
    "resume": (("恢复计时", "Resume the clock"), "Ctrl+Shift+U"),
    "escalate": (("升级给主管…", "Escalate to a supervisor…"), "Ctrl+Shift+E"),
    "extend": (("延长处理时限…", "Extend the deadline…"), "Ctrl+Shift+X"),
    "release": (("释放认领", "Release"), "Ctrl+Shift+L"),
}


def action_with_button(
    parent: QWidget, name: str, pair: tuple[str, str], keys: str, slot: Callable[[], object]
) -> tuple[QAction, QPushButton]:
    """The action ``name`` (its label in the desktop's language, a window-wide shortcut)
    and its button in the panel, which follows the action's enabled and visible state."""
    text = pick(pair)
    action = QAction(text, parent)
    action.setObjectName(f"action_{name}")
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    button = QPushButton(f"{text}  ({keys})", parent)
    button.setObjectName(f"button_{name}")
    button.clicked.connect(action.trigger)
    action.changed.connect(
        lambda b=button, a=action: (b.setEnabled(a.isEnabled()), b.setVisible(a.isVisible()))
    )
    return action, button
