"""Smaller administration tabs: calendar overrides, reply templates, the lexicon
folder, and how often reviewers dismiss each rule's hits.

Templates and lexicons are read where the operations run (over a server, on
the server); the lexicon folder can be opened only when it is on this machine.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from workbench.models.codes import DayKind
from workbench.operations import admin
from workbench.operations.admin import (
    LANGUAGES,
    CalendarDayView,
    LexiconCount,
    LexiconFolder,
    RetimeResult,
    TemplateList,
    TemplatePreview,
)
from workbench.operations.reads import lexicon_name
from workbench.ui.admin.base import AdminTab
from workbench.ui.i18n import LANGUAGE_NAMES, file_dialog_options, pick
from workbench.ui.labels import label, rule_label
from workbench.ui.widgets.dates import day_of
from workbench.ui.widgets.plain import plain_label, set_plain, shown

DAY_KINDS = {
    DayKind.HOLIDAY.value: ("法定节假日", "statutory holiday"),
    DayKind.WORKDAY.value: ("调休工作日", "make-up working day"),
}


class CalendarTab(AdminTab):
    def __init__(self, *args: Any, **kw: Any) -> None:
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
        self.read(admin.calendar_days, self._fill)

    def _fill(self, rows: list[CalendarDayView]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            kind = pick(DAY_KINDS.get(row.kind, (row.kind, row.kind)))
            for c, text in enumerate((row.day.isoformat(), kind, row.note)):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _day(self) -> date:
        return day_of(self.day)

    def do_set(self) -> None:
        day, kind, note = self._day(), self.kind.currentData(), self.note.text()
        self.retime(
            admin.set_calendar_day,
            self.tr("已设置 %1").replace("%1", day.isoformat()),
            day=day,
            kind=kind,
            note=note,
        )

    def do_clear(self) -> None:
        day = self._day()
        self.retime(
            admin.clear_calendar_day, self.tr("已清除 %1").replace("%1", day.isoformat()), day=day
        )

    def do_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入节假日 CSV"), "", "CSV (*.csv)", options=file_dialog_options()
        )
        if path:
            self.import_csv(Path(path))

    def import_csv(self, path: Path) -> None:
        """Import a calendar CSV from this machine (its text goes to the operation)."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.say(
                self.tr("无法读取 %1：%2").replace("%1", path.name).replace("%2", str(exc)),
                ok=False,
            )
            return
        self.retime(
            admin.import_calendar_csv, self.tr("已导入 %1").replace("%1", path.name), text=text
        )

    def retime(self, op, done: str, **arguments) -> None:
        """Make the calendar change and recompute the open clocks under it, in one go."""

        def after(result: RetimeResult) -> None:
            self.say(
                done
                + " · "
                + self.tr("%1 个进行中的时限改变期限").replace("%1", str(len(result.moves)))
            )

        self.write(op, done, after, **arguments)


class TemplatesTab(AdminTab):
    """The reply templates, each shown as written and rendered with sample values."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.names = QListWidget(self)
        self.names.setObjectName("templateList")
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.source = QPlainTextEdit(self)
        self.source.setObjectName("templateSource")
        self.source.setReadOnly(True)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("templatePreview")
        self.preview.setReadOnly(True)
        self.names.currentItemChanged.connect(self.show_template)
        self.language.currentIndexChanged.connect(lambda _i: self.show_template())
        self.folder = plain_label("", self)
        self.folder.setObjectName("templateFolder")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QVBoxLayout()
        right.addWidget(self.language)
        right.addWidget(QLabel(self.tr("模板原文"), self))
        right.addWidget(self.source, 1)
        right.addWidget(QLabel(self.tr("示例预览"), self))
        right.addWidget(self.preview, 1)
        right.addWidget(self.message)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self.folder)
        left.addWidget(self.names, 1)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)

    def reload(self) -> None:
        self.read(admin.templates, self._fill)

    def _fill(self, listing: TemplateList) -> None:
        set_plain(self.folder, listing.folder)
        current = self._current_name()
        self.names.blockSignals(True)
        self.names.clear()
        for name in listing.names:  # by what the template says; its file id in the tooltip
            item = QListWidgetItem(label("template", name), self.names)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(f"{name}.toml")
        self.names.blockSignals(False)
        wanted = current or (listing.names[0] if listing.names else None)
        for i in range(self.names.count()):
            if self.names.item(i).data(Qt.ItemDataRole.UserRole) == wanted:
                self.names.setCurrentRow(i)  # the first one is shown at once

    def _current_name(self) -> str | None:
        item = self.names.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_template(self, *_args) -> None:
        name = self._current_name()
        if not name:
            return
        client, language = self.client, self.language.currentData()

        def work(_ctx):
            return client.call(admin.template_preview, name=name, language=language)

        def failed(exc) -> None:
            self.source.setPlainText("")
            self.preview.setPlainText("")
            self.refused(exc)

        self.runner.run(work, on_success=self._show, on_failure=failed, owner=self)

    def _show(self, shown: TemplatePreview) -> None:
        if self._current_name() != shown.name:
            return  # another template was chosen meanwhile
        if shown.language != self.language.currentData():
            return
        self.source.setPlainText(f"{shown.source_subject}\n\n{shown.source_body}")
        self.preview.setPlainText(f"{shown.subject}\n\n{shown.body}")
        self.message.setText("")


class LexiconsTab(AdminTab):
    """Where the rule lexicons live; open the folder; reload to check them.

    The folder is the shipped lists: shown and opened, never written.  It can
    be opened when it is a plain folder on this machine (not over a server,
    not inside a zipped package).
    """

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.folder: LexiconFolder | None = None
        self.path = plain_label("", self)
        self.path.setObjectName("lexiconFolder")
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("打开词表目录"), self)
        self.open_button.setObjectName("lexiconOpen")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_folder)
        reload_button = QPushButton(self.tr("重新加载并检查"), self)
        reload_button.setObjectName("lexiconReload")
        reload_button.clicked.connect(self.check)
        self.lists = QTableWidget(0, 2, self)
        self.lists.setObjectName("lexiconLists")
        self.lists.setHorizontalHeaderLabels([self.tr("词表"), self.tr("词条数")])
        self.lists.horizontalHeader().setStretchLastSection(True)
        # Each list's name whole: 国际组织名称（international_organisations）.
        self.lists.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.open_button)
        row.addWidget(reload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.lists, 1)
        layout.addWidget(self.message)

    def reload(self) -> None:
        """Where the lexicons are and what they hold, as soon as the tab opens."""
        self.read(admin.lexicon_folder, self._located)
        self.check()

    def _located(self, folder: LexiconFolder) -> None:
        self.folder = folder
        set_plain(self.path, folder.folder)
        local = getattr(self.client, "kind", "") == "local"
        self.open_button.setEnabled(local and folder.on_disk)

    def _open_folder(self) -> None:
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.folder))

    def check(self) -> None:
        """Read every lexicon again and list how many entries each has."""

        def done(rows: list[LexiconCount]) -> None:
            self.lists.setRowCount(len(rows))
            for r, row in enumerate(rows):
                self.lists.setItem(r, 0, QTableWidgetItem(shown(pick(lexicon_name(row.name)))))
                count = QTableWidgetItem(f"{row.entries:,}")  # 17,550, not 17550
                count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lists.setItem(r, 1, count)
            self.say(self.tr("词表已加载：%1 个").replace("%1", str(len(rows))))

        self.read(admin.check_lexicons, done)


class RatesTab(AdminTab):
    """How often reviewers dismissed each rule's hits: the noisiest rules first."""

    def __init__(self, *args: Any, **kw: Any) -> None:
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
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        # Rule names and categories whole, however long (they are what the tab is about).
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def reload(self) -> None:
        self.read(admin.dismissal_rates, self._fill)

    def _fill(self, rates) -> None:
        self.table.setRowCount(len(rates))
        for r, rate in enumerate(rates):
            texts = (
                rule_label(rate.rule, rate.category),
                label("category", rate.category),
                str(rate.decided),
                str(rate.dismissed),
                f"{rate.rate:.0%}",
            )
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
