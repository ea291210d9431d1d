"""The outbox's dead letters: messages to the platform its webhook gave up on.

Each row is one message (a reply, a notice or a measure) that failed
``outbox.max_attempts`` times; its last error is shown masked.  An
administrator sends it again (same delivery id, so the platform can tell a
repeat) or discards it with a reason; both are audited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from workbench.operations import api_clients
from workbench.ui.admin.base import AdminTab
from workbench.ui.labels import local_time


class DeadLettersTab(AdminTab):
    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.letters: list = []
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("deadLetters")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("接口客户端"),
                self.tr("消息"),
                self.tr("账号"),
                self.tr("尝试次数"),
                self.tr("最后的错误"),
                self.tr("生成时间"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("discardReason")
        self.reason.setPlaceholderText(self.tr("放弃的理由（必填）"))
        self.retry_button = QPushButton(self.tr("重新发送"), self)
        self.retry_button.setObjectName("retryDeadLetter")
        self.retry_button.clicked.connect(self.do_retry)
        self.discard_button = QPushButton(self.tr("放弃"), self)
        self.discard_button.setObjectName("discardDeadLetter")
        self.discard_button.clicked.connect(self.do_discard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def reload(self) -> None:
        self.read(api_clients.list_dead_letters, self._fill)

    def _fill(self, letters) -> None:
        self.letters = list(letters)
        self.table.setRowCount(len(self.letters))
        for r, letter in enumerate(self.letters):
            texts = (
                letter.client,
                letter.event,
                letter.account_id,
                str(letter.attempts),
                letter.last_error or "",
                local_time(letter.created_at),
            )
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _selected(self):
        row = self.table.currentRow()
        if not 0 <= row < len(self.letters):
            self.say(self.tr("请先选择一条消息"), ok=False)
            return None
        return self.letters[row]

    def do_retry(self) -> None:
        letter = self._selected()
        if letter is not None:
            self.write(
                api_clients.retry_dead_letter,
                self.tr("已重新排队，将以同一投递编号再次发送"),
                message_id=letter.id,
            )

    def do_discard(self) -> None:
        letter = self._selected()
        if letter is None:
            return
        reason = self.reason.text().strip()
        if not reason:
            self.say(self.tr("请填写放弃的理由"), ok=False)
            return
        self.write(
            api_clients.discard_dead_letter,
            self.tr("已放弃该消息"),
            after=lambda _result: self.reason.clear(),
            message_id=letter.id,
            reason=reason,
        )
