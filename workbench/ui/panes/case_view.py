"""The case view: account card beside the rule hits, reports, timeline and
related cases, with an actions area at the right.

``CaseView.show_case(case_id)`` reads the case off the GUI thread and shows
it; ``case_loaded(CaseDetail)`` fires when it is on screen.  The actions area
(``actions_area`` / ``actions_layout``) is left to the action panel, which
reacts to ``case_loaded`` and ``cleared``.

With a :class:`~workbench.ui.dialogs.reveal.Revealer` (``set_revealer``, for
reviewers who may reveal) masked personal data gets "显示" buttons; a
revealed value stays in place while this case is shown (also when it is
re-read) and is masked again once the view moves to another case.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.models import utcnow
from workbench.models.views import CaseDetail
from workbench.operations import reads
from workbench.operations.client import Client
from workbench.ui.dialogs.reveal import Revealer
from workbench.ui.labels import label, local_time
from workbench.ui.queue_model import STATE_COLOURS, countdown
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.account_card import AccountCardWidget
from workbench.ui.widgets.hits import HitList
from workbench.ui.widgets.notes_panel import NotesPanel
from workbench.ui.widgets.plain import plain_label, rich
from workbench.ui.widgets.reports import RelatedList, ReportList
from workbench.ui.widgets.timeline import TimelineTable


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class CaseView(QWidget):
    case_loaded = Signal(object)  # CaseDetail
    cleared = Signal()
    case_requested = Signal(int)  # a related case was chosen

    def __init__(self, client: Client, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.client, self.runner = client, runner
        self.detail: CaseDetail | None = None
        self._wanted: int | None = None
        self.revealer: Revealer | None = None

        self.header = QLabel(self)
        self.header.setObjectName("caseHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)  # a narrow window takes it on two lines
        self.card_toggle = QToolButton(self)
        self.card_toggle.setObjectName("cardToggle")
        self.card_toggle.setText(self.tr("账号卡片"))
        self.card_toggle.setToolTip(self.tr("显示或收起账号卡片 (Ctrl+Alt+K)"))
        self.card_toggle.setCheckable(True)
        self.card_toggle.setChecked(True)
        self.stack = QStackedWidget(self)
        self.placeholder = plain_label(self.tr("在上方的队列表格中选择一个案件"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.body = QWidget(self)
        self.stack.addWidget(self.body)

        self.card_area = QScrollArea(self)
        self.card_area.setWidgetResizable(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseTabs")
        self.actions_area = QFrame(self)
        self.actions_area.setObjectName("actionsArea")
        self.actions_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.actions_area.setMinimumWidth(270)  # action labels carry their shortcuts
        # The panel's widgets go into actions_layout, kept at the top by a stretch below
        # it (not by an alignment, which would give a wrapped confirmation one line).
        column = QVBoxLayout(self.actions_area)
        self.actions_layout = QVBoxLayout()
        column.addLayout(self.actions_layout)
        column.addStretch(1)
        self.actions_scroll = QScrollArea(self)  # a short window scrolls the actions
        self.actions_scroll.setObjectName("actionsScroll")
        self.actions_scroll.setWidgetResizable(True)
        self.actions_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.actions_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.actions_scroll.setWidget(self.actions_area)
        # Never narrower than the panel (it does not scroll sideways): room for a scroll bar.
        self.actions_scroll.setMinimumWidth(
            self.actions_area.minimumWidth()
            + self.actions_scroll.verticalScrollBar().sizeHint().width()
        )

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.body)
        self.splitter.setObjectName("caseSplitter")
        self.splitter.addWidget(self.card_area)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.actions_scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        body_layout = QHBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.card_toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        self.card_widget: AccountCardWidget | None = None
        self.hit_list: HitList | None = None
        self.report_list: ReportList | None = None
        self.timeline: TimelineTable | None = None
        self.related: RelatedList | None = None
        # Kept across re-reads (a note being written survives another reviewer's change).
        self.notes = NotesPanel(client, runner, self)
        self.notes.setObjectName("caseNotesPanel")
        # Scrolled like the other tabs, so the tab never sets the case view's width.
        self.notes_page = _scrolled(self.notes)
        self.add_note_action = QAction(self.tr("添加内部备注"), self)
        self.add_note_action.setObjectName("action_add_note")
        self.add_note_action.setShortcut(QKeySequence("Ctrl+Alt+N"))
        self.add_note_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_note_action.triggered.connect(self.write_note)
        self.addAction(self.add_note_action)

    @property
    def case_id(self) -> int | None:
        return self.detail.id if self.detail else None

    def show_case(self, case_id: int | None) -> None:
        """Read and show ``case_id`` (None clears the view)."""
        self._wanted = case_id
        if case_id is None:
            self.clear()
            return
        client = self.client

        def work(_ctx):
            return client.call(reads.case_detail, case_id=case_id)

        def done(detail: CaseDetail):
            if self._wanted == detail.id:
                self.set_detail(detail)

        self.runner.run(work, on_success=done, owner=self)

    def reload(self) -> None:
        if self.detail is not None:
            self.show_case(self.detail.id)

    def set_revealer(self, revealer: Revealer | None) -> None:
        """Reveal personal data through ``revealer`` (buttons only if it is allowed)."""
        self.revealer = revealer
        if self.detail is not None:
            self.set_detail(self.detail)

    def clear(self) -> None:
        if self.revealer is not None:
            self.revealer.serve(None)
        self.detail = None
        self.header.setText("")
        self.stack.setCurrentWidget(self.placeholder)
        self.cleared.emit()

    def set_detail(self, detail: CaseDetail) -> None:
        """Show ``detail`` (keeps the selected tab)."""
        tab = self.tabs.currentIndex()
        if self.detail is None or self.detail.id != detail.id:
            self.notes.editor.clear()
        self.detail = detail
        self.header.setText(self._header_html(detail))
        can_reveal = self.revealer is not None and self.revealer.allowed
        self.card_widget = AccountCardWidget(detail.account, can_reveal=can_reveal)
        self.card_widget.setObjectName("accountCard")
        old = self.card_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.card_area.setWidget(self.card_widget)
        self.hit_list = HitList(detail.hits)
        self.report_list = ReportList(detail.reports, can_reveal=can_reveal)
        self.timeline = TimelineTable(detail.timeline)
        self.related = RelatedList(detail.related)
        self.related.case_chosen.connect(self.case_requested)
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None and page is not self.notes_page:
                page.deleteLater()
        self.tabs.addTab(
            _scrolled(self.hit_list), self.tr("规则命中 (%1)").replace("%1", str(len(detail.hits)))
        )
        self.tabs.addTab(
            _scrolled(self.report_list),
            self.tr("举报 (%1)").replace("%1", str(len(detail.reports))),
        )
        self.tabs.addTab(self.timeline, self.tr("时间线"))
        self.tabs.addTab(
            self.related, self.tr("关联案件 (%1)").replace("%1", str(len(detail.related)))
        )
        self.tabs.addTab(self.notes_page, self.tr("备注"))
        self.notes.load(detail)
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)
        self.stack.setCurrentWidget(self.body)
        if self.revealer is not None:
            self.revealer.serve(detail.id, self.card_widget, self.report_list)
        self.case_loaded.emit(detail)

    def write_note(self) -> None:
        """Bring the 备注 tab forward with the cursor in its editor (Ctrl+Alt+N)."""
        if self.detail is None:
            return
        self.tabs.setCurrentWidget(self.notes_page)
        self.notes.focus_editor()

    def _header_html(self, d: CaseDetail) -> str:
        colour = STATE_COLOURS.get(d.due_state)
        due = countdown(d.due_at, utcnow())
        style = f"background:{colour.name()};" if colour is not None else ""
        assignee = d.assignee_name or self.tr("未认领")
        # Rich text for the size and colour; every text in it is escaped (rich()).
        return (
            f"<span style='font-size:14pt'><b>#{d.id} {rich(d.account.name)}</b></span> · "
            f"{rich(label('queue', d.queue))} · {rich(label('category', d.category))} · "
            f"{rich(label('status', d.status))} · "
            f"<span style='{style}padding:2px'>{rich(due)}</span> "
            f"({rich(local_time(d.due_at))}) · "
            + rich(self.tr("处理人：%1").replace("%1", assignee))
            + " · "
            + rich(self.tr("举报人数：%1").replace("%1", str(d.reporter_count)))
        )

    def on_changed(self, kind: str, ids: list) -> None:
        """Re-read the open case when a change names it."""
        if self.detail is not None and kind == "case" and self.detail.id in ids:
            self.reload()
