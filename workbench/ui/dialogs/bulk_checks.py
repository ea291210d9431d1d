"""Re-checking the stock of accounts from the desktop (2022/15): ``workbench checks run``.

The account-level checks run over every account in service, off the GUI
thread, and each new hit is filed through the automated-screening channel
once.  Batches commit one by one, so a cancelled run keeps what it finished
and says how many accounts it processed; the next run checks them all again
and opens no second case for a hit already filed.  Ticked, the text rules
screen each account's information as well (name, bio, signature,
certification), as at import.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from workbench.models.codes import RULE_LABELS
from workbench.operations.jobs import DEFAULT_BATCH, ChecksResult, fill, run_checks
from workbench.ui.dialogs.import_data import JobDialog
from workbench.ui.labels import label


class BulkChecksDialog(JobDialog):
    """Start the bulk account checks and show the hits found and cases opened."""

    def __init__(self, client, actor, runner, bus, parent: QWidget | None = None):
        super().__init__(client, actor, runner, bus, "", parent)
        self.setObjectName("bulkChecksDialog")
        self.setWindowTitle(self.tr("账号批量检查"))
        self.start_button.setText(self.tr("开始检查"))
        self.start_button.clicked.connect(self.start)
        self.batch_size = DEFAULT_BATCH
        self.failed_text = self.tr(
            "检查未能完成：已完成的批次已保存，再次检查会重新核对全部账号，不会重复立案。"
        )
        about = QLabel(
            fill(
                self.tr(
                    "对全部在用账号（已关闭、列入黑名单的除外）做账号层面检查：实名认证、"
                    "公众账号信息公示、同一主体账号数量、六个月未使用、虚假流量、未经批准的转让、"
                    "内容类别、未经授权使用名单上的名称。新的命中经“自动筛查”渠道立案，已立案的命中不会重复立案。"
                    "每 %1 个账号保存一次：中途取消时，已完成的部分会保留。"
                ),
                self.batch_size,
            ),
            self,
        )
        about.setWordWrap(True)
        self.text_rules = QCheckBox(
            self.tr("同时按规则筛查账号信息文字（名称、简介、签名、认证信息）"), self
        )
        self.text_rules.setObjectName("checksTextRules")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.text_rules)
        layout.addWidget(self.status)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        client, actor, batch_size = self.client, self.actor, self.batch_size
        progress_text = self.tr("已检查账号 %1 / %2")
        text_rules = self.tr("正在载入筛查规则…") if self.text_rules.isChecked() else None
        self.launch(
            lambda ctx: run_checks(
                client,
                actor,
                progress_text=progress_text,
                ctx=ctx,
                batch_size=batch_size,
                text_rules=text_rules,
            ),
            self.tr("正在检查存量账号…"),
            self.show_result,
        )

    def show_result(self, result: ChecksResult) -> None:
        summary = result.summary
        if result.cancelled:
            head = fill(
                self.tr(
                    "已取消：取消前已处理 %1 / %2 个账号，这部分结果已保存。再次检查会重新核对"
                    "全部账号，已立案的命中不会重复立案。"
                ),
                summary.accounts_checked,
                result.stock,
            )
        else:
            head = fill(
                self.tr("检查完成：共检查 %1 个账号，其中 %2 个有命中。"),
                summary.accounts_checked,
                summary.accounts_with_hits,
            )
        body = fill(
            self.tr(
                "命中 %1 条（新命中 %2 条）；新立案 %3 件，并入已有案件 %4 条，此前已立案 %5 条。"
            ),
            summary.hits_found,
            summary.hits_new,
            summary.cases_opened,
            summary.reports_joined,
            summary.already_filed,
        )
        self.status.setText(f"{head}\n{body}")
        self.show_lines(
            [
                f"{label('category', c.value)}: {summary.by_category[c.value]:,}"
                for c in RULE_LABELS
                if summary.by_category.get(c.value)
            ]
        )
