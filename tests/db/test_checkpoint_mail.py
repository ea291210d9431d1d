"""The server mails each audit checkpoint to the supervisors (issue 17, item 1), through
SMTP against a real server on 127.0.0.1, and records the sending in the chain (2022/16):
the copies sit in mailboxes the database owner cannot reach."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from workbench.archive import checkpoints as checkpoint_files
from workbench.db import session_scope
from workbench.models import AuditEvent
from workbench.records import audit
from workbench.replies.transports import SmtpTransport
from workbench.server.checkpointer import (
    ENV_MAIL_TO,
    ENV_SMTP_HOST,
    ENV_SMTP_SENDER,
    AuditCheckpointer,
    Mailing,
    mailing_from_environment,
)

SUPERVISORS = ["wang.supervisor@platform.example", "li.supervisor@platform.example"]


class Inbox:
    """An SMTP handler keeping what it accepts; it can refuse the first N messages."""

    def __init__(self, refuse_first: int = 0):
        self.messages: list = []
        self.refuse_first, self.attempts = refuse_first, 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.attempts <= self.refuse_first:
            return "451 4.3.0 try again later"
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp():
    started = []

    def start(handler):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        return SmtpTransport("127.0.0.1", port, "审核平台 <workbench@platform.example>")

    yield start
    for controller in started:
        controller.stop()


def _write_events(engine, n: int) -> None:
    with session_scope(engine) as s:
        for i in range(n):
            audit.record(s, None, "test.step", "case", i)


def _mail_events(engine) -> list[AuditEvent]:
    with session_scope(engine, write=False) as s:
        return list(
            s.execute(select(AuditEvent).where(AuditEvent.action == checkpoint_files.MAIL_ACTION))
            .scalars()
            .all()
        )


def test_each_checkpoint_is_mailed_to_the_supervisors_and_recorded(engine, tmp_path, smtp):
    inbox = Inbox()
    path = tmp_path / "cp.jsonl"
    writer = AuditCheckpointer(engine, path, interval=0, mailing=Mailing(smtp(inbox), SUPERVISORS))
    _write_events(engine, 3)
    checkpoint = writer.write_once()
    assert checkpoint is not None and checkpoint.event_id == 3
    assert [m.rcpt_tos for m in inbox.messages] == [SUPERVISORS]
    msg = message_from_bytes(inbox.messages[0].content, policy=policy.default)
    assert msg["X-Workbench-Checkpoint"] == path.read_text().strip() == checkpoint.line()
    assert checkpoint.line() in msg.get_content() and "审计检查点" in msg["Subject"]
    (event,) = _mail_events(engine)
    assert event.after == {
        "event_id": 3,
        "hash": checkpoint.hash,
        "at": checkpoint.at,
        "recipients": 2,
        "delivered": True,
    }
    assert "platform.example" not in str(event.after)  # the addresses are not kept
    assert writer.write_once() is None  # only its own record since: nothing new to mail
    assert len(inbox.messages) == 1
    _write_events(engine, 1)
    assert writer.write_once().event_id == 5  # the 4th was the mailing, the 5th is new
    assert len(inbox.messages) == 2
    with session_scope(engine, write=False) as s:
        marks = [c.mark() for c in checkpoint_files.read(path, {checkpoint.key_id: _key()})]
        assert audit.verify(s, checkpoints=marks).ok


def _key():
    from workbench.records.audit_key import audit_key

    return audit_key()


def test_a_refused_mailing_is_recorded_and_sent_again_next_round(engine, tmp_path, smtp):
    inbox = Inbox(refuse_first=1)
    writer = AuditCheckpointer(
        engine, tmp_path / "cp.jsonl", interval=0, mailing=Mailing(smtp(inbox), SUPERVISORS)
    )
    _write_events(engine, 2)
    checkpoint = writer.write_once()
    assert inbox.messages == []
    failed = _mail_events(engine)[0]
    assert failed.after["delivered"] is False and "451" in (failed.reason or "")
    assert writer.write_once() is None  # no new checkpoint, but the last one goes again
    assert [m.rcpt_tos for m in inbox.messages] == [SUPERVISORS]
    msg = message_from_bytes(inbox.messages[0].content, policy=policy.default)
    assert msg["X-Workbench-Checkpoint"] == checkpoint.line()
    assert [e.after["delivered"] for e in _mail_events(engine)] == [False, True]


def test_the_mailing_settings_are_checked_with_a_message(monkeypatch):
    assert mailing_from_environment() is None  # nobody to mail: nothing is sent
    monkeypatch.setenv(ENV_MAIL_TO, "wang.supervisor@platform.example, 王主管")
    with pytest.raises(ValueError, match="王主管"):
        mailing_from_environment()
    monkeypatch.setenv(ENV_MAIL_TO, SUPERVISORS[0])
    with pytest.raises(ValueError, match=ENV_SMTP_HOST):
        mailing_from_environment()
    monkeypatch.setenv(ENV_SMTP_HOST, "127.0.0.1")
    monkeypatch.setenv(ENV_SMTP_SENDER, "workbench@platform.example")
    mailing = mailing_from_environment()
    assert mailing is not None and mailing.to == [SUPERVISORS[0]]
    assert mailing.transport.port == 25
