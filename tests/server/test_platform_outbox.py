"""What goes out to the platform (issue 14, "Out"): replies, notices and measures by
webhook to a real HTTP receiver on 127.0.0.1 that fails, times out and recovers, and
pulled with ``GET /v1/notices`` and acknowledged.  The server's clock is the test's;
the deliverer is driven by hand (``deliver_once``), so backoff is time on that clock."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import select

from tests.db.workflow.helpers import act, later, make_account
from tests.server.platform_support import measure_in_effect, pull, register
from workbench.access.auth import load_actor
from workbench.db import session_scope
from workbench.measures import measures
from workbench.models import Account, PlatformMessage
from workbench.operations import api_clients
from workbench.operations.failures import PermissionDenied, WorkbenchError
from workbench.platform import api_clients as api_clients_service
from workbench.platform import platform_outbox
from workbench.platform.api_clients import sign
from workbench.platform.platform_delivery import WebhookSender
from workbench.replies import notices

START = later(days=1)
PHONE = "13812345678"


class Receiver:
    """The platform's webhook: answers each request as ``script`` says (then ``default``):
    ``fail`` (500, quoting a phone number), ``hang`` (no answer until the test ends: the
    sender times out, though the message arrived) or ``ok`` (200)."""

    def __init__(self) -> None:
        self.script: list[str] = []
        self.default = "ok"
        self.log: list[dict] = []
        self.release = threading.Event()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    how = receiver.script.pop(0) if receiver.script else receiver.default
                    receiver.log.append(
                        {"headers": dict(self.headers), "body": body, "answer": how}
                    )
                if how == "hang":
                    receiver.release.wait(20)
                    return
                status, text = (500, f"收件人 {PHONE} 暂不可用") if how == "fail" else (200, "ok")
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def delivered(self) -> list[dict]:
        return [entry for entry in self.log if entry["answer"] == "ok"]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.close()


@pytest.fixture
def deliverer(server, server_clock):
    server_clock.at = START
    worker = server.app.state.deliverer
    worker.sender = WebhookSender(timeout=0.5)
    return worker


def _feed(engine, remote, receiver, name="notice-feed"):
    feed = register(engine, remote, name, ["notices:read"])
    url = remote("admin").call(api_clients.set_api_client_webhook, name=name, url=receiver.url)
    assert url == receiver.url
    return feed


def _enqueue(engine, platform_id: str, n: int, *, at=None) -> None:
    """``n`` replies for the account, straight into the platform's outbox."""
    with session_scope(engine) as s:
        account = s.exec(select(Account).where(Account.platform_id == platform_id)).one()
        for i in range(n):
            platform_outbox.enqueue_message(
                s, kind="reply", event="reply.queued", account=account,
                payload={"body": f"第 {i} 条回复"}, now=at or later(hours=5),
            )  # fmt: skip


def _messages(engine, client_id: int) -> list[PlatformMessage]:
    with session_scope(engine, write=False) as s:
        return list(
            s.exec(
                select(PlatformMessage)
                .where(PlatformMessage.client_id == client_id)
                .order_by(PlatformMessage.id)
            ).all()
        )


def _signed(secret: str, stamp: str, delivery: str, body: bytes) -> str:
    message = stamp.encode() + b"\n" + delivery.encode() + b"\n" + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def test_webhook_delivery_survives_failure_and_timeout_in_order_without_loss(
    engine, remote, team, receiver, deliverer, server_clock
):
    feed = _feed(engine, remote, receiver)
    measure_id = measure_in_effect(engine, team)  # account p-measured: measure.in_effect
    with session_scope(engine, write=False) as s:
        sup = load_actor(s, team["sup"])
    act(engine, notices.notify_account_holder, sup, measure_id, now=later(hours=4))
    act(engine, measures.revoke_measure, sup, measure_id, reason="复核后撤销", now=later(hours=5))
    make_account(engine, name="第二个号", platform_id="p-second")
    _enqueue(engine, "p-second", 2)
    rows = _messages(engine, feed.client_id)
    by_account = {
        key: [m for m in rows if m.account_key == key] for key in ("p-measured", "p-second")
    }
    assert [m.event for m in by_account["p-measured"]] == [
        "measure.in_effect", "notice.queued", "measure.revoked",
    ]  # fmt: skip
    assert len(by_account["p-second"]) == 2 and len(rows) == 5

    # The first message of each account goes; one gets a 500, the other times out.
    receiver.script = ["fail", "hang"]
    first = deliverer.deliver_once()
    assert (first.delivered, first.retried, first.dead) == (0, 2, 0)
    assert len(receiver.log) == 2  # no later message of either account went meanwhile

    server_clock.at = START + timedelta(seconds=30)  # the backoff (60 s) has not passed
    assert deliverer.deliver_once().retried == 0 and len(receiver.log) == 2

    server_clock.at = START + timedelta(seconds=61)  # the receiver has recovered
    assert deliverer.deliver_once().delivered == 5
    assert {m.status for m in _messages(engine, feed.client_id)} == {"delivered"}

    ids = {m.delivery_id for m in rows}
    delivered = [entry["headers"]["X-Workbench-Delivery"] for entry in receiver.delivered()]
    assert sorted(delivered) == sorted(ids)  # nothing lost, each answered once
    bodies: dict[str, bytes] = {}
    sequences: dict[str, list[int]] = {}
    for entry in receiver.log:
        headers, body = entry["headers"], entry["body"]
        delivery = headers["X-Workbench-Delivery"]
        document = json.loads(body)
        # A message sent again is byte for byte the same, under the same delivery id.
        assert bodies.setdefault(delivery, body) == body and document["delivery_id"] == delivery
        stamp = headers["X-Workbench-Timestamp"]
        assert headers["X-Workbench-Signature"] == _signed(feed.secret, stamp, delivery, body)
        sequences.setdefault(document["account_id"], []).append(document["sequence"])
    assert len(receiver.log) == 7  # the two failed attempts came again, same ids
    for account_id, seen in sequences.items():
        assert seen == sorted(seen), f"{account_id} out of order: {seen}"
    first_measure = json.loads(receiver.delivered()[0]["body"])
    assert first_measure["event"] == "measure.in_effect"
    assert (
        first_measure["data"]["code"] == "warn"
        and first_measure["data"]["measure_id"] == measure_id
    )


def test_after_the_retry_cap_a_dead_letter_is_retried_or_discarded_by_an_administrator(
    engine, remote, team, receiver, deliverer, server_clock
):
    feed = _feed(engine, remote, receiver)
    for name in ("号一", "号二"):
        make_account(engine, name=name, platform_id=f"p-{name}")
        _enqueue(engine, f"p-{name}", 1)
    receiver.default = "fail"
    outcomes = []
    for attempt in range(5):  # outbox.max_attempts
        server_clock.at = START + timedelta(hours=7 * attempt)  # past the longest backoff
        outcomes.append(deliverer.deliver_once())
    assert [o.retried for o in outcomes] == [2, 2, 2, 2, 0] and outcomes[-1].dead == 2
    server_clock.at += timedelta(days=2)
    assert deliverer.deliver_once().retried == 0 and len(receiver.log) == 10  # given up

    with pytest.raises(PermissionDenied):
        remote("mod").call(api_clients.list_dead_letters)
    dead = remote("admin").call(api_clients.list_dead_letters)
    assert [d.client for d in dead] == ["notice-feed", "notice-feed"]
    assert all(d.attempts == 5 for d in dead)
    assert PHONE not in dead[0].last_error and "138****5678" in dead[0].last_error

    admin = remote("admin")
    admin.call(api_clients.retry_dead_letter, message_id=dead[0].id)
    admin.call(api_clients.discard_dead_letter, message_id=dead[1].id, reason="平台已人工处理")
    with pytest.raises(WorkbenchError):  # a discarded message is no dead letter to retry
        admin.call(api_clients.retry_dead_letter, message_id=dead[1].id)
    receiver.default = "ok"
    assert deliverer.deliver_once().delivered == 1
    last = receiver.log[-1]["headers"]["X-Workbench-Delivery"]
    assert last == dead[0].delivery_id and len(receiver.log) == 11
    statuses = {m.delivery_id: m.status for m in _messages(engine, feed.client_id)}
    assert statuses == {dead[0].delivery_id: "delivered", dead[1].delivery_id: "discarded"}
    assert remote("admin").call(api_clients.list_dead_letters) == []


def _get(http, platform, path: str, at):
    stamp = str(int(at.timestamp()))
    return http.get(path, headers={
        "X-Workbench-Client": platform.name, "X-Workbench-Timestamp": stamp,
        "X-Workbench-Signature": sign(platform.secret, "GET", path, stamp, b""),
    })  # fmt: skip


def _ack(http, platform, ids, at):
    body = json.dumps({"delivery_ids": ids}).encode()
    stamp = str(int(at.timestamp()))
    return http.post("/v1/notices/ack", content=body, headers={
        "Content-Type": "application/json",
        "X-Workbench-Client": platform.name, "X-Workbench-Timestamp": stamp,
        "X-Workbench-Signature": sign(platform.secret, "POST", "/v1/notices/ack", stamp, body),
    })  # fmt: skip


def test_the_platform_pulls_what_is_pending_and_acknowledges_it(
    engine, remote, team, http, deliverer, server_clock
):
    puller = register(engine, remote, "puller", ["notices:read"])
    intake = register(engine, remote, "intake-only", ["intake:reports"])
    measure_in_effect(engine, team)
    _enqueue(engine, "p-measured", 2)
    assert _messages(engine, intake.client_id) == []  # only clients with notices:read get them
    assert deliverer.deliver_once().delivered == 0  # no webhook: it waits to be pulled

    answer = _get(http, puller, "/v1/notices?after=0", START)
    assert answer.status_code == 200, answer.text
    pending = answer.json()["notices"]
    assert [n["event"] for n in pending] == ["measure.in_effect", "reply.queued", "reply.queued"]
    assert all(n["account_id"] == "p-measured" for n in pending)
    sequences = [n["sequence"] for n in pending]
    assert sequences == sorted(sequences) and answer.json()["after"] == sequences[-1]
    later_ones = _get(http, puller, f"/v1/notices?after={sequences[0]}", START).json()
    assert [n["sequence"] for n in later_ones["notices"]] == sequences[1:]

    ids = [n["delivery_id"] for n in pending]
    acked = _ack(http, puller, ids[:2], START)
    assert acked.status_code == 200, acked.text
    assert acked.json() == {"acknowledged": ids[:2], "already": [], "unknown": []}
    again = _ack(http, puller, [*ids[:2], "wbd_unknown"], START + timedelta(seconds=1))
    assert again.json() == {"acknowledged": [], "already": ids[:2], "unknown": ["wbd_unknown"]}
    left = _get(http, puller, "/v1/notices?after=0", START + timedelta(seconds=2)).json()
    assert [n["delivery_id"] for n in left["notices"]] == ids[2:]

    refused = _get(http, intake, "/v1/notices?after=0", START)
    assert refused.status_code == 403 and "notices:read" in refused.json()["error"]["en"]
    foreign = _ack(http, intake, ids[2:], START + timedelta(seconds=3))
    assert foreign.status_code == 403
    bad = _get(http, puller, "/v1/notices?after=-1", START + timedelta(seconds=4))
    assert bad.status_code == 422


def test_a_webhook_url_must_be_http_and_only_administrators_set_it(engine, remote, receiver):
    register(engine, remote, "notice-feed", ["notices:read"])
    with pytest.raises(PermissionDenied):
        remote("mod").call(api_clients.set_api_client_webhook, name="notice-feed", url=receiver.url)
    with pytest.raises(WorkbenchError):
        remote("admin").call(
            api_clients.set_api_client_webhook, name="notice-feed", url="ftp://x.example/"
        )
    admin = remote("admin")
    assert admin.call(api_clients.set_api_client_webhook, name="notice-feed", url="") is None


def test_a_change_request_decision_and_an_appeal_reply_reach_the_platform(
    engine, remote, team, http, deliverer
):
    from workbench.measures import appeals, corrections

    puller = register(engine, remote, "puller", ["notices:read"])
    measure_id = measure_in_effect(engine, team)
    with session_scope(engine) as s:
        account = s.exec(select(Account).where(Account.platform_id == "p-measured")).one()
        held = corrections.submit_change_request(s, None, account.id, {"name": "中国美食日记"})
        held_id = held.id
        assert held.status == "pending"
    with session_scope(engine, write=False) as s:
        mod = load_actor(s, team["mod"])
    act(
        engine, corrections.decide_change_request, mod, held_id,
        approve=False, reason="含“中国”字样", now=later(hours=6),
    )  # fmt: skip
    with session_scope(engine) as s:
        appeal = appeals.file_appeal(
            s, None, measure_id=measure_id, appellant_name="李四", text="不服",
            received_at=later(hours=7),
        )  # fmt: skip
        appeal_id = appeal.id
    pending = _get(http, puller, "/v1/notices?after=0", START).json()["notices"]
    events = [(n["event"], n["account_id"]) for n in pending]
    assert ("change_request.rejected", "p-measured") in events
    rejected = next(n for n in pending if n["event"] == "change_request.rejected")
    assert rejected["data"]["change_request_id"] == held_id
    assert rejected["data"]["proposed"] == {"name": "中国美食日记"}
    acknowledged = [n for n in pending if n["data"].get("appeal_id") == appeal_id]
    assert [(n["kind"], n["data"]["recipient_kind"]) for n in acknowledged] == [
        ("reply", "appellant")
    ]  # the appeal's acknowledgement, for the account it concerns
    assert acknowledged[0]["account_id"] == "p-measured"


def test_the_command_registers_and_removes_a_webhook(engine, team, monkeypatch, capsys):
    from tests.server.conftest import PASSWORD
    from workbench.cli import main
    from workbench.models import ApiClient

    with session_scope(engine) as s:
        admin = load_actor(s, team["admin"])
        api_clients_service.add_client(s, admin, b"k" * 32, name="feed", scopes=["notices:read"])
    monkeypatch.setenv("WORKBENCH_PASSWORD", PASSWORD)
    common = ["--as", "admin", "--database", engine.url.render_as_string(hide_password=False)]

    def stored() -> str | None:
        with session_scope(engine, write=False) as s:
            return s.exec(select(ApiClient.webhook_url)).one()

    assert main(["api-client", "webhook", "feed", "https://platform.example/hook", *common]) == 0
    assert "https://platform.example/hook" in capsys.readouterr().out
    assert stored() == "https://platform.example/hook"
    assert main(["api-client", "webhook", "feed", "ftp://platform.example/", *common]) == 1
    assert "http" in capsys.readouterr().err and stored() == "https://platform.example/hook"
    assert main(["api-client", "webhook", "feed", "", *common]) == 0
    assert stored() is None


def test_a_client_that_joins_late_is_given_what_still_waits_once_per_event(
    engine, remote, team, http, server_clock
):
    """Notices made before any client read them wait for the first; a client added later
    gets a copy of each event not yet received by the platform, in order; an event the
    platform already acknowledged is not sent again; enabling a client again catches up."""
    server_clock.at = START
    at = (START + timedelta(seconds=n) for n in range(1, 60))  # each signature once
    make_account(engine, name="迟到账号", platform_id="p-late")
    _enqueue(engine, "p-late", 2, at=START)  # no client holds notices:read yet
    with session_scope(engine, write=False) as s:
        kept = s.exec(select(PlatformMessage)).all()
        assert [m.client_id for m in kept] == [None, None]

    first = register(engine, remote, "first", ["notices:read"])
    pulled = pull(http, first, next(at))
    assert [n["data"]["body"] for n in pulled] == ["第 0 条回复", "第 1 条回复"]
    _enqueue(engine, "p-late", 1, at=START)
    assert _ack(http, first, [pulled[0]["delivery_id"]], next(at)).status_code == 200

    second = register(engine, remote, "second", ["notices:read"])
    given = pull(http, second, next(at))
    assert [n["data"]["body"] for n in given] == ["第 1 条回复", "第 0 条回复"]  # the 2nd, the 3rd
    mine = {n["event_id"]: n for n in pull(http, first, next(at))}
    assert [n["event_id"] for n in given] == list(mine)  # the two still waiting, in order
    assert all(n["delivery_id"] != mine[n["event_id"]]["delivery_id"] for n in given)
    assert [n["sequence"] for n in given] == sorted(n["sequence"] for n in given)

    admin = remote("admin")
    admin.call(api_clients.set_api_client_active, name="second", active=False)
    _enqueue(engine, "p-late", 1, at=START)  # while it is disabled: only first's
    admin.call(api_clients.set_api_client_active, name="second", active=True)
    caught_up = [n["event_id"] for n in pull(http, second, next(at))]
    assert caught_up == list({n["event_id"]: n for n in pull(http, first, next(at))})
    with session_scope(engine, write=False) as s:
        assert (
            s.exec(select(PlatformMessage).where(PlatformMessage.client_id.is_(None))).all() == []
        )
