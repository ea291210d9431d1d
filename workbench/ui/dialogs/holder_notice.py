"""Telling the account holder (通知账号运营者, issue 15 item 4), previewed before it goes.

The case's notices to choose from come from
:func:`workbench.operations.holder_notices.case_notices`: each measure that took effect
(2021/20), each open correction order with its deadline (2022/15), each decided appeal
against the case's measures and each decided change request answering its orders
(2022/10), with how often the holder was told already.  The preview is the notice as it
will be queued (address masked); the body may be edited, and a notice naming a reporter
is refused in words before it is sent.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.operations import holder_notices
from workbench.operations.admin import LANGUAGES
from workbench.operations.client import Client
from workbench.operations.holder_notices import NoticeTarget
from workbench.ui.dialogs.intake_base import refusal
from workbench.ui.i18n import LANGUAGE_NAMES
from workbench.ui.labels import label
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import fill, plain_label, set_plain


class HolderNoticeDialog(QDialog):
    """``sent(reply_id)`` once the notice is queued; the dialog then closes."""

    sent = Signal(int)

    def __init__(
        self,
        client: Client,
        runner: TaskRunner,
        case_ref: str,
        targets: list[NoticeTarget],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("holderNoticeDialog")
        self.setWindowTitle(fill(self.tr("通知账号运营者 · 案件 %1"), case_ref))
        self.client, self.runner = client, runner
        self.targets = list(targets)
        self.subject_of = QComboBox(self)
        self.subject_of.setObjectName("noticeTarget")
        for t in self.targets:
            self.subject_of.addItem(self._describe(t))
        self.languages = QComboBox(self)
        self.languages.setObjectName("noticeLanguage")
        for code in LANGUAGES:
            self.languages.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.recipient = plain_label("", self)
        self.recipient.setObjectName("noticeRecipient")
        self.subject = plain_label("", self)
        self.subject.setObjectName("noticeSubject")
        self.subject.setWordWrap(True)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("noticeBody")
        self.problem = plain_label("", self)
        self.problem.setObjectName("noticeProblem")
        self.problem.setStyleSheet("color:#b00020")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("发送"))
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("通知事项"), self.subject_of)
        form.addRow(self.tr("语言"), self.languages)
        form.addRow(self.tr("收件人"), self.recipient)
        form.addRow(self.tr("主题"), self.subject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(680, 540)
        self._rendered = ""
        self.subject_of.currentIndexChanged.connect(self.preview)
        self.languages.currentIndexChanged.connect(self.preview)
        self.preview()

    def _describe(self, t: NoticeTarget) -> str:
        kinds = {
            "measure": self.tr("处置 M%1：%2"),
            "correction_order": self.tr("限期改正 %1：%2"),
            "appeal": self.tr("申诉决定 A%1：%2"),
            "change_request": self.tr("信息变更结果 #%1：%2"),
        }
        what = label("measure", t.code) if t.kind == "measure" else label("status", t.code)
        text = fill(kinds[t.kind], t.id, what)
        if t.sent:
            text += fill(self.tr("（已通知 %1 次）"), t.sent)
        return text

    def target(self) -> NoticeTarget | None:
        index = self.subject_of.currentIndex()
        return self.targets[index] if 0 <= index < len(self.targets) else None

    def body_override(self) -> str | None:
        text = self.body.toPlainText()
        return text if text.strip() and text != self._rendered else None

    def preview(self, *_args) -> None:
        """The notice as it will be queued (an edited body is replaced)."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        t = self.target()
        if t is None:
            set_plain(self.problem, self.tr("此案件没有需要通知账号运营者的事项"))
            ok.setEnabled(False)
            return
        try:
            draft = self.client.call(
                holder_notices.preview_holder_notice,
                kind=t.kind,
                entity_id=t.id,
                language=self.languages.currentData(),
            )
        except Exception as exc:
            set_plain(self.problem, refusal(exc))
            self.body.setPlainText("")
            self._rendered = ""
            ok.setEnabled(False)
            return
        set_plain(self.problem, "")
        set_plain(
            self.recipient, draft.recipient_address or self.tr("（未留联系方式，经平台转达）")
        )
        set_plain(self.subject, draft.subject)
        self._rendered = draft.body
        self.body.setPlainText(draft.body)
        ok.setEnabled(True)

    def send(self) -> None:
        t = self.target()
        if t is None:
            return
        arguments = {
            "kind": t.kind,
            "entity_id": t.id,
            "language": self.languages.currentData(),
            "body_override": self.body_override(),
        }
        client = self.client

        def work(_ctx):
            return client.call(holder_notices.send_holder_notice, **arguments)

        def done(reply_id: int) -> None:
            self.sent.emit(reply_id)
            self.accept()

        def refused(exc: BaseException) -> None:
            set_plain(self.problem, refusal(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.runner.run(work, on_success=done, on_failure=refused, owner=self)
