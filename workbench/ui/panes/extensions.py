"""Puts the action panel, presence line and the role pages into a main window.

``install_panels(window)`` is called once after the main window is built:
the action panel goes into the case view's actions area and its actions into
the 案件 menu (their shortcuts work anywhere in the window); the appeals
view, the supervisor's dashboard and the administration page become tabs
for the roles that use them; the case view reveals personal data through a
:class:`~workbench.ui.dialogs.reveal.Revealer` (buttons for the roles that may).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from workbench.models.codes import Role
from workbench.models.views import QueueRow
from workbench.ui.data_menu import DataMenu, install_data_menu
from workbench.ui.dialogs.reveal import Revealer
from workbench.ui.holds_menu import HoldsMenu
from workbench.ui.panes.actions import ActionPanel
from workbench.ui.scheduler import ClockScheduler
from workbench.ui.widgets.plain import plain_label
from workbench.ui.widgets.presence import PresenceLine
from workbench.ui.window_layout import WindowLayout, install_layout


@dataclass
class Panels:
    actions: ActionPanel
    presence: PresenceLine
    revealer: Revealer | None = None
    appeals: QWidget | None = None
    change_requests: QWidget | None = None
    dashboard: QWidget | None = None
    admin: QWidget | None = None
    regulator_reports: QWidget | None = None
    scheduler: ClockScheduler | None = None
    data: DataMenu | None = None
    holds: HoldsMenu | None = None
    layout: WindowLayout | None = None


def _open_next(window, done_id: int) -> None:
    """Select the next queue row that is another case (or clear the view)."""
    view, model = window.queue_view, window.queue_view.model
    start = max(view.table.currentIndex().row(), 0)
    count = model.rowCount()
    for i in [*range(start, count), *range(0, start)]:
        row: QueueRow | None = model.row_at(i)
        if row is not None and row.case_id not in (None, done_id):
            view.select_row(i)
            if window.case_view.case_id != row.case_id:  # the row was current already
                window.case_view.show_case(row.case_id)
            return
    window.case_view.show_case(None)


def _follow_in_queue(window, case_id: int) -> None:
    """The queue's current row follows the case on screen (as after 认领下一个, Ctrl+N):
    its row when the queue has it loaded, else no row, rather than another case's."""
    view = window.queue_view
    current = view.current_row()
    if current is not None and current.case_id == case_id:
        return
    row = view.model.row_of_case(case_id)
    view.blockSignals(True)  # the case is already shown: do not read it again
    try:
        if row is None:
            view.table.clearSelection()
            view.table.setCurrentIndex(view.model.index(-1, -1))
        else:
            view.select_row(row)
            view.table.scrollTo(view.model.index(row, 0))
    finally:
        view.blockSignals(False)


def _no_case_actions_note(window) -> QLabel | None:
    """For a reviewer whose roles take no case action: why the action panel is empty."""
    if window.gate.allows(Role.MODERATOR, Role.SUPERVISOR):
        return None
    if window.gate.allows(Role.APPEAL_REVIEWER):
        text = QCoreApplication.translate(
            "Extensions",
            "申诉复核员在「申诉复核」页复核申诉；案件的受理、甄别、处置和回复由审核员与主管进行，"
            "这里只供查看。",
        )
    else:
        text = QCoreApplication.translate(
            "Extensions",
            "系统管理员可以查看案件，但不处理案件：受理、甄别、处置和回复由审核员与主管进行。"
            "管理员的工作在「系统管理」页。",
        )
    note = plain_label(text)
    note.setObjectName("noCaseActions")
    note.setWordWrap(True)
    note.setStyleSheet("color:#555")
    return note


def install_panels(window) -> Panels:
    from workbench.ui.admin.page import AdminPage
    from workbench.ui.panes.appeals_view import AppealsView
    from workbench.ui.panes.change_requests_view import ChangeRequestsView
    from workbench.ui.panes.dashboard import Dashboard
    from workbench.ui.panes.regulator_reports import RegulatorReportsPage

    client, actor, runner, bus = window.client, window.actor, window.runner, window.bus
    case_view = window.case_view
    presence = PresenceLine(client, actor, runner, case_view.actions_area)
    actions = ActionPanel(
        client,
        actor,
        runner,
        bus,
        current_queue=window.current_queue,
        selected_rows=window.queue_view.selected_rows,
        open_case=case_view.show_case,
        open_next=lambda done: _open_next(window, done),
        parent=case_view.actions_area,
    )
    case_view.actions_layout.addWidget(presence)
    case_view.actions_layout.addWidget(actions)
    note = _no_case_actions_note(window)
    if note is not None:
        case_view.actions_layout.addWidget(note)
    case_view.case_loaded.connect(actions.set_detail)
    case_view.case_loaded.connect(lambda detail: _follow_in_queue(window, detail.id))
    case_view.case_loaded.connect(lambda detail: presence.follow(detail.id))
    case_view.cleared.connect(lambda: actions.set_detail(None))
    case_view.cleared.connect(lambda: presence.follow(None))
    window.case_menu.addActions(list(actions.actions.values()))
    window.case_menu.addAction(case_view.add_note_action)  # Ctrl+Alt+N: the 备注 tab
    panels_holds = HoldsMenu(window)  # mute a reporter, snooze an account, the list
    revealer = Revealer(client, actor, runner, case_view)
    case_view.set_revealer(revealer)
    panels = Panels(actions, presence, revealer, holds=panels_holds)

    appeals = AppealsView(client, actor, runner, bus)
    if window.add_page(
        "appeals",
        appeals,
        QCoreApplication.translate("Extensions", "申诉复核"),
        Role.APPEAL_REVIEWER,
        Role.SUPERVISOR,
        Role.ADMINISTRATOR,
    ):
        panels.appeals = appeals
        bus.changed.connect(appeals.on_changed)

        def open_appeal(row: QueueRow) -> None:
            if row.appeal_id is not None:
                appeals.show_appeal(row.appeal_id)
                window.pages.setCurrentWidget(appeals)

        window.queue_view.row_activated.connect(open_appeal)
    else:
        appeals.deleteLater()
    changes = ChangeRequestsView(client, actor, runner, bus)
    if window.add_page(
        "change_requests",
        changes,
        QCoreApplication.translate("Extensions", "信息变更审核"),
        Role.MODERATOR,
        Role.SUPERVISOR,
    ):
        panels.change_requests = changes
        bus.changed.connect(changes.on_changed)
    else:
        changes.deleteLater()
    if window.gate.allows(Role.SUPERVISOR, Role.ADMINISTRATOR):
        panels.dashboard = Dashboard(client, actor, runner, bus)
        window.add_page(
            "dashboard", panels.dashboard, QCoreApplication.translate("Extensions", "主管看板")
        )
        bus.changed.connect(panels.dashboard.on_changed)
        panels.regulator_reports = RegulatorReportsPage(client, actor, runner, bus)
        window.add_page(
            "regulator_reports",
            panels.regulator_reports,
            QCoreApplication.translate("Extensions", "监管报送"),
        )
        bus.changed.connect(panels.regulator_reports.on_changed)
    if window.gate.allows(Role.ADMINISTRATOR):
        panels.admin = AdminPage(client, actor, runner, bus)
        window.add_page("admin", panels.admin, QCoreApplication.translate("Extensions", "系统管理"))
    window.destroyed.connect(presence.timer.stop)
    window.sign_out_requested.connect(presence.stop)  # others stop seeing this reviewer
    panels.scheduler = wire_scheduler(window)
    panels.data = install_data_menu(window)  # the 数据 menu, for the roles that import
    panels.layout = install_layout(window)  # after the pages: their splitters are remembered too
    return panels


def wire_scheduler(window, *, interval_ms: int = 60_000) -> ClockScheduler:
    """The in-app clock tick for ``window``: started when the window is live
    (it has change sources); what it raises reaches the views as the tick's
    change notices, failures go to the status bar."""
    scheduler = ClockScheduler(window.client, interval_ms=interval_ms, parent=window)
    scheduler.failed.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    # Signed out or closed: no more ticks (a hidden window's timer outlives it until
    # its deferred deletion, and its client is signed out by then).
    window.stopped.connect(scheduler.stop)
    # Through a team server the server ticks; a desktop on its own file ticks itself.
    if window.live and window.client.kind == "local":
        scheduler.start()
    return scheduler
