"""The README's sample client (``examples/platform_client.py``) against the test
server, and ``workbench api-client`` issuing the secrets the server checks."""

from __future__ import annotations

import importlib.util
import json
import os
import threading
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import select

from tests.db.workflow.helpers import later
from tests.server.conftest import PASSWORD
from tests.server.platform_support import account, measure_in_effect, png, register
from workbench.cli import main
from workbench.db import session_scope
from workbench.models import Account, ApiClient, Appeal, PlatformMessage, Report
from workbench.operations import api_clients
from workbench.platform import platform_outbox
from workbench.platform.api_clients import secret_for
from workbench.server_key import load_key

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "platform_client.py"
NOW = later(days=1)


def _example():
    spec = importlib.util.spec_from_file_location("platform_client", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sample_client_sends_a_report_and_an_appeal(
    server, engine, remote, team, server_clock, monkeypatch, capsys, tmp_path
):
    now = later(days=1)
    server_clock.at = now
    platform = register(engine, remote, name="sample")
    target = account(engine)
    measure_id = measure_in_effect(engine, team)
    evidence = tmp_path / "shot.png"
    evidence.write_bytes(png())
    monkeypatch.setenv("WORKBENCH_API_SECRET", platform.secret)

    code = _example().main(
        [
            "--url",
            server.url,
            "--client",
            "sample",
            "--account",
            target,
            "--measure",
            str(measure_id),
            "--evidence",
            str(evidence),
        ],
        clock=now.timestamp,
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    report, appeal = (json.loads(line) for line in out.out.splitlines())
    assert report["existing"] is False and appeal["existing"] is False
    with session_scope(engine, write=False) as s:
        assert s.get(Report, report["report_id"]).external_id == "example-report-1"
        assert s.get(Appeal, appeal["appeal_id"]).measure_id == measure_id

    # Refused in words, exit 1: the same appeal id with other content.
    example = _example()
    api = example.PlatformClient(server.url, "sample", platform.secret, clock=now.timestamp)
    try:
        api.send_appeal(
            {
                "external_id": "example-appeal-1",
                "measure_id": measure_id,
                "appellant_name": "赵六",
                "text": "x",
            }
        )
    except example.PlatformError as exc:
        assert exc.status == 409 and "appellant_name" in exc.error["en"]
    else:
        raise AssertionError("a conflicting appeal was accepted")


def test_the_command_issues_and_rotates_secrets_from_the_key_file(
    engine, team, tmp_path, monkeypatch, capsys
):
    url = engine.url.render_as_string(hide_password=False)
    key_file = tmp_path / "server.key"
    key = load_key(key_file)  # created 0600 on first use, as workbench serve does
    assert os.stat(key_file).st_mode & 0o777 == 0o600
    monkeypatch.setenv("WORKBENCH_PASSWORD", PASSWORD)
    common = ["--as", "admin", "--database", url]

    assert (
        main(
            [
                "api-client",
                "add",
                "feed",
                "--scope",
                "intake:reports",
                "--key-file",
                str(key_file),
                *common,
            ]
        )
        == 0
    )
    first = capsys.readouterr().out
    with session_scope(engine, write=False) as s:
        client = s.execute(select(ApiClient)).scalars().one()
    assert f"secret: {secret_for(key, client.id, 1)}" in first

    assert main(["api-client", "rotate", "feed", "--key-file", str(key_file), *common]) == 0
    assert f"secret: {secret_for(key, client.id, 2)}" in capsys.readouterr().out
    assert main(["api-client", "disable", "feed", "--reason", "停用", *common]) == 0
    assert main(["api-client", "list", *common]) == 0
    assert "feed\tintake:reports\tdisabled\tgeneration 2" in capsys.readouterr().out
    # No key file, no secret: refused in words before anything is written.
    assert (
        main(
            [
                "api-client",
                "add",
                "other",
                "--scope",
                "intake:reports",
                "--key-file",
                str(tmp_path / "none.key"),
                *common,
            ]
        )
        == 2
    )
    assert "--key-file" in capsys.readouterr().err


def _enqueue(engine, platform_id: str, bodies: list[str], at) -> None:
    with session_scope(engine) as s:
        target = s.execute(select(Account).where(Account.platform_id == platform_id)).scalar_one()
        for body in bodies:
            platform_outbox.enqueue_message(
                s, kind="reply", event="reply.queued", account=target,
                payload={"body": body}, now=at,
            )  # fmt: skip


def test_the_sample_receiver_checks_signatures_and_handles_each_delivery_once(
    server, engine, remote, server_clock
):
    server_clock.at = NOW
    feed = register(engine, remote, name="notice-feed", scopes=["notices:read"])
    example = _example()
    handled: list[dict] = []
    failures = ["the platform's database is down"]

    def handle(message: dict) -> None:
        if failures:
            raise RuntimeError(failures.pop())
        handled.append(message)

    receiver = example.WebhookReceiver(
        feed.secret, handle, clock=lambda: server_clock.at.timestamp()
    )
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        remote("admin").call(
            api_clients.set_api_client_webhook, name="notice-feed", url=receiver.url
        )
        target = account(engine)
        _enqueue(engine, target, ["一", "二", "三"], NOW)
        deliverer = server.app.state.deliverer
        assert deliverer.deliver_once().retried == 1  # the handler failed: 500, retried later
        assert handled == []
        server_clock.at = NOW + timedelta(minutes=5)
        assert deliverer.deliver_once().delivered == 3
        assert [m["data"]["body"] for m in handled] == ["一", "二", "三"]  # in order
        assert [m["sequence"] for m in handled] == sorted(m["sequence"] for m in handled)

        # The same delivery again (a retry whose answer was lost) is not handled twice;
        # a forged or stale request is refused and handled not at all.
        first = handled[0]
        body = json.dumps(first, ensure_ascii=False, sort_keys=True).encode()
        stamp = str(int(server_clock.at.timestamp()))
        good = {
            "X-Workbench-Delivery": first["delivery_id"],
            "X-Workbench-Timestamp": stamp,
            "X-Workbench-Signature": platform_outbox.signature(
                feed.secret, stamp, first["delivery_id"], body
            ),
        }
        assert httpx.post(receiver.url, content=body, headers=good).status_code == 200
        forged = good | {"X-Workbench-Signature": "0" * 64}
        refused = httpx.post(receiver.url, content=body, headers=forged)
        assert refused.status_code == 401 and "signature" in refused.text
        stale_stamp = str(int(server_clock.at.timestamp()) - 600)
        stale = good | {
            "X-Workbench-Timestamp": stale_stamp,
            "X-Workbench-Signature": platform_outbox.signature(
                feed.secret, stale_stamp, first["delivery_id"], body
            ),
        }
        assert httpx.post(receiver.url, content=body, headers=stale).status_code == 401
        assert len(handled) == 3
    finally:
        receiver.close()


def test_the_sample_client_pulls_and_acknowledges_notices(
    server, engine, remote, server_clock, monkeypatch, capsys
):
    server_clock.at = NOW
    puller = register(engine, remote, name="puller", scopes=["notices:read"])
    target = account(engine)
    _enqueue(engine, target, ["甲", "乙"], NOW)
    monkeypatch.setenv("WORKBENCH_API_SECRET", puller.secret)
    argv = ["--url", server.url, "--client", "puller", "--pull"]
    assert _example().main(argv, clock=NOW.timestamp) == 0
    pulled = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [n["data"]["body"] for n in pulled] == ["甲", "乙"]
    with session_scope(engine, write=False) as s:
        statuses = s.execute(select(PlatformMessage.status)).scalars().all()
    assert statuses == ["delivered", "delivered"]  # acknowledged
    later_clock = (NOW + timedelta(seconds=1)).timestamp
    assert _example().main(argv, clock=later_clock) == 0
    assert capsys.readouterr().out == ""  # nothing pending any more
