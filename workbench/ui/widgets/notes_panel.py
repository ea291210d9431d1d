"""The 备注 tab of the case view: the case's tags and the internal notes on the
case and on its account, with what a reviewer adds there.

Notes are for reviewers only (:mod:`workbench.operations.notes`); they are
shown as plain text (a note may quote hostile account text), each with its
author and time, personal data masked as the server sends it.  Tags come from
the list supervisors keep: a reviewer picks one to add, or picks a tag on the
case to take off.  Ctrl+Alt+N (the case view's action) brings the note editor
forward.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import Role
from workbench.models.note import NOTE_MAX_CHARS
from workbench.models.views import CaseDetail
from workbench.operations import notes
from workbench.operations.client import Client
from workbench.ui.errors import refusal_text
from workbench.ui.labels import local_time
from workbench.ui.roles import RoleGate
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import fill, plain_label, set_plain, shown

TAGGERS = (Role.MODERATOR, Role.SUPERVISOR)
TAG_KEEPERS = (Role.SUPERVISOR, Role.ADMINISTRATOR)


class NotesPanel(QWidget):
    """Tags and notes of one case; ``changed`` fires after a note or tag was saved."""

    changed = Signal()

    def __init__(self, client: Client, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.client, self.runner = client, runner
        self.detail: CaseDetail | None = None
        actor = getattr(client, "actor", None)
        self.can_tag = actor is not None and RoleGate(actor).allows(*TAGGERS)
        self.keeps_tags = actor is not None and RoleGate(actor).allows(*TAG_KEEPERS)

        self.tags_label = QLabel(self.tr("标签："), self)
        self.case_tags = QComboBox(self)
        self.case_tags.setObjectName("caseTagsOn")
        self.remove_tag = QPushButton(self.tr("去掉标签"), self)
        self.remove_tag.setObjectName("caseTagRemove")
        self.tag_choice = QComboBox(self)
        self.tag_choice.setObjectName("caseTagChoice")
        self.add_tag = QPushButton(self.tr("加标签"), self)
        self.add_tag.setObjectName("caseTagAdd")
        self.new_tag = QPushButton(self.tr("新建标签…"), self)
        self.new_tag.setObjectName("caseTagNew")
        self.new_tag.setToolTip(self.tr("在团队的标签列表中添加一个标签（主管、管理员）"))
        # Two short rows, and tag lists as wide as a few characters (their items show in
        # full when opened): the tab then fits the case view of an 800 px window.
        for combo in (self.case_tags, self.tag_choice):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        tag_row = QHBoxLayout()
        for widget in (self.tags_label, self.case_tags, self.remove_tag):
            tag_row.addWidget(widget)
        tag_row.addStretch(1)
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.tag_choice, 1)
        choose_row.addWidget(self.add_tag)
        choose_row.addWidget(self.new_tag)

        self.entries = QListWidget(self)
        self.entries.setObjectName("caseNotes")
        self.entries.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("caseNoteEditor")
        self.editor.setPlaceholderText(
            self.tr("内部备注，仅审核人员可见，不会出现在回复、通知或报送中")
        )
        self.editor.setMaximumHeight(90)
        self.target = QComboBox(self)
        self.target.setObjectName("caseNoteTarget")
        self.target.addItem(self.tr("备注本案件"), "case")
        self.target.addItem(self.tr("备注该账号"), "account")
        self.count = plain_label("", self)
        self.save = QPushButton(self.tr("添加备注 (Ctrl+Alt+N)"), self)
        self.save.setObjectName("caseNoteSave")
        self.message = plain_label("", self)
        self.message.setObjectName("caseNoteMessage")
        self.message.setWordWrap(True)
        save_row = QHBoxLayout()
        save_row.addWidget(self.target)
        save_row.addWidget(self.count, 1)
        save_row.addWidget(self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(tag_row)
        layout.addLayout(choose_row)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.editor)
        layout.addLayout(save_row)
        layout.addWidget(self.message)

        self.editor.textChanged.connect(self._count)
        self.save.clicked.connect(self.add_note)
        self.add_tag.clicked.connect(lambda: self._tag(True))
        self.remove_tag.clicked.connect(lambda: self._tag(False))
        self.new_tag.clicked.connect(self.define_tag)
        self.new_tag.setVisible(self.keeps_tags)
        for widget in (self.remove_tag, self.tag_choice, self.add_tag):
            widget.setVisible(self.can_tag)
        self._count()

    def _count(self) -> None:
        n = len(self.editor.toPlainText().strip())
        set_plain(self.count, fill(self.tr("%1 / %2 字"), n, NOTE_MAX_CHARS))
        self.count.setStyleSheet("color: #b00020;" if n > NOTE_MAX_CHARS else "")

    def say(self, text: str, *, ok: bool = True) -> None:
        set_plain(self.message, text)
        self.message.setStyleSheet("" if ok else "color: #b00020;")

    def load(self, detail: CaseDetail | None) -> None:
        """Read the notes and tags of ``detail`` off the GUI thread and show them."""
        self.detail = detail
        if detail is None:
            self.entries.clear()
            return
        client, case_id, account_id = self.client, detail.id, detail.account.id
        can_tag = self.can_tag

        def work(_ctx):
            return (
                client.call(notes.list_notes, case_id=case_id),
                client.call(notes.list_notes, account_id=account_id),
                client.call(notes.case_tags, case_id=case_id),
                client.call(notes.list_tags) if can_tag else [],
            )

        def done(result) -> None:
            if self.detail is not None and self.detail.id == case_id:
                self.show_loaded(*result)

        self.runner.run(work, on_success=done, on_failure=self._failed, owner=self)

    def show_loaded(self, on_case, on_account, tags_on_case, tag_list) -> None:
        self.entries.clear()
        rows = [(n, self.tr("案件")) for n in on_case] + [(n, self.tr("账号")) for n in on_account]
        for note, where in sorted(rows, key=lambda pair: (pair[0].created_at, pair[0].id)):
            head = fill(self.tr("%1 · %2 · %3"), where, note.author, local_time(note.created_at))
            item = QListWidgetItem(shown(f"{head}\n{note.body}"))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.entries.addItem(item)
        self.case_tags.clear()
        self.case_tags.addItems([shown(t) for t in tags_on_case])
        self.remove_tag.setEnabled(self.can_tag and bool(tags_on_case))
        on = set(tags_on_case)
        self.tag_choice.clear()
        self.tag_choice.addItems([shown(t.name) for t in tag_list if t.name not in on])
        self.add_tag.setEnabled(self.tag_choice.count() > 0)

    def focus_editor(self) -> None:
        self.editor.setFocus()

    def add_note(self) -> None:
        if self.detail is None:
            return
        body = self.editor.toPlainText()
        if not body.strip():
            self.say(self.tr("备注内容为空"), ok=False)
            self.editor.setFocus()
            return
        if len(body.strip()) > NOTE_MAX_CHARS:
            self.say(
                fill(self.tr("备注过长：%1 字，最多 %2 字"), len(body.strip()), NOTE_MAX_CHARS),
                ok=False,
            )
            return
        on_account = self.target.currentData() == "account"
        where = (
            {"account_id": self.detail.account.id} if on_account else {"case_id": self.detail.id}
        )
        client = self.client

        def done(_note_id) -> None:
            self.editor.clear()
            self.say(self.tr("备注已添加"))
            self.changed.emit()
            self.load(self.detail)

        self.runner.run(
            lambda _ctx: client.call(notes.add_note, body=body, **where),
            on_success=done,
            on_failure=self._failed,
            owner=self,
        )

    def _tag(self, add: bool) -> None:
        box = self.tag_choice if add else self.case_tags
        if self.detail is None or box.currentIndex() < 0:
            return
        name, case_id, client = box.currentText(), self.detail.id, self.client
        op = notes.tag_case if add else notes.untag_case

        def done(_tags) -> None:
            self.say(fill(self.tr("已加标签：%1") if add else self.tr("已去掉标签：%1"), name))
            self.changed.emit()
            self.load(self.detail)

        self.runner.run(
            lambda _ctx: client.call(op, case_id=case_id, name=name),
            on_success=done,
            on_failure=self._failed,
            owner=self,
        )

    def define_tag(self) -> None:
        """Ask for a name and add it to the team's tag list (supervisors, administrators)."""
        name, ok = QInputDialog.getText(
            self, self.tr("新建标签"), self.tr("标签名（最多 24 字，全队共用）：")
        )
        if not ok or not name.strip():
            return
        client = self.client

        def done(tag) -> None:
            self.say(fill(self.tr("已新建标签：%1"), tag.name))
            self.load(self.detail)

        self.runner.run(
            lambda _ctx: client.call(notes.define_tag, name=name),
            on_success=done,
            on_failure=self._failed,
            owner=self,
        )

    def _failed(self, exc: BaseException) -> None:
        text = refusal_text(exc)
        if text is None:
            raise exc
        self.say(text, ok=False)
