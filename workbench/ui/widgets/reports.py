"""The reports of a case with evidence thumbnails, and related cases (the timeline
is in :mod:`workbench.ui.widgets.timeline`).

A reporter's contact shows masked; with ``can_reveal`` a "显示" button beside
it emits ``reveal_requested`` (the pane reveals and calls ``show_revealed``)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.views import RelatedCase, ReportView
from workbench.ui.labels import label, local_time
from workbench.ui.widgets.images import Thumbnail
from workbench.ui.widgets.personal import RevealButton
from workbench.ui.widgets.plain import plain_label, rich

EVIDENCE = QSize(96, 96)


class ReportWidget(QFrame):
    """One report: who (masked contact), their credibility, what they said, the evidence."""

    reveal_requested = Signal(str, int, str, str)  # entity, id, field, what

    def __init__(
        self, report: ReportView, parent: QWidget | None = None, *, can_reveal: bool = False
    ):
        super().__init__(parent)
        self.report = report
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)  # the name in bold; texts escaped
        self.header.setText(self._header_text(report.reporter_contact))
        self.header.setObjectName("reportHeader")
        self.header.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.reveal_button: RevealButton | None = None
        ref = report.reporter_contact_ref
        if can_reveal and ref is not None:
            who = report.reporter_name or self.tr("匿名")
            self.reveal_button = RevealButton(
                ref, self.tr("举报人「%1」的联系方式").replace("%1", who), self
            )
            self.reveal_button.reveal_requested.connect(self.reveal_requested)
            top = QHBoxLayout()
            top.addWidget(self.header, 1)
            top.addWidget(self.reveal_button)
            layout.addLayout(top)
        else:
            layout.addWidget(self.header)
        if report.suspected_malicious:
            flag = plain_label(self.tr("疑似恶意举报"), self)
            flag.setStyleSheet("color:#d93025;font-weight:bold")
            layout.addWidget(flag)
        body = plain_label(report.text or self.tr("（无文字）"), self)
        body.setObjectName("reportText")
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

    def _header_text(self, contact: str | None) -> str:
        report = self.report
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
        who = rich(report.reporter_name or self.tr("匿名"))
        contact = f" · {rich(contact)}" if contact else ""
        return (
            f"<b>{who}</b>{contact} · {rich(local_time(report.received_at))} · "
            f"{rich(label('category', report.category))} · {rich(cred_text)}"
        )

    def show_revealed(self, entity: str, entity_id: int, field: str, value: str) -> bool:
        """Put a revealed contact in place of its mask; whether it is this report's reporter."""
        button = self.reveal_button
        if button is None or not button.matches(entity, entity_id, field):
            return False
        self.header.setText(self._header_text(value))
        button.hide()
        return True


class ReportList(QWidget):
    """The reports of a case; ``reveal_requested`` from any report's "显示" button."""

    reveal_requested = Signal(str, int, str, str)

    def __init__(
        self,
        reports: tuple[ReportView, ...],
        parent: QWidget | None = None,
        *,
        can_reveal: bool = False,
    ):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.items = [ReportWidget(r, self, can_reveal=can_reveal) for r in reports]
        for item in self.items:
            item.reveal_requested.connect(self.reveal_requested)
            layout.addWidget(item)
        if not reports:
            layout.addWidget(plain_label(self.tr("没有举报"), self))
        layout.addStretch(1)

    def show_revealed(self, entity: str, entity_id: int, field: str, value: str) -> bool:
        """The revealed contact in every report by that reporter."""
        shown = [item.show_revealed(entity, entity_id, field, value) for item in self.items]
        return any(shown)


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
