#!/usr/bin/env python3
"""A small client of the workbench's platform API (``/v1/``): signs requests with
HMAC-SHA256, sends a report (its images as file parts), an appeal and a change
request, pulls and acknowledges notices, and receives them by webhook, checking
their signature.  Standard library only.

    export WORKBENCH_API_SECRET=wbp_…        # shown once by `workbench api-client add`
    python3 examples/platform_client.py --url https://workbench.example.com \
        --client report-form --account u123 --measure 42 --bio "分享家常菜做法"
    python3 examples/platform_client.py --url … --client notice-feed --pull
    python3 examples/platform_client.py --url … --client notice-feed --receive 127.0.0.1:8099

The signature covers the method, the path with its query string, the Unix
timestamp and the SHA-256 of the body:

    hex(HMAC-SHA256(secret, METHOD + "\\n" + PATH + "\\n" + TIMESTAMP + "\\n" + hex(SHA-256(body))))

sent as ``X-Workbench-Client``, ``X-Workbench-Timestamp`` and
``X-Workbench-Signature``.  The server accepts a timestamp within 5 minutes of
its clock, and each signature once: a retry is signed again (the external id
makes it safe: the same report sent twice is filed once).

A webhook message is signed by the workbench with the same secret:
``hex(HMAC-SHA256(secret, TIMESTAMP + "\n" + DELIVERY + "\n" + BODY))`` in
``X-Workbench-Signature``, with ``X-Workbench-Timestamp`` and
``X-Workbench-Delivery``.  The delivery id is the same on every retry: a
receiver handles each delivery id once and answers 2xx, or the message is sent
again with backoff.  Messages for one account come in order (``sequence``).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class PlatformError(Exception):
    """The server refused the request: ``status`` and its ``{"kind", "zh", "en"}``."""

    def __init__(self, status: int, error: dict):
        super().__init__(f"{status} {error.get('kind')}: {error.get('en')} / {error.get('zh')}")
        self.status, self.error = status, error


class PlatformClient:
    def __init__(
        self,
        url: str,
        client: str,
        secret: str,
        *,
        clock: Callable[[], float] = time.time,
        timeout: float = 30,
    ):
        self.url, self.client, self.secret = url.rstrip("/"), client, secret
        self.clock, self.timeout = clock, timeout

    def sign(self, method: str, path: str, timestamp: str, body: bytes) -> str:
        digest = hashlib.sha256(body).hexdigest()
        message = f"{method}\n{path}\n{timestamp}\n{digest}".encode()
        return hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest()

    def post(self, path: str, payload: Any) -> tuple[int, dict]:
        """POST ``payload`` as JSON to ``path`` (e.g. ``/v1/reports``), signed."""
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return self.request("POST", path, body, "application/json")

    def request(
        self, method: str, path: str, body: bytes = b"", content_type: str | None = None
    ) -> tuple[int, dict]:
        """Send ``body`` signed (the signature covers the body's bytes, whatever its type)."""
        timestamp = str(int(self.clock()))
        headers = {
            "X-Workbench-Client": self.client,
            "X-Workbench-Timestamp": timestamp,
            "X-Workbench-Signature": self.sign(method, path, timestamp, body),
        }
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(
            self.url + path, data=body if method != "GET" else None, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as exc:
            raise PlatformError(exc.code, json.load(exc).get("error", {})) from None

    def send_report(self, report: dict, images: list[str | Path] = ()) -> dict:
        """File one report; ``images`` (PNG, JPEG, GIF or WebP files) go as file parts of
        a multipart/form-data request, the report's JSON in its field ``report``."""
        if not images:
            return self.post("/v1/reports", report)[1]
        body, content_type = form({"report": report}, [("evidence", Path(p)) for p in images])
        return self.request("POST", "/v1/reports", body, content_type)[1]

    def pull_notices(self, after: int = 0, limit: int = 100) -> list[dict]:
        """The messages not yet delivered (scope ``notices:read``), after a sequence."""
        return self.request("GET", f"/v1/notices?after={after}&limit={limit}")[1]["notices"]

    def ack_notices(self, delivery_ids: list[str]) -> dict:
        """Acknowledge messages received; acknowledging one again changes nothing."""
        return self.post("/v1/notices/ack", {"delivery_ids": delivery_ids})[1]

    def send_reports(self, reports: list[dict], *, accept_partial: bool = False) -> dict:
        return self.post(
            "/v1/reports/batch", {"reports": reports, "accept_partial": accept_partial}
        )[1]

    def send_appeal(self, appeal: dict) -> dict:
        return self.post("/v1/appeals", appeal)[1]

    def send_change_request(self, external_id: str, account: str, **proposed: str) -> dict:
        """Ask to change the account information (``name``, ``bio``, ``signature``,
        ``certification``); the answer's ``outcome`` is ``accepted``, ``held`` (for a
        moderator, with the rule hits and their articles) or ``refused``."""
        payload = {"external_id": external_id, "account_id": account, "proposed": proposed}
        return self.post("/v1/change_requests", payload)[1]


IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".webp": "image/webp"}  # fmt: skip


def form(fields: dict[str, Any], files: list[tuple[str, Path]]) -> tuple[bytes, str]:
    """A multipart/form-data body: each field as JSON, each file as a part; and its type."""
    boundary = "workbench-" + uuid.uuid4().hex
    out = b""
    for name, value in fields.items():
        out += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n'
                "Content-Type: application/json\r\n\r\n"
            ).encode()
            + json.dumps(value, ensure_ascii=False).encode("utf-8")
            + b"\r\n"
        )
    for name, path in files:
        kind = IMAGE_TYPES.get(path.suffix.lower(), "application/octet-stream")
        out += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{path.name}"\r\nContent-Type: {kind}\r\n\r\n'
            ).encode()
            + path.read_bytes()
            + b"\r\n"
        )
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class BadWebhook(Exception):
    """A webhook request that is not the workbench's: refuse it (401), handle nothing."""


def verify_webhook(
    secret: str, headers: Any, body: bytes, *, now: float | None = None, window: int = 300
) -> dict:
    """The message of a webhook request, once its signature and timestamp hold."""
    stamp = headers.get("X-Workbench-Timestamp") or ""
    delivery = headers.get("X-Workbench-Delivery") or ""
    given = (headers.get("X-Workbench-Signature") or "").strip().lower()
    if not stamp.isdigit() or not delivery:
        raise BadWebhook("missing X-Workbench-Timestamp or X-Workbench-Delivery")
    if abs((time.time() if now is None else now) - int(stamp)) > window:
        raise BadWebhook("the timestamp is outside the window")
    signed = stamp.encode() + b"\n" + delivery.encode() + b"\n" + body
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, given):
        raise BadWebhook("the signature does not match")
    message = json.loads(body)
    if message.get("delivery_id") != delivery:
        raise BadWebhook("the body's delivery_id differs from the header")
    return message


class WebhookReceiver:
    """Receives the workbench's webhook on ``host:port``: checks each request's signature
    (401 otherwise), hands each delivery id to ``handle`` once (a retry of one already
    handled is answered 200 again), and answers 500 if ``handle`` raises, so the
    workbench retries.  A real receiver keeps ``seen`` in its database."""

    def __init__(
        self,
        secret: str,
        handle: Callable[[dict], None],
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        clock: Callable[[], float] = time.time,
    ):
        self.secret, self.handle, self.clock = secret, handle, clock
        self.seen: set[str] = set()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._answer(*receiver.receive(self.headers, body))

            def _answer(self, status: int, text: str) -> None:
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.url = f"http://{host}:{self.httpd.server_address[1]}/workbench-webhook"

    def receive(self, headers: Any, body: bytes) -> tuple[int, str]:
        try:
            message = verify_webhook(self.secret, headers, body, now=self.clock())
        except (BadWebhook, ValueError) as exc:
            return 401, f"refused: {exc}"
        with self.lock:  # one delivery id handled once, even when retried concurrently
            if message["delivery_id"] in self.seen:
                return 200, "already handled"
            try:
                self.handle(message)
            except Exception as exc:  # the workbench retries it later
                return 500, f"not handled: {exc}"
            self.seen.add(message["delivery_id"])
        return 200, "ok"

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def image(path: str | Path, content_type: str = "image/png") -> dict:
    """An evidence image as the API takes it."""
    data = Path(path).read_bytes()
    return {
        "filename": Path(path).name,
        "content_type": content_type,
        "data": base64.b64encode(data).decode("ascii"),
    }


def main(argv: list[str] | None = None, *, clock: Callable[[], float] = time.time) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--client", required=True, help="the API client's name")
    parser.add_argument("--account", help="platform id of the reported account")
    parser.add_argument("--pull", action="store_true", help="print pending notices and ack them")
    parser.add_argument("--receive", metavar="HOST:PORT", help="receive notices by webhook")
    parser.add_argument("--measure", type=int, help="a measure in effect to appeal against")
    parser.add_argument("--evidence", help="a PNG to attach to the report")
    parser.add_argument("--bio", help="send a change request setting the account's bio to this")
    parser.add_argument("--id-prefix", default="example")
    args = parser.parse_args(argv)
    secret = os.environ.get("WORKBENCH_API_SECRET")
    if not secret:
        parser.error("set WORKBENCH_API_SECRET to the client's secret")
    api = PlatformClient(args.url, args.client, secret, clock=clock)
    if args.receive:
        host, _, port = args.receive.rpartition(":")
        receiver = WebhookReceiver(
            secret, lambda m: print(json.dumps(m, ensure_ascii=False), flush=True), host, int(port)
        )
        print(f"register this URL: workbench api-client webhook {args.client} {receiver.url}")
        receiver.serve_forever()
        return 0
    if args.pull:
        try:
            notices = api.pull_notices()
            for notice in notices:
                print(json.dumps(notice, ensure_ascii=False))
            if notices:
                api.ack_notices([n["delivery_id"] for n in notices])
        except PlatformError as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    if not args.account:
        parser.error("--account is needed to send a report")
    now = datetime.fromtimestamp(clock(), UTC).isoformat(timespec="seconds")
    report = {
        "external_id": f"{args.id_prefix}-report-1",
        "channel": "user_report",
        "target_account_id": args.account,
        "category": "impersonate_news_media",
        "text": "账号名称冒用新闻媒体",
        "reporter_id": "reporter-1",
        "received_at": now,
    }
    try:
        images = [args.evidence] if args.evidence else []
        print(json.dumps(api.send_report(report, images), ensure_ascii=False))
        if args.measure is not None:
            appeal = {
                "external_id": f"{args.id_prefix}-appeal-1",
                "measure_id": args.measure,
                "appellant_name": "王五",
                "appellant_contact": "wangwu@example.com",
                "text": "账号名称为本单位注册商标，并非冒用",
                "received_at": now,
            }
            print(json.dumps(api.send_appeal(appeal), ensure_ascii=False))
        if args.bio is not None:
            change = api.send_change_request(
                f"{args.id_prefix}-change-1", args.account, bio=args.bio
            )
            print(json.dumps(change, ensure_ascii=False))
    except PlatformError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
