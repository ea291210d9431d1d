"""The main window: queues at the left, the queue table, the case view.

Built for extension: ``add_page(key, widget, title, *roles)`` adds a tab
(dashboard, administration) shown only to those roles; ``case_menu`` and the
case view's ``actions_area`` take the case actions; ``bus`` carries what
changed; ``runner`` runs work off the GUI thread.  ``place()`` and
``restore_place(place)`` carry the reviewer's place into a rebuilt window.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from workbench.models.views import QueueName, QueueRow
from workbench.operations import reads
from workbench.operations.client import Client
from workbench.ui.changes import ChangeBus, ClientChanges
from workbench.ui.errors import show_error
from workbench.ui.intake_menu import install_intake_menu
from workbench.ui.labels import label
from workbench.ui.panes.case_view import CaseView
from workbench.ui.panes.queue_list import QueueListPane
from workbench.ui.panes.queue_view import QueueView
from workbench.ui.place import Place, capture, restore
from workbench.ui.queue_model import QueueTableModel
from workbench.ui.roles import RoleGate
from workbench.ui.settings import UiSettings
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.plain import plain_label

COUNTS_DELAY_MS = 500
log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    settings_requested = Signal()
    sign_out_requested = Signal()
    stopped = Signal()  # shutdown(): what runs on a timer for this window stops too

    def __init__(
        self,
        client: Client,
        runner: TaskRunner,
        settings: UiSettings,
        *,
        bus: ChangeBus | None = None,
        live: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        assert client.actor is not None, "sign in before opening the main window"
        actor = client.actor
        self.client, self.actor, self.runner, self.settings = client, actor, runner, settings
        self.gate = RoleGate(actor)
        self.bus = bus or ChangeBus(self)
        # Failures nobody handled are shown over this window (and no other,
        # once it is gone: see shutdown()).
        runner.default_failure = self._show_failure
        self.setWindowTitle(self.tr("账号信息投诉举报工作台"))
        self.setObjectName("mainWindow")
        self.resize(1400, 900)

        queues = self.gate.queues(reads.QUEUE_ORDER)
        self.queue_list = QueueListPane(queues, self)
        self.queue_model = QueueTableModel(client, runner, actor_id=actor.id, parent=self)
        self.queue_view = QueueView(self.queue_model, self)
        self.case_view = CaseView(client, runner, self)

        self.work_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.work_splitter.setObjectName("workSplitter")
        self.work_splitter.addWidget(self.queue_view)
        self.work_splitter.addWidget(self.case_view)
        self.work_splitter.setStretchFactor(0, 2)
        self.work_splitter.setStretchFactor(1, 3)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.queue_list)
        self.main_splitter.addWidget(self.work_splitter)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([220, 1180])

        self.pages = QTabWidget(self)
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        self._page_keys: list[str] = []
        self.add_page("work", self.main_splitter, self.tr("工作台"))
        self.banner = plain_label("", self)
        self.banner.setObjectName("connectionBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fce8e6;color:#a50e0e;padding:6px")
        self.banner.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.intake = install_intake_menu(self)  # 登记: appeals and change requests by hand
        who = plain_label(
            f"{actor.display_name} ({'、'.join(label('role', r) for r in sorted(actor.roles))}) · "
            f"{short_location(client.location)}",
            self,
        )
        who.setToolTip(client.location)  # the whole path or address, however long
        self.statusBar().addPermanentWidget(who)

        self.queue_list.queue_selected.connect(self.open_queue)
        self.queue_view.row_selected.connect(self._row_selected)
        self.case_view.case_requested.connect(self.case_view.show_case)
        self.bus.changed.connect(self.queue_view.on_changed)
        self.bus.changed.connect(self.case_view.on_changed)
        self.bus.changed.connect(self._schedule_counts)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_DELAY_MS)
        self._counts_timer.timeout.connect(self.refresh_counts)

        self.bus.connection_changed.connect(self._connection_changed)
        self.sources: ClientChanges | None = ClientChanges(client, self.bus, self)
        self.live = live
        self._refresh_statistics()
        self._restore_state()
        first = settings.last_queue if settings.last_queue in queues else None
        if queues:
            self.queue_list.select(first or queues[0])
        self.refresh_counts()
        if live:
            self.sources.start()

    # -- extension points ------------------------------------------------------
    def add_page(self, key: str, widget: QWidget, title: str, *roles: str) -> bool:
        """Add a tab (dashboard, administration) for ``roles`` (everyone when none)."""
        if roles and not self.gate.allows(*roles):
            return False
        self._page_keys.append(key)
        self.pages.addTab(widget, title)
        self.pages.tabBar().setVisible(self.pages.count() > 1)
        return True

    def page(self, key: str) -> QWidget | None:
        return self.pages.widget(self._page_keys.index(key)) if key in self._page_keys else None

    def current_page(self) -> str | None:
        index = self.pages.currentIndex()
        return self._page_keys[index] if 0 <= index < len(self._page_keys) else None

    def place(self) -> Place:
        """Where the reviewer is: tab, queue, rows, case (see :mod:`workbench.ui.place`)."""
        return capture(self)

    def restore_place(self, place: Place) -> None:
        restore(self, place)

    # -- behaviour ---------------------------------------------------------------
    def _build_menus(self) -> None:
        menu = self.menuBar()
        self.file_menu = menu.addMenu(self.tr("文件(&F)"))
        settings = QAction(self.tr("设置…"), self)
        settings.setObjectName("settingsAction")
        settings.triggered.connect(self.settings_requested)
        sign_out = QAction(self.tr("退出登录"), self)
        sign_out.triggered.connect(self.sign_out_requested)
        quit_action = QAction(self.tr("退出"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu.addActions([settings, sign_out, quit_action])
        self.view_menu = menu.addMenu(self.tr("视图(&V)"))
        refresh = QAction(self.tr("刷新"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh_all)
        find = QAction(self.tr("搜索"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        self.view_menu.addActions([refresh, find])
        self.case_menu = menu.addMenu(self.tr("案件(&C)"))

    def _focus_search(self) -> None:
        self.queue_view.search.setFocus()
        self.queue_view.search.selectAll()

    def open_queue(self, queue: str) -> None:
        self.settings.last_queue = queue
        self.case_view.show_case(None)
        self.queue_view.show_queue(queue)

    def _row_selected(self, row: QueueRow | None) -> None:
        self.case_view.show_case(row.case_id if row is not None else None)

    def _schedule_counts(self, _kind: str, _ids: list) -> None:
        if self.runner.synchronous:
            self.refresh_counts()
        else:
            self._counts_timer.start()

    def _refresh_statistics(self) -> None:
        client = self.client
        self.runner.run(
            lambda _ctx: client.call(reads.refresh_statistics),
            on_failure=lambda exc: log.warning("statistics: %s", exc),
        )

    def refresh_counts(self) -> None:
        client, queues = self.client, self.queue_list.queues()
        self.runner.run(
            lambda _ctx: client.call(reads.queue_counts, queues=queues),
            on_success=self.queue_list.set_counts,
            owner=self.queue_list,
        )

    def _connection_changed(self, connected: bool) -> None:
        """The banner while the change source (the server) is away; a full refresh after."""
        if connected:
            self.banner.hide()
            return
        self.banner.setText(
            self.tr("与服务器的连接已中断，正在自动重连；在此期间的操作将被拒绝，不会重复执行。")
            if self.client.kind == "remote"
            else self.tr("无法读取数据库的变更，正在重试。")
        )
        self.banner.show()

    def refresh_all(self) -> None:
        self.queue_view.refresh()
        self.case_view.reload()
        self.refresh_counts()

    def current_queue(self) -> str:
        return self.queue_list.current_queue() or QueueName.REPORTS.value

    # -- state -----------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.blob("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, splitter in self._splitters().items():
            state = self.settings.blob(key)
            if state is not None:
                splitter.restoreState(state)
        header = self.settings.blob("queue_header")
        if header is not None:
            self.queue_view.table.horizontalHeader().restoreState(header)

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "main_splitter": self.main_splitter,
            "work_splitter": self.work_splitter,
            "case_splitter": self.case_view.splitter,
        }

    def save_state(self) -> None:
        self.settings.set_blob("geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            self.settings.set_blob(key, splitter.saveState())
        self.settings.set_blob("queue_header", self.queue_view.table.horizontalHeader().saveState())
        self.settings.sync()

    def _show_failure(self, exc: BaseException) -> None:
        show_error(self, exc)

    def shutdown(self) -> None:
        """Stop change sources and remember the layout (also on close)."""
        if self.runner.default_failure == self._show_failure:
            self.runner.default_failure = None
        if self.sources is not None:
            self.sources.stop()
            self.sources = None
        self.save_state()
        self.stopped.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def short_location(location: str) -> str:
    """What the status bar names the database or server by: a file's name, a server's
    host and database, a team server's host (the whole location is its tooltip), so
    a long path never widens or clips the bar of an 800 px window."""
    scheme, sep, rest = location.partition("://")
    if not sep:
        return location
    if scheme.startswith("sqlite"):
        return rest.rstrip("/").rsplit("/", 1)[-1] or location
    return rest.rsplit("@", 1)[-1].rstrip("/") or location

