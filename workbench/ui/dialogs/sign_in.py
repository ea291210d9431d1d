"""Signing in as a reviewer; a refusal is shown in words inside the dialog."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.operations.access import Actor
from workbench.operations.client import Client
from workbench.ui.errors import refusal_text, show_error
from workbench.ui.i18n import error_text
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import plain_label


class SignInDialog(QDialog):
    """Accepted with ``actor`` set once the login and password are right.
    ``settings_requested`` asks the app to open the database settings."""

    settings_requested = Signal()

    def __init__(
        self,
        client: Client,
        runner: TaskRunner,
        *,
        login: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.client, self.runner = client, runner
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("登录 — 账号信息投诉举报工作台"))
        self.setObjectName("signInDialog")
        self.setMinimumWidth(420)
        self.login = QLineEdit(login, self)
        self.login.setObjectName("login")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = plain_label("", self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#d93025")
        # A field, not a label: a long path or URL scrolls in it and can be copied whole.
        self.location = QLineEdit(client.location, self)
        self.location.setObjectName("signInLocation")
        self.location.setReadOnly(True)
        self.location.setFrame(False)
        self.location.setCursorPosition(0)
        form = QFormLayout()
        form.addRow(self.tr("登录名"), self.login)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(
            self.tr("服务器") if client.kind == "remote" else self.tr("数据库"), self.location
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.settings_button = QPushButton(self.tr("连接设置…"), self)
        self.buttons.addButton(self.settings_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.settings_button.clicked.connect(self.settings_requested)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if login else self.login).setFocus()

    def submit(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self.message.setText(error_text("请输入登录名和密码", "enter your login and password"))
            return
        self.message.setText("")
        self.buttons.setEnabled(False)
        client = self.client
        self.runner.run(
            lambda _ctx: client.sign_in(login, password),
            on_success=self._signed_in,
            on_failure=self._refused,
            label=self.tr("正在登录…"),
            parent_widget=self,
            owner=self,
        )

    def _signed_in(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        self.actor = actor
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        text = refusal_text(exc)
        if text is None:
            show_error(self, exc)
            return
        self.message.setText(text)
