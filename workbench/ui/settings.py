"""UI state remembered on this computer (QSettings): database, language,
window geometry, splitters, last queue.  Shared settings live in the database."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from workbench.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES


class UiSettings:
    def __init__(self, store: QSettings | None = None):
        self.store = store or QSettings("workbench", "workbench")

    def _text(self, key: str, default: str = "") -> str:
        value = self.store.value(key, default)
        return str(value) if value is not None else default

    @property
    def database_url(self) -> str:
        """The database chosen in settings; empty means the embedded file."""
        return self._text("database/url")

    @database_url.setter
    def database_url(self, url: str) -> None:
        self.store.setValue("database/url", url.strip())

    @property
    def language(self) -> str:
        value = self._text("ui/language", DEFAULT_LANGUAGE)
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        self.store.setValue("ui/language", value if value in LANGUAGES else DEFAULT_LANGUAGE)

    @property
    def last_login(self) -> str:
        return self._text("ui/last_login")

    @last_login.setter
    def last_login(self, login: str) -> None:
        self.store.setValue("ui/last_login", login)

    @property
    def last_queue(self) -> str:
        return self._text("ui/last_queue")

    @last_queue.setter
    def last_queue(self, queue: str) -> None:
        self.store.setValue("ui/last_queue", queue)

    def blob(self, key: str) -> QByteArray | None:
        value = self.store.value(f"state/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_blob(self, key: str, value: QByteArray) -> None:
        self.store.setValue(f"state/{key}", value)

    def sync(self) -> None:
        self.store.sync()
