"""The desktop as a client of a real workbench server on 127.0.0.1: a moderator's
day through the server, a second desktop hearing each change through the
server's event stream, and the server going away under a connected desktop."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from tests.server.conftest import Clock, RunningServer
from tests.ui import factories as f
from tests.ui.journeys import people, reported_case
from workbench.db import session_scope
from workbench.errors import NotSignedIn
from workbench.measures import appeals
from workbench.models import Appeal, AuditEvent, Case, Measure, utcnow
from workbench.operations import reads
from workbench.operations.database import ensure_seeded
from workbench.operations.remote import RemoteClient
from workbench.ui.changes import ChangeBus, ClientChanges
from workbench.ui.dialogs.findings import FindingsDialog
from workbench.ui.dialogs.measures import MeasuresDialog
from workbench.ui.dialogs.reply import ReplyDialog
from workbench.ui.dialogs.sign_in import SignInDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.panes.extensions import install_panels

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def team_server(engine):
    ensure_seeded(engine)
    actors = people(engine)
    running = RunningServer(engine, Clock())
    running.start()
    clients: list[RemoteClient] = []

    def client(login: str) -> RemoteClient:
        remote = RemoteClient(running.url, timeout=10)
        remote.sign_in(login, f.PASSWORD)
        clients.append(remote)
        return remote

    yield running, actors, client
    for remote in clients:
        remote.close()
    running.stop()


class Heard:
    """What a second desktop's bus hears, with a wait that needs no sleep."""

    def __init__(self, bus: ChangeBus):
        self.events: list[tuple[str, list]] = []
        self._cond = threading.Condition()
        bus.changed.connect(self._add)

    def _add(self, kind: str, ids: list) -> None:
        with self._cond:
            self.events.append((kind, ids))
            self._cond.notify_all()

    def case(self, qtbot, case_id: int) -> None:
        qtbot.waitUntil(lambda: any(k == "case" and case_id in i for k, i in self.events), timeout=5000)
        self.events.clear()


def _status(engine, case_id: int) -> str:
    with session_scope(engine, write=False) as s:
        return s.get(Case, case_id).status


def test_a_moderator_works_a_case_through_the_server_and_a_supervisor_sees_each_step(
    qtbot, engine, runner, ui_settings, team_server
):
    server, actors, client = team_server
    case_id = reported_case(engine, "某市人民政府", n=1, hours_ago=5)

    # The supervisor's desktop: live, hearing changes through the server's stream.
    watcher = client("boss")
    bus = ChangeBus()
    heard = Heard(bus)
    connected = threading.Event()
    bus.connection_changed.connect(lambda up: up and connected.set())
    wiring = ClientChanges(watcher, bus)
    wiring.start()
    qtbot.waitUntil(connected.is_set, timeout=5000)

    window = MainWindow(client("mod"), runner, ui_settings, live=False)
    qtbot.addWidget(window)
    window.show()
    panels = install_panels(window)
    panel, view = panels.actions, window.case_view
    window.sources.start()  # the server's event stream (no clock tick in a test)
    qtbot.waitUntil(lambda: window.sources.stream.connected is True, timeout=5000)
    window.queue_list.select("reports")
    assert window.queue_model.rowCount() == 1

    panel.actions["claim_next"].trigger()
    with qtbot.waitSignal(view.case_loaded, raising=False):
        panel.confirm()
    assert view.case_id == case_id, panel.message.text()
    heard.case(qtbot, case_id)

    panel.actions["accept"].trigger()
    with qtbot.waitSignal(view.case_loaded):
        panel.confirm()
    assert view.detail.status == "accepted" == _status(engine, case_id)
    heard.case(qtbot, case_id)

    panel.actions["findings"].trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, FindingsDialog)
    dialog.hit_rows[0].dismiss.setChecked(True)
    dialog.basis.setText("2022/8(2)")
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    assert view.detail.status == "screening"
    heard.case(qtbot, case_id)

    # A severe measure: it waits for a supervisor's approval (2022/17).
    panel.actions["measures"].trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, MeasuresDialog)
    dialog.editor.set_code("close")
    dialog.editor.reason.setText("冒充政府机关，情节严重")
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    heard.case(qtbot, case_id)
    with session_scope(engine, write=False) as s:
        measure = s.exec(select(Measure).where(Measure.case_id == case_id)).one()
        assert measure.status == "pending_approval"
        # The audit names the reviewer the token signed in, not anyone the client claims.
        events = s.exec(select(AuditEvent).where(AuditEvent.case_id == case_id)).all()
        assert {e.actor_id for e in events if e.actor_id} == {actors["mod"].id}
        measure_id = measure.id

    # The supervisor approves from the dashboard of their own desktop, through the server.
    boss_window = MainWindow(watcher, runner, ui_settings, live=False)
    qtbot.addWidget(boss_window)
    boss_window.show()
    boss_panels = install_panels(boss_window)
    board = boss_panels.dashboard
    with qtbot.waitSignal(board.loaded):
        boss_window.pages.setCurrentWidget(board)
    board.select_approval(measure_id)
    board.approval_reason.setText("冒充国家机关，情节严重")
    # The moderator's open case reloads when the server's stream tells of the approval.
    with qtbot.waitSignals([board.loaded, view.case_loaded], timeout=5000):
        board.approve_button.click()
    with session_scope(engine, write=False) as s:
        assert s.get(Measure, measure_id).approved_by == actors["boss"].id

    # The moderator's reply to the reporter, now that the measure is in effect.
    panel.actions["reply"].trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, ReplyDialog)
    assert "reporter1@" not in dialog.recipients.text()  # masked across the wire (2022/16)
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    assert _status(engine, case_id) == "replied"
    heard.case(qtbot, case_id)

    # The operator appeals; the appeal reviewer upholds the closure from their desktop.
    with session_scope(engine) as s:
        appeal_id = appeals.file_appeal(
            s, None, measure_id=measure_id, appellant_name="运营者", text="我们是官方账号",
            received_at=utcnow(),
        ).id
    appeal_window = MainWindow(client("appeals"), runner, ui_settings, live=False)
    qtbot.addWidget(appeal_window)
    appeal_window.show()
    appeal_view = install_panels(appeal_window).appeals
    appeal_window.pages.setCurrentWidget(appeal_view)
    appeal_view.refresh()
    with qtbot.waitSignal(appeal_view.appeal_loaded):
        appeal_view.select_row(0)
    appeal_view.reason.setText("未提供授权文件，维持原决定")
    with qtbot.waitSignal(appeal_view.decided):
        appeal_view.buttons["upheld"].click()
    with session_scope(engine, write=False) as s:
        assert s.get(Appeal, appeal_id).status == "upheld"
    qtbot.waitUntil(
        lambda: any(k == "appeal" and appeal_id in i for k, i in heard.events), timeout=5000
    )
    wiring.stop()
    window.shutdown()


def test_the_server_going_away_shows_a_banner_refuses_actions_and_reconnects(
    qtbot, engine, runner, ui_settings, team_server
):
    server, _actors, client = team_server
    case_id = reported_case(engine, "某县公安局", n=2)
    window = MainWindow(client("mod"), runner, ui_settings, live=False)
    qtbot.addWidget(window)
    window.show()
    panels = install_panels(window)
    window.sources.start()  # the change stream only (no clock tick)
    qtbot.waitUntil(lambda: window.sources.stream.connected is True, timeout=5000)
    window.queue_list.select("reports")
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.queue_view.select_row(0)

    server.stop()
    qtbot.waitUntil(window.banner.isVisible, timeout=10000)
    assert "连接已中断" in window.banner.text()
    panels.actions.actions["claim"].trigger()
    panels.actions.confirm()
    assert "无法连接工作台服务器" in panels.actions.message.text()
    assert _status(engine, case_id) == "received"

    server.start()
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=15000)
    panels.actions.actions["claim"].trigger()
    with qtbot.waitSignal(window.case_view.case_loaded, timeout=5000):
        panels.actions.confirm()
    with session_scope(engine, write=False) as s:
        assert s.get(Case, case_id).assignee_id is not None
    window.shutdown()


def test_signing_in_to_the_server_from_the_dialog(qtbot, engine, runner, team_server):
    server, _actors, _client = team_server
    remote = RemoteClient(server.url, timeout=10)
    try:
        dialog = SignInDialog(remote, runner, login="mod")
        qtbot.addWidget(dialog)
        dialog.password.setText("wrong-password")
        dialog.submit()
        assert dialog.actor is None and "登录名或密码错误" in dialog.message.text()
        dialog.password.setText(f.PASSWORD)
        dialog.submit()
        assert dialog.result() == dialog.DialogCode.Accepted
        assert dialog.actor.login == "mod" and remote.token
        # Signing out ends the token on the server: its next call is refused.
        token = remote.token
        remote.sign_out()
        stale = RemoteClient(server.url, token=token, timeout=10)
        with pytest.raises(NotSignedIn):
            stale.call(reads.queue_counts, queues=["reports"])
        stale.close()
    finally:
        remote.close()
