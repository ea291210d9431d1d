"""Delivering the outbox: a file drop, and SMTP against a real server on 127.0.0.1
with retries, backoff and final failure."""

from __future__ import annotations

import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from tests.db.workflow.helpers import T0, audit_ok, make_account, report
from workbench.cli import main
from workbench.db import session_scope
from workbench.models import Reply
from workbench.replies.transports import (
    DeliveryReport,
    FileDropTransport,
    SmtpTransport,
    deliver_pending,
)

SUBJECT = "举报处理结果（ext-1）"
BODY = "张三，您好：\n\n您的举报已处理完毕。\n"


class Collector:
    """An SMTP handler keeping what it accepts; it can refuse the first N messages."""

    def __init__(self, refuse_first: int = 0, code: str = "451 4.3.0 try again later"):
        self.messages: list = []
        self.refuse_first = refuse_first
        self.code = code
        self.attempts = 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.attempts <= self.refuse_first:
            return self.code
        self.messages.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    servers = []

    def start(handler):
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
        controller.start()
        servers.append(controller)
        return controller

    yield start
    for controller in servers:
        controller.stop()


@pytest.fixture
def outbox(engine):
    """Two queued replies on one case; their ids."""
    account_id = make_account(engine)
    case_id = report(engine, account_id, reporter="r1").case.id
    with session_scope(engine) as s:
        rows = [
            Reply(
                case_id=case_id,
                recipient_kind="reporter",
                recipient_address=address,
                template="no_violation",
                subject=SUBJECT,
                body=BODY,
                next_attempt_at=T0,
                created_at=T0,
            )
            for address in ("zhangsan@example.com", "lisi@example.org")
        ]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


def _deliver(engine, transport, at, **kw) -> DeliveryReport:
    with session_scope(engine) as s:
        return deliver_pending(s, transport, now=at, **kw)


def _reply(engine, reply_id) -> Reply:
    with session_scope(engine, write=False) as s:
        return s.get(Reply, reply_id)


def test_file_drop_writes_one_message_per_reply(engine, outbox, tmp_path):
    folder = tmp_path / "drop"
    assert _deliver(engine, FileDropTransport(folder), T0) == DeliveryReport(2, 0, 0)
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == [f"reply-{i:08d}.eml" for i in outbox]
    msg = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert msg["Subject"] == SUBJECT and msg["To"] == "zhangsan@example.com"
    assert msg.get_content() == BODY
    assert msg["X-Workbench-Reply"] == str(outbox[0]) and msg["Content-Language"] == "zh-CN"
    reply = _reply(engine, outbox[0])
    assert (reply.status, reply.attempts, reply.transport) == ("delivered", 1, "file")
    assert _deliver(engine, FileDropTransport(folder), T0) == DeliveryReport(0, 0, 0)
    assert audit_ok(engine)


def test_file_drop_failure_is_retried_not_lost(engine, outbox, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    report_ = _deliver(engine, FileDropTransport(blocker), T0)
    # The folder is unusable: one attempt is counted, the rest wait for the next run.
    assert report_ == DeliveryReport(0, 0, 1)
    assert [_reply(engine, i).attempts for i in outbox] == [1, 0]
    assert "cannot write" in _reply(engine, outbox[0]).last_error


def test_smtp_delivers_to_a_real_server(engine, outbox, smtp_server):
    handler = Collector()
    ctl = smtp_server(handler)
    transport = SmtpTransport(ctl.hostname, ctl.port, "平台审核 <moderation@platform.example>")
    assert _deliver(engine, transport, T0) == DeliveryReport(2, 0, 0)
    assert [e.rcpt_tos for e in handler.messages] == [
        ["zhangsan@example.com"],
        ["lisi@example.org"],
    ]
    msg = message_from_bytes(handler.messages[0].content, policy=policy.default)
    assert msg["Subject"] == SUBJECT and msg.get_content() == BODY
    assert msg["From"].addresses[0].addr_spec == "moderation@platform.example"
    assert msg["From"].addresses[0].display_name == "平台审核"
    assert handler.messages[0].mail_from == "moderation@platform.example"
    assert _reply(engine, outbox[0]).delivered_at == T0


def test_smtp_refusal_is_retried_with_backoff_then_delivered(engine, outbox, smtp_server):
    handler = Collector(refuse_first=1)
    ctl = smtp_server(handler)
    transport = SmtpTransport(ctl.hostname, ctl.port, "moderation@platform.example")
    assert _deliver(engine, transport, T0) == DeliveryReport(1, 0, 1)
    first = _reply(engine, outbox[0])
    assert first.status == "queued" and first.attempts == 1 and "451" in first.last_error
    assert first.next_attempt_at == T0 + timedelta(seconds=60)
    assert _deliver(engine, transport, T0 + timedelta(seconds=30)) == DeliveryReport(0, 0, 0)
    assert _deliver(engine, transport, T0 + timedelta(seconds=61)) == DeliveryReport(1, 0, 0)
    first = _reply(engine, outbox[0])
    assert (first.status, first.attempts, first.last_error) == ("delivered", 2, None)
    assert len(handler.messages) == 2
    assert audit_ok(engine)


def test_smtp_gives_up_after_the_last_attempt(engine, outbox, smtp_server):
    ctl = smtp_server(Collector(refuse_first=100))
    transport = SmtpTransport(ctl.hostname, ctl.port, "moderation@platform.example")
    at = T0
    waits = []
    for _ in range(2):
        assert _deliver(engine, transport, at, max_attempts=3) == DeliveryReport(0, 0, 2)
        nxt = _reply(engine, outbox[0]).next_attempt_at
        waits.append(nxt - at)
        at = nxt
    assert waits == [timedelta(seconds=60), timedelta(seconds=120)]
    assert _deliver(engine, transport, at, max_attempts=3) == DeliveryReport(0, 2, 0)
    reply = _reply(engine, outbox[0])
    assert (reply.status, reply.attempts, reply.next_attempt_at) == ("failed", 3, None)
    assert "451" in reply.last_error


def test_permanent_refusals_fail_at_once(engine, outbox, smtp_server):
    ctl = smtp_server(Collector(refuse_first=1, code="554 5.7.1 rejected"))
    with session_scope(engine) as s:
        s.get(Reply, outbox[1]).recipient_address = "13912345678"  # not an e-mail address
    transport = SmtpTransport(ctl.hostname, ctl.port, "moderation@platform.example")
    assert _deliver(engine, transport, T0) == DeliveryReport(0, 2, 0)
    assert "554" in _reply(engine, outbox[0]).last_error
    assert "no e-mail address" in _reply(engine, outbox[1]).last_error


def test_unreachable_server_keeps_the_outbox(engine, outbox):
    transport = SmtpTransport("127.0.0.1", _free_port(), "moderation@platform.example")
    assert _deliver(engine, transport, T0) == DeliveryReport(0, 0, 1)
    assert [_reply(engine, i).status for i in outbox] == ["queued", "queued"]


def test_outbox_cli_delivers_to_a_folder(engine, outbox, database_url, tmp_path, capsys):
    folder = tmp_path / "cli-drop"
    code = main(["outbox", "deliver", "--database", database_url, "--folder", str(folder)])
    assert code == 0 and "delivered: 2" in capsys.readouterr().out
    assert len(list(folder.glob("reply-*.eml"))) == 2
    assert main(["outbox", "status", "--database", database_url]) == 0
    assert "delivered: 2" in capsys.readouterr().out
    assert main(["outbox", "deliver", "--database", database_url, "--transport", "smtp"]) == 2
    assert "--host" in capsys.readouterr().err
    with session_scope(engine, write=False) as s:
        assert {r.status for r in s.exec(select(Reply))} == {"delivered"}


def test_smtp_login_and_a_wrong_password(engine, outbox, smtp_server):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            b"mod",
            b"s3cret",
        )
        return AuthResult(success=ok, handled=False)

    handler = Collector()
    ctl = Controller(
        handler,
        hostname="127.0.0.1",
        port=_free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
    )
    ctl.start()
    try:
        wrong = SmtpTransport(
            ctl.hostname, ctl.port, "m@p.example", username="mod", password="x", timeout=5
        )
        # A refused login is the server's setting, not the reply's fault: the batch waits.
        assert _deliver(engine, wrong, T0) == DeliveryReport(0, 0, 1)
        assert "login failed" in _reply(engine, outbox[0]).last_error
        right = SmtpTransport(
            ctl.hostname, ctl.port, "m@p.example", username="mod", password="s3cret"
        )
        assert _deliver(engine, right, T0 + timedelta(minutes=5)) == DeliveryReport(2, 0, 0)
        assert len(handler.messages) == 2
    finally:
        ctl.stop()


def test_two_deliverers_on_postgresql_never_send_one_reply_twice(pg_engine, tmp_path):
    from workbench.replies.transports import due_replies

    account_id = make_account(pg_engine)
    case_id = report(pg_engine, account_id, reporter="r1").case.id
    with session_scope(pg_engine) as s:
        for n in range(2):
            s.add(
                Reply(
                    case_id=case_id,
                    recipient_kind="reporter",
                    recipient_address=f"r{n}@example.com",
                    template="no_violation",
                    subject=SUBJECT,
                    body=BODY,
                    next_attempt_at=T0,
                )
            )
    with session_scope(pg_engine) as busy:
        (held,) = due_replies(busy, T0, limit=1)  # another deliverer is sending this one
        report_ = _deliver(pg_engine, FileDropTransport(tmp_path / "drop"), T0)
        assert report_ == DeliveryReport(1, 0, 0)
        assert not (tmp_path / "drop" / f"reply-{held.id:08d}.eml").exists()
