"""The platform's API in the server tests: a registered client, signed requests,
images (good, oversized, a decompression bomb) and a measure to appeal against."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import struct
import zlib
from dataclasses import dataclass
from typing import Any

import httpx
from PIL import Image

from tests.db.appeals.support import disposed_case
from tests.db.workflow.helpers import later, make_account
from workbench.access.auth import load_actor
from workbench.db import session_scope
from workbench.models import ApiClient
from workbench.operations import api_clients

SCOPES = ["intake:reports", "intake:appeals"]


@dataclass
class Platform:
    name: str
    secret: str
    client_id: int
    reviewer_id: int


def register(engine, remote, name: str = "report-form", scopes=SCOPES) -> Platform:
    """A client added by the administrator through the server."""
    issued = remote("admin").call(api_clients.add_api_client, name=name, scopes=list(scopes))
    with session_scope(engine, write=False) as s:
        reviewer_id = s.get(ApiClient, issued.client_id).reviewer_id
    return Platform(issued.name, issued.secret, issued.client_id, reviewer_id)


def signature(secret: str, method: str, path: str, timestamp: str, body: bytes) -> str:
    digest = hashlib.sha256(body).hexdigest()
    message = f"{method}\n{path}\n{timestamp}\n{digest}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(
    platform: Platform, path: str, body: bytes, at, *, secret: str | None = None
) -> dict[str, str]:
    stamp = str(int(at.timestamp()))
    return {
        "Content-Type": "application/json",
        "X-Workbench-Client": platform.name,
        "X-Workbench-Timestamp": stamp,
        "X-Workbench-Signature": signature(secret or platform.secret, "POST", path, stamp, body),
    }


def send(
    http: httpx.Client, platform: Platform, path: str, payload: Any, at, *, secret=None
) -> httpx.Response:
    """POST ``payload`` to ``path``, signed at ``at`` (the server's clock)."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = signed_headers(platform, path, body, at, secret=secret)
    return http.post(path, content=body, headers=headers)


def png(size=(40, 30), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def evidence(data: bytes, content_type: str = "image/png") -> dict:
    return {
        "filename": "shot.png",
        "content_type": content_type,
        "data": base64.b64encode(data).decode(),
    }


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels in a few bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def report_row(n: int, platform_id: str, **fields) -> dict:
    return {
        "external_id": f"plat-{n}",
        "channel": "user_report",
        "target_account_id": platform_id,
        "category": "impersonate_news_media",
        "text": f"第 {n} 条举报：账号冒用新闻媒体名义",
        "reporter_id": f"reporter-{n}",
        "received_at": later(hours=20).isoformat(),
    } | fields


def account(engine, name: str = "新华社官方号") -> str:
    """A new account; its platform id."""
    make_account(engine, name=name, platform_id=f"p-{name}")
    return f"p-{name}"


def measure_in_effect(engine, team: dict[str, int]) -> int:
    """A warning decided by the supervisor on a new account (in effect from T0 + 3 h)."""
    make_account(engine, name="被处置账号", platform_id="p-measured")
    with session_scope(engine, write=False) as s:
        from sqlmodel import select

        from workbench.models import Account

        account_id = s.exec(select(Account.id).where(Account.platform_id == "p-measured")).one()
        decider = load_actor(s, team["sup"])
    _case, measures = disposed_case(engine, decider, account_id)
    return measures[0].id


def pull(http: httpx.Client, platform: Platform, at, after: int = 0) -> list[dict]:
    """``GET /v1/notices?after=…`` signed at ``at``: the client's pending messages."""
    path = f"/v1/notices?after={after}"
    stamp = str(int(at.timestamp()))
    headers = {
        "X-Workbench-Client": platform.name,
        "X-Workbench-Timestamp": stamp,
        "X-Workbench-Signature": signature(platform.secret, "GET", path, stamp, b""),
    }
    answer = http.get(path, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["notices"]


BOUNDARY = "wb-test-7f3a9c"


def form_body(fields: dict[str, Any], files: list[tuple[str, str, str, bytes]]) -> bytes:
    """A ``multipart/form-data`` body: JSON fields, then (name, filename, type, bytes) files."""
    out = b""
    for name, value in fields.items():
        out += (
            (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n'
                "Content-Type: application/json\r\n\r\n"
            ).encode()
            + json.dumps(value, ensure_ascii=False).encode()
            + b"\r\n"
        )
    for name, filename, content_type, data in files:
        out += (
            (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    return out + f"--{BOUNDARY}--\r\n".encode()


def send_form(http: httpx.Client, platform: Platform, path: str, body: bytes, at) -> httpx.Response:
    """POST a multipart ``body`` (from :func:`form_body`) to ``path``, signed at ``at``."""
    headers = signed_headers(platform, path, body, at)
    headers["Content-Type"] = f"multipart/form-data; boundary={BOUNDARY}"
    return http.post(path, content=body, headers=headers)
