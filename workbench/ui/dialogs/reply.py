"""Replying from a template: pick it, preview what each recipient gets, edit the body.

The preview comes from :func:`workbench.replies.replies.preview_reply` (the
same drafts the reply will queue); an edited body is sent as the override.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.operations.admin import LANGUAGES, TemplateLibrary
from workbench.ui.i18n import LANGUAGE_NAMES
from workbench.ui.labels import label
from workbench.ui.widgets.plain import fill, plain_label, set_plain

#: preview(template | None, language) -> list of drafts (raises WorkbenchError)
Previewer = Callable[[str | None, str], list]


class ReplyDialog(QDialog):
    """``template()``, ``language()`` and ``body_override()`` after accept."""

    def __init__(
        self,
        title: str,
        previewer: Previewer,
        parent: QWidget | None = None,
        *,
        library: TemplateLibrary | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("replyDialog")
        self.setWindowTitle(title)
        self._previewer = previewer
        self.templates = QComboBox(self)
        self.templates.setObjectName("replyTemplate")
        self.templates.addItem(self.tr("按案件状态自动选择"), None)
        for name in (library or TemplateLibrary()).names():
            self.templates.addItem(label("template", name), name)  # by title, not file id
        self.languages = QComboBox(self)
        self.languages.setObjectName("replyLanguage")
        for code in LANGUAGES:
            self.languages.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.recipients = plain_label("", self)
        self.recipients.setObjectName("replyRecipients")
        self.recipients.setWordWrap(True)
        self.subject = plain_label("", self)
        self.subject.setObjectName("replySubject")
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("replyBody")
        self.problem = plain_label("", self)
        self.problem.setObjectName("replyProblem")
        self.problem.setStyleSheet("color:#b00020")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("模板"), self.templates)
        form.addRow(self.tr("语言"), self.languages)
        form.addRow(self.tr("收件人"), self.recipients)
        form.addRow(self.tr("主题"), self.subject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumSize(560, 440)
        self.resize(680, 560)
        self._rendered = ""
        self.drafts: list = []
        self.templates.currentIndexChanged.connect(self.refresh_preview)
        self.languages.currentIndexChanged.connect(self.refresh_preview)
        self.refresh_preview()

    def template(self) -> str | None:
        return self.templates.currentData()

    def language(self) -> str:
        return self.languages.currentData()

    def set_template(self, name: str) -> None:
        self.templates.setCurrentIndex(self.templates.findData(name))

    def refresh_preview(self, *_args) -> None:
        """Render the drafts again (an edited body is replaced)."""
        from workbench.ui.errors import refusal_text

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            self.drafts = list(self._previewer(self.template(), self.language()))
        except Exception as exc:
            text = refusal_text(exc)
            if text is None:
                raise
            self.drafts = []
            self.problem.setText(text)
            self.body.setPlainText("")
            self._rendered = ""
            ok.setEnabled(False)
            return
        self.problem.setText("" if self.drafts else self.tr("没有需要回复的收件人"))
        ok.setEnabled(bool(self.drafts))
        first = self.drafts[0] if self.drafts else None
        names = [d.masked_address or d.recipient_kind for d in self.drafts]
        set_plain(self.recipients, fill(self.tr("%1 位：%2"), len(self.drafts), "、".join(names)))
        set_plain(self.subject, first.subject if first else "")
        self._rendered = first.body if first else ""
        self.body.setPlainText(self._rendered)

    def body_override(self) -> str | None:
        """The edited body, or None when the reviewer kept the rendered one."""
        text = self.body.toPlainText()
        return text if text != self._rendered else None
