"""Settings on this computer: which database, and the language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workbench.operations.database import (
    DatabaseOpenError,
    check_location,
    default_sqlite_path,
    is_server,
)
from workbench.ui.errors import refusal_text
from workbench.ui.i18n import LANGUAGE_NAMES, LANGUAGES, error_text, file_dialog_options
from workbench.ui.settings import UiSettings
from workbench.ui.widgets.plain import plain_label


class SettingsDialog(QDialog):
    """Choose this computer (an SQLite file), a team server (its URL) or, for the
    database owner, a PostgreSQL URL; and zh_CN / en.
    On accept the choice is saved; ``database_changed`` / ``language_changed`` say what moved."""

    def __init__(self, settings: UiSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.database_changed = False
        self.language_changed = False
        self.setWindowTitle(self.tr("设置"))
        self.setObjectName("settingsDialog")
        url = settings.database_url
        self.use_sqlite = QRadioButton(self.tr("本机（SQLite 文件）"), self)
        self.use_server = QRadioButton(self.tr("团队服务器"), self)
        self.use_server.setObjectName("useServer")
        self.use_postgres = QRadioButton(self.tr("直连 PostgreSQL（仅数据库管理员）"), self)
        group = QButtonGroup(self)
        group.addButton(self.use_sqlite)
        group.addButton(self.use_server)
        group.addButton(self.use_postgres)
        self.server_url = QLineEdit(self)
        self.server_url.setObjectName("serverUrl")
        self.server_url.setPlaceholderText("https://workbench.example.com")
        self.sqlite_path = QLineEdit(self)
        self.sqlite_path.setObjectName("sqlitePath")
        self.sqlite_path.setPlaceholderText(str(default_sqlite_path()))
        browse = QPushButton(self.tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        self.postgres_url = QLineEdit(self)
        self.postgres_url.setObjectName("postgresUrl")
        self.postgres_url.setPlaceholderText("postgresql+psycopg://user@host:5432/workbench")
        if is_server(url):
            self.use_server.setChecked(True)
            self.server_url.setText(url)
        elif url.startswith("postgres"):
            self.use_postgres.setChecked(True)
            self.postgres_url.setText(url)
        else:
            self.use_sqlite.setChecked(True)
            self.sqlite_path.setText(url.removeprefix("sqlite:///"))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(settings.language))
        self.message = plain_label("", self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#d93025")

        sqlite_row = QHBoxLayout()
        sqlite_row.addWidget(self.sqlite_path)
        sqlite_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.use_sqlite)
        form.addRow(self.tr("文件"), sqlite_row)
        form.addRow(self.use_server)
        form.addRow(self.tr("服务器"), self.server_url)
        form.addRow(self.use_postgres)
        form.addRow(self.tr("地址"), self.postgres_url)
        form.addRow(self.tr("界面语言"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        # Only the chosen place's field can be typed in; the others keep their text.
        for radio, fields in (
            (self.use_sqlite, (self.sqlite_path, browse)),
            (self.use_server, (self.server_url,)),
            (self.use_postgres, (self.postgres_url,)),
        ):
            for field in fields:
                field.setEnabled(radio.isChecked())
                radio.toggled.connect(field.setEnabled)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel(
            self.tr("更换语言后，工作台以新语言重新打开，仍停留在当前案件；更换连接后需重新登录。"),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("选择数据库文件"),
            self.sqlite_path.text() or str(default_sqlite_path()),
            "SQLite (*.sqlite3 *.db)",
            options=file_dialog_options(QFileDialog.Option.DontConfirmOverwrite),
        )
        if path:
            self.sqlite_path.setText(path)

    def chosen_url(self) -> str:
        if self.use_server.isChecked():
            return self.server_url.text().strip()
        if self.use_postgres.isChecked():
            return self.postgres_url.text().strip()
        path = self.sqlite_path.text().strip()
        return f"sqlite:///{path}" if path else ""

    def save(self) -> None:
        url = self.chosen_url()
        if self.use_server.isChecked() and not is_server(url):
            self.message.setText(
                error_text(
                    "请填写以 https:// 或 http:// 开头的服务器地址",
                    "enter the server address, starting with https:// or http://",
                )
            )
            return
        if self.use_postgres.isChecked() and not url:
            self.message.setText(error_text("请填写数据库地址", "enter the database URL"))
            return
        if url:
            try:
                checked = check_location(url)
            except DatabaseOpenError as exc:
                self.message.setText(refusal_text(exc) or str(exc))
                return
            if is_server(url):
                url = checked  # a database URL stays as the reviewer wrote it
        language = self.language.currentData()
        self.database_changed = url != self.settings.database_url
        self.language_changed = language != self.settings.language
        self.settings.database_url = url
        self.settings.language = language
        self.settings.sync()
        self.accept()
