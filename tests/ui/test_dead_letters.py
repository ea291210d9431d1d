"""The administration page's dead letters: messages to the platform its webhook gave up on,
sent again or discarded with a reason."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.db.workflow.helpers import later, make_account
from tests.ui.journeys import open_window, people
from workbench.db import session_scope
from workbench.models import Account, PlatformMessage
from workbench.platform import api_clients, platform_outbox

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _dead_letters(engine, admin, n: int) -> list[int]:
    make_account(engine, name="死信账号", platform_id="p-dead")
    with session_scope(engine) as s:
        api_clients.add_client(s, admin, b"k" * 32, name="notice-feed", scopes=["notices:read"])
        account = s.exec(select(Account).where(Account.platform_id == "p-dead")).one()
        ids = []
        for i in range(n):
            (message,) = platform_outbox.enqueue_message(
                s, kind="reply", event="reply.queued", account=account,
                payload={"body": f"回复 {i}"}, now=later(hours=1),
            )  # fmt: skip
            message.status, message.attempts = "dead", 5
            message.last_error = "Webhook 拒绝 / the webhook answered HTTP 500: 138****5678"
            ids.append(message.id)
    return ids


def _status(engine, message_id: int) -> str:
    with session_scope(engine, write=False) as s:
        return s.get(PlatformMessage, message_id).status


def test_an_administrator_retries_and_discards_dead_letters(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    first, second = _dead_letters(engine, actors["admin"], 2)
    window, panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
    window.pages.setCurrentWidget(panels.admin)
    tab = panels.admin.outbox
    panels.admin.tabs.setCurrentWidget(tab)
    assert tab.table.rowCount() == 2
    assert tab.table.item(0, 0).text() == "notice-feed"
    assert tab.table.item(0, 4).text().endswith("138****5678")

    tab.do_retry()  # nothing selected
    assert "请先选择" in tab.message.text()
    tab.table.selectRow(0)
    tab.do_retry()
    assert _status(engine, first) == "queued" and tab.table.rowCount() == 1

    tab.table.selectRow(0)
    tab.do_discard()  # no reason
    assert "理由" in tab.message.text() and _status(engine, second) == "dead"
    tab.reason.setText("平台已人工通知")
    tab.do_discard()
    assert _status(engine, second) == "discarded" and tab.table.rowCount() == 0
    assert tab.reason.text() == ""
