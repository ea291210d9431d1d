"""Importing accounts or reports from a file, and the base of the 数据 menu's dialogs.

:class:`JobDialog` starts one piece of data work through the task runner (off
the GUI thread, with a progress dialog and a cancel button) and shows what it
did.  :class:`ImportDialog` imports a CSV or JSON Lines file: every bad row is
listed with its line and reason and nothing is imported, unless "skip bad
rows" is ticked, when the good rows are imported and the bad ones written to
a rejects file beside the input.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.operations.jobs import (
    ACCOUNTS,
    BAD_ROWS,
    CANCELLED,
    BadLine,
    ImportResult,
    ImportTexts,
    fill,
    import_file,
)
from workbench.ui.errors import show_error
from workbench.ui.i18n import file_dialog_options
from workbench.ui.tasks import Task
from workbench.ui.widgets.plain import plain_label, set_plain

#: Bad rows listed in the dialog; the rest are counted (and in the rejects file).
MAX_SHOWN = 1000


def choose_import_file(parent: QWidget, title: str, folder: str = "") -> Path | None:
    """Ask for a CSV or JSON Lines file; None when the reviewer cancels."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        title,
        folder,
        "CSV / JSON Lines (*.csv *.jsonl *.ndjson *.json);;* (*)",
        options=file_dialog_options(),
    )
    return Path(path) if path else None


class JobDialog(QDialog):
    """Starts one piece of work, refuses to close while it runs, then shows the result.

    A subclass connects ``start_button`` and calls :meth:`launch` with the work
    and the method that shows its result.
    """

    job_finished = Signal(object)  # the plain result, once shown

    def __init__(self, client, actor, runner, bus, start_text: str, parent: QWidget | None):
        super().__init__(parent)
        self.client, self.actor, self.runner, self.bus = client, actor, runner, bus
        self.task: Task | None = None
        # What the job returned (not ``result``: that is QDialog's own result()).
        self.outcome: object = None
        self._show: Callable[[Any], None] | None = None
        self._busy = False
        self.failed_text = self.tr("未能完成，数据库未作改动。")
        self.status = plain_label("", self)  # file names and reasons quote the input
        self.status.setObjectName("jobStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("jobDetails")
        self.details.setReadOnly(True)
        # Long reasons (the allowed values) wrap: read without scrolling sideways.
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.start_button = self.buttons.addButton(
            start_text, QDialogButtonBox.ButtonRole.ActionRole
        )
        self.start_button.setObjectName("jobStart")
        self.start_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.resize(720, 420)

    def launch(self, work, label: str, show) -> None:
        """Run ``work(ctx)`` off the GUI thread; ``show(result)`` when it returns."""
        self._show = show
        self._set_busy(True)
        self.status.setText(label)
        self.details.hide()
        self.task = self.runner.run(
            work,
            on_success=self._succeeded,
            on_failure=self._failed,
            label=label,
            cancellable=True,
            parent_widget=self,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.start_button.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not busy)

    def _succeeded(self, result) -> None:
        self._set_busy(False)
        self.outcome = result
        assert self._show is not None  # set by launch(), which ran the job
        self._show(result)
        self.job_finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(self.failed_text)
        show_error(self, exc)

    def show_lines(self, lines: list[str]) -> None:
        set_plain(self.details, "\n".join(lines))
        self.details.setVisible(bool(lines))

    def reject(self) -> None:
        if not self._busy:  # the work's callbacks come back to this dialog
            super().reject()


class ImportDialog(JobDialog):
    """Import accounts or reports from the file shown; ``what`` is ACCOUNTS or REPORTS."""

    def __init__(
        self,
        client,
        actor,
        runner,
        bus,
        what: str,
        path: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(client, actor, runner, bus, "", parent)
        self.what = what
        self.setObjectName("importDialog")
        self.start_button.setText(self.tr("开始导入"))
        self.start_button.clicked.connect(self.start)
        accounts = what == ACCOUNTS
        self.setWindowTitle(self.tr("导入账号") if accounts else self.tr("导入举报"))
        about = QLabel(
            self.tr(
                "CSV（含表头）或 JSONL 文件，每行一个账号。按平台账号 ID 匹配：已有账号按文件"
                "更新，重复导入不会新增。新增和变更的账号按规则筛查。"
            )
            if accounts
            else self.tr(
                "CSV（含表头）或 JSONL 文件，每行一条举报或投诉，被举报账号须已导入。按外部"
                "编号去重：重复导入不会重复立案。"
            ),
            self,
        )
        about.setWordWrap(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setReadOnly(True)
        choose = QPushButton(self.tr("选择文件…"), self)
        choose.setObjectName("importChoose")
        choose.clicked.connect(self.choose_file)
        self.skip_bad = QCheckBox(self.tr("跳过错误行"), self)
        self.skip_bad.setObjectName("importSkipBad")
        skip_hint = QLabel(
            self.tr(
                "勾选后导入合格的行，不合格的行连同原因写入原文件旁的 .rejects 文件；"
                "不勾选时，只要有一行不合格就不导入任何数据。"
            ),
            self,
        )
        skip_hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(row)
        layout.addWidget(self.skip_bad)
        layout.addWidget(skip_hint)
        layout.addWidget(self.status)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        if path is not None:
            self.set_path(path)

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.status.clear()
        self.details.hide()

    def choose_file(self) -> None:
        current = self.path()
        chosen = choose_import_file(
            self, self.windowTitle(), str(current.parent) if current else ""
        )
        if chosen is not None:
            self.set_path(chosen)

    def start(self) -> None:
        path = self.path()
        if path is None or not path.is_file():
            self.status.setText(self.tr("请先选择一个存在的文件。"))
            return
        accounts = self.what == ACCOUNTS
        texts = ImportTexts(
            reading=fill(self.tr("正在读取并检查 %1…"), path.name),
            rules=self.tr("正在载入筛查规则…"),
            writing=self.tr("正在写入数据库…"),
            progress=self.tr("已筛查账号 %1 / %2") if accounts else self.tr("已立案举报 %1 / %2"),
        )
        client, actor, what, skip_bad = (
            self.client,
            self.actor,
            self.what,
            self.skip_bad.isChecked(),
        )
        self.launch(
            lambda ctx: import_file(
                client, actor, what, path, skip_bad=skip_bad, texts=texts, ctx=ctx
            ),
            fill(self.tr("正在导入 %1…"), path.name),
            self.show_result,
        )

    def show_result(self, result: ImportResult) -> None:
        if result.state == CANCELLED:
            self.status.setText(self.tr("已取消导入，数据库未作任何改动。"))
            return
        if result.state == BAD_ROWS:
            self.status.setText(
                fill(
                    self.tr("%1 行不合格，未导入任何数据。请修正文件后重试，或勾选“跳过错误行”。"),
                    len(result.bad),
                )
            )
            self.show_lines(self.bad_lines(result.bad))
            return
        text = self._summary(result)
        if result.bad:
            text += "\n" + fill(
                self.tr("%1 行不合格，已跳过，连同原因写入：%2"),
                len(result.bad),
                result.rejects_file or "",
            )
        set_plain(self.status, text)
        self.show_lines(self.bad_lines(result.bad))

    def _summary(self, result: ImportResult) -> str:
        c = result.counts
        if result.what == ACCOUNTS:
            template = self.tr(
                "账号导入完成：新增 %1 个，更新 %2 个，未变 %3 个；新的规则命中 %4 条。"
            )
            values = (c["created"], c["updated"], c["unchanged"], c["hits_new"])
            if c.get("invalid_ids"):  # imported all the same, flagged for correction (2022/15)
                flagged = self.tr(
                    "其中 %1 个账号的身份证号码或统一社会信用代码未通过校验，已导入并标记待更正。"
                )
                return fill(template, *values) + "\n" + fill(flagged, c["invalid_ids"])
        else:
            template = self.tr(
                "举报导入完成：导入 %1 条（新立案 %2 件，并入已有案件 %3 条），此前已收到 %4 条。"
            )
            values = (c["received"], c["cases_opened"], c["joined"], c["already_known"])
        return fill(template, *values)

    def bad_lines(self, bad: tuple[BadLine, ...]) -> list[str]:
        """One line per bad row, the first :data:`MAX_SHOWN`, then how many more."""
        line = self.tr("第 %1 行：%2")
        lines = [fill(line, str(b.line), b.reason) for b in bad[:MAX_SHOWN]]
        if len(bad) > MAX_SHOWN:
            lines.append(fill(self.tr("……另有 %1 行不合格未列出"), len(bad) - MAX_SHOWN))
        return lines
