"""Smaller administration tabs: calendar overrides, reply templates, the lexicon
folder, and how often reviewers dismiss each rule's hits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)
from sqlmodel import select

from workbench.models import CalendarDay, utcnow
from workbench.models.codes import DayKind
from workbench.queues import calendar, retime
from workbench.queues.templates import LANGUAGES, TemplateLibrary
from workbench.resources import Traversable, on_disk
from workbench.rules.lexicons import LEXICON_DIR, Lexicons
from workbench.rules.store import dismissal_rates
from workbench.ui.admin.base import AdminTab
from workbench.ui.i18n import pick
from workbench.ui.labels import label

DAY_KINDS = {
    DayKind.HOLIDAY.value: ("法定节假日", "statutory holiday"),
    DayKind.WORKDAY.value: ("调休工作日", "make-up working day"),
}


def list_days(session) -> list[tuple[date, str, str]]:
    rows = session.exec(select(CalendarDay).order_by(CalendarDay.day.desc())).all()
    return [(r.day, r.kind, getattr(r, "note", "") or "") for r in rows]


class CalendarTab(AdminTab):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("calendarTable")
        self.table.setHorizontalHeaderLabels([self.tr("日期"), self.tr("类型"), self.tr("说明")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setObjectName("calendarDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox(self)
        self.kind.setObjectName("calendarKind")
        for code, pair in DAY_KINDS.items():
            self.kind.addItem(pick(pair), code)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("说明，如 国庆节"))
        row = QHBoxLayout()
        for widget in (self.day, self.kind, self.note):
            row.addWidget(widget)
        for key, text in (
            ("set", self.tr("设置该日")),
            ("clear", self.tr("清除该日")),
            ("import", self.tr("导入 CSV…")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"calendar_{key}")
            button.clicked.connect(getattr(self, f"do_{key}"))
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def reload(self) -> None:
        self.read(list_days, self._fill)

    def _fill(self, rows) -> None:
        self.table.setRowCount(len(rows))
        for r, (day, kind, note) in enumerate(rows):
            for c, text in enumerate(
                (day.isoformat(), pick(DAY_KINDS.get(kind, (kind, kind))), note)
            ):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _day(self) -> date:
        return self.day.date().toPython()

    def do_set(self) -> None:
        actor, day, kind, note = self.actor, self._day(), self.kind.currentData(), self.note.text()
        self.retime(
            lambda s: calendar.set_day(s, actor, day, kind, note),
            self.tr("已设置 %1").replace("%1", day.isoformat()),
        )

    def do_clear(self) -> None:
        actor, day = self.actor, self._day()
        self.retime(
            lambda s: calendar.clear_day(s, actor, day),
            self.tr("已清除 %1").replace("%1", day.isoformat()),
        )

    def do_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入节假日 CSV"), "", "CSV (*.csv)")
        if path:
            self.import_csv(Path(path))

    def import_csv(self, path: Path) -> None:
        actor, text = self.actor, path.read_text(encoding="utf-8")
        self.retime(
            lambda s: calendar.import_calendar_csv(s, actor, text),
            self.tr("已导入 %1").replace("%1", path.name),
        )

    def retime(self, change, done: str) -> None:
        """Make the calendar change and recompute the open clocks under it, in one go."""
        actor = self.actor

        def after(result: retime.RetimeResult) -> None:
            self.say(
                done
                + " · "
                + self.tr("%1 个进行中的时限改变期限").replace("%1", str(len(result.moves)))
            )
            self.bus.notify("queues", [])

        self.write(lambda s: retime.apply_change(s, actor, change, at=utcnow()), done, after)


class TemplatesTab(AdminTab):
    """The reply templates, each shown as written and rendered with sample values."""

    def __init__(self, *args, library: TemplateLibrary | None = None, **kw):
        super().__init__(*args, **kw)
        self.library = library or TemplateLibrary()
        self.names = QListWidget(self)
        self.names.setObjectName("templateList")
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(code, code)
        self.source = QPlainTextEdit(self)
        self.source.setObjectName("templateSource")
        self.source.setReadOnly(True)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("templatePreview")
        self.preview.setReadOnly(True)
        self.names.currentTextChanged.connect(self.show_template)
        self.language.currentIndexChanged.connect(lambda _i: self.show_template())
        folder = QLabel(str(self.library.directory), self)
        folder.setTextInteractionFlags(
            folder.textInteractionFlags() | folder.textInteractionFlags()
        )
        right = QVBoxLayout()
        right.addWidget(self.language)
        right.addWidget(QLabel(self.tr("模板原文"), self))
        right.addWidget(self.source, 1)
        right.addWidget(QLabel(self.tr("示例预览"), self))
        right.addWidget(self.preview, 1)
        right.addWidget(self.message)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(folder)
        left.addWidget(self.names, 1)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)

    def reload(self) -> None:
        current = self.names.currentItem().text() if self.names.currentItem() else None
        self.names.clear()
        self.names.addItems(self.library.names())
        if current:
            found = self.names.findItems(current, Qt.MatchFlag.MatchExactly)
            if found:
                self.names.setCurrentItem(found[0])

    def show_template(self, name: str | None = None) -> None:
        name = name or (self.names.currentItem().text() if self.names.currentItem() else None)
        if not name:
            return
        language = self.language.currentData()
        try:
            template = self.library.get(name, language)
            sample = {key: f"«{key}»" for key in template.placeholders}
            subject, body = self.library.render(name, language, sample)
        except Exception as exc:
            self.source.setPlainText("")
            self.preview.setPlainText("")
            self.refused(exc)
            return
        self.source.setPlainText(f"{template.subject}\n\n{template.body}")
        self.preview.setPlainText(f"{subject}\n\n{body}")
        self.message.setText("")


class LexiconsTab(AdminTab):
    """Where the rule lexicons live; open the folder; reload to check them.

    The folder is the shipped lists by default: shown and opened, never written.
    """

    def __init__(self, *args, folder: Path | Traversable = LEXICON_DIR, **kw):
        super().__init__(*args, **kw)
        self.folder = folder
        path = QLabel(str(self.folder), self)
        path.setObjectName("lexiconFolder")
        open_button = QPushButton(self.tr("打开词表目录"), self)
        open_button.setObjectName("lexiconOpen")
        on_disk_folder = on_disk(self.folder)
        open_button.setEnabled(on_disk_folder is not None)  # not when the package is zipped
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(on_disk_folder)))
        )
        reload_button = QPushButton(self.tr("重新加载并检查"), self)
        reload_button.setObjectName("lexiconReload")
        reload_button.clicked.connect(self.check)
        self.lists = QTableWidget(0, 2, self)
        self.lists.setObjectName("lexiconLists")
        self.lists.setHorizontalHeaderLabels([self.tr("词表"), self.tr("词条数")])
        self.lists.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        row.addWidget(path, 1)
        row.addWidget(open_button)
        row.addWidget(reload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.lists, 1)
        layout.addWidget(self.message)

    def check(self) -> None:
        folder = self.folder

        def work(_ctx):
            lexicons = Lexicons.load(folder)
            return sorted((name, len(entries)) for name, entries in lexicons.lists.items())

        def done(rows) -> None:
            self.lists.setRowCount(len(rows))
            for r, (name, count) in enumerate(rows):
                self.lists.setItem(r, 0, QTableWidgetItem(name))
                self.lists.setItem(r, 1, QTableWidgetItem(str(count)))
            self.say(self.tr("词表已加载：%1 个").replace("%1", str(len(rows))))

        def failed(exc) -> None:
            self.say(self.tr("词表有误：%1").replace("%1", str(exc)), ok=False)

        self.runner.run(work, on_success=done, on_failure=failed, owner=self)


class RatesTab(AdminTab):
    """How often reviewers dismissed each rule's hits: the noisiest rules first."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("dismissalRates")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("规则"),
                self.tr("类别"),
                self.tr("已判定"),
                self.tr("不成立"),
                self.tr("不成立比例"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def reload(self) -> None:
        actor = self.actor
        self.read(lambda s: dismissal_rates(s, actor), self._fill)

    def _fill(self, rates) -> None:
        self.table.setRowCount(len(rates))
        for r, rate in enumerate(rates):
            texts = (
                rate.rule,
                label("category", rate.category),
                str(rate.decided),
                str(rate.dismissed),
                f"{rate.rate:.0%}",
            )
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
