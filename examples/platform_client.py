#!/usr/bin/env python3
"""A small client of the workbench's platform API (``/v1/``): signs requests with
HMAC-SHA256 and sends a report, an appeal and a change request.  Standard library only.

    export WORKBENCH_API_SECRET=wbp_…        # shown once by `workbench api-client add`
    python3 examples/platform_client.py --url https://workbench.example.com \
        --client report-form --account u123 --measure 42 --bio "分享家常菜做法"

The signature covers the method, the path with its query string, the Unix
timestamp and the SHA-256 of the body:

    hex(HMAC-SHA256(secret, METHOD + "\\n" + PATH + "\\n" + TIMESTAMP + "\\n" + hex(SHA-256(body))))

sent as ``X-Workbench-Client``, ``X-Workbench-Timestamp`` and
``X-Workbench-Signature``.  The server accepts a timestamp within 5 minutes of
its clock, and each signature once: a retry is signed again (the external id
makes it safe: the same report sent twice is filed once).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
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
        timestamp = str(int(self.clock()))
        request = urllib.request.Request(
            self.url + path,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Workbench-Client": self.client,
                "X-Workbench-Timestamp": timestamp,
                "X-Workbench-Signature": self.sign("POST", path, timestamp, body),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as exc:
            raise PlatformError(exc.code, json.load(exc).get("error", {})) from None

    def send_report(self, report: dict) -> dict:
        return self.post("/v1/reports", report)[1]

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
    parser.add_argument("--account", required=True, help="platform id of the reported account")
    parser.add_argument("--measure", type=int, help="a measure in effect to appeal against")
    parser.add_argument("--evidence", help="a PNG to attach to the report")
    parser.add_argument("--bio", help="send a change request setting the account's bio to this")
    parser.add_argument("--id-prefix", default="example")
    args = parser.parse_args(argv)
    secret = os.environ.get("WORKBENCH_API_SECRET")
    if not secret:
        parser.error("set WORKBENCH_API_SECRET to the client's secret")
    api = PlatformClient(args.url, args.client, secret, clock=clock)
    now = datetime.fromtimestamp(clock(), UTC).isoformat(timespec="seconds")
    report = {
        "external_id": f"{args.id_prefix}-report-1",
        "channel": "user_report",
        "target_account_id": args.account,
        "category": "impersonate_news_media",
        "text": "账号名称冒用新闻媒体",
        "reporter_id": "reporter-1",
        "received_at": now,
        "evidence": [image(args.evidence)] if args.evidence else [],
    }
    try:
        print(json.dumps(api.send_report(report), ensure_ascii=False))
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
