"""The case actions' names, labels and shortcuts, and the reasons a clock may be paused."""

from __future__ import annotations

from workbench.models.codes import PauseReason

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
    "bulk_accept": (("批量受理所选", "Accept the selected"), "Ctrl+Alt+A"),
    "bulk_decline": (("批量不予受理所选…", "Decline the selected…"), "Ctrl+Alt+D"),
}
