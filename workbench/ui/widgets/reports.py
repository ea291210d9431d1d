"""The reports of a case with evidence thumbnails, the case timeline, related cases."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.views import RelatedCase, ReportView, TimelineEntry
from workbench.ui.labels import label, local_time
from workbench.ui.widgets.images import Thumbnail

EVIDENCE = QSize(96, 96)


class ReportWidget(QFrame):
    """One report: who (masked contact), their credibility, what they said, the evidence."""

    def __init__(self, report: ReportView, parent: QWidget | None = None):
        super().__init__(parent)
        self.report = report
        self.setFrameShape(QFrame.Shape.StyledPanel)
        cred = report.credibility
        if cred is None:
            cred_text = self.tr("可信度未知")
        else:
            cred_text = (
                self.tr("可信度 %1（举报 %2 次，成立 %3 次，不予受理 %4 次）")
                .replace("%1", f"{cred.score:.0%}")
                .replace("%2", str(cred.reports_made))
                .replace("%3", str(cred.upheld))
                .replace("%4", str(cred.declined))
            )
        who = report.reporter_name or self.tr("匿名")
        contact = f" · {report.reporter_contact}" if report.reporter_contact else ""
        header = QLabel(
            f"<b>{who}</b>{contact} · {local_time(report.received_at)} · "
            f"{label('category', report.category)} · {cred_text}",
            self,
        )
        header.setObjectName("reportHeader")
        header.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(header)
        if report.suspected_malicious:
            flag = QLabel(self.tr("疑似恶意举报"), self)
            flag.setStyleSheet("color:#d93025;font-weight:bold")
            layout.addWidget(flag)
        body = QLabel(report.text or self.tr("（无文字）"), self)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(body)
        self.thumbnails = [Thumbnail(p, EVIDENCE, self) for p in report.evidence_paths]
        if self.thumbnails:
            row = QHBoxLayout()
            for thumb in self.thumbnails:
                row.addWidget(thumb)
            row.addStretch(1)
            layout.addLayout(row)


class ReportList(QWidget):
    def __init__(self, reports: tuple[ReportView, ...], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.items = [ReportWidget(r, self) for r in reports]
        for item in self.items:
            layout.addWidget(item)
        if not reports:
            layout.addWidget(QLabel(self.tr("没有举报"), self))
        layout.addStretch(1)


class TimelineTable(QTableWidget):
    """Audit events and clock starts/stops, oldest first."""

    def __init__(self, entries: tuple[TimelineEntry, ...], parent: QWidget | None = None):
        super().__init__(len(entries), 4, parent)
        self.setObjectName("timeline")
        self.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("操作人"), self.tr("事件"), self.tr("详情")]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setStretchLastSection(True)
        for row, entry in enumerate(entries):
            actor = entry.actor or (self.tr("时限") if entry.kind == "clock" else self.tr("系统"))
            detail = entry.summary + (f" — {entry.reason}" if entry.reason else "")
            for column, text in enumerate((local_time(entry.at), actor, entry.action, detail)):
                self.setItem(row, column, QTableWidgetItem(text))
        self.resizeColumnsToContents()


class RelatedList(QListWidget):
    """Other cases on the account; ``case_chosen(id)`` on activation."""

    case_chosen = Signal(int)

    def __init__(self, related: tuple[RelatedCase, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("relatedCases")
        for case in related:
            item = QListWidgetItem(
                f"#{case.id} · {label('queue', case.queue)} · {label('category', case.category)}"
                f" · {label('status', case.status)} · {local_time(case.opened_at)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            self.addItem(item)
        self.itemActivated.connect(
            lambda item: self.case_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        )
