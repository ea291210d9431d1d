"""Files and helpers for the import tests."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select

from workbench.cli import main
from workbench.db import session_scope
from workbench.models import (
    Account,
    AuditEvent,
    Case,
    Clock,
    EvidenceAttachment,
    Report,
    Reporter,
    RuleHit,
    Subject,
)

COUNTED = (Account, Subject, RuleHit, Report, Reporter, Case, Clock, EvidenceAttachment, AuditEvent)


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def run(engine, *argv: str) -> int:
    return main(["--database", url_of(engine), *argv])


def counts(engine) -> dict[str, int]:
    with session_scope(engine, write=False) as s:
        return {
            m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
            for m in COUNTED
        }


def images(folder: Path) -> None:
    Image.new("RGB", (40, 30), "white").save(folder / "avatar.png")
    Image.new("RGB", (64, 48), "blue").save(folder / "shot.jpg")
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")


def write(path: Path, rows: list[dict]) -> Path:
    if path.suffix == ".csv":
        columns: list[str] = []
        for row in rows:
            columns += [k for k in row if k not in columns]
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()}
                )
    else:
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
    return path


GOOD_ACCOUNTS = [
    {
        "id": "acc-news",
        "kind": "individual",
        "name": "新华社官方号",
        "bio": "加微信 abc12345 了解更多",
        "avatar": "avatar.png",
        "subject_id": "s-1",
        "subject_name": "张三",
        "id_number": "110105197201208217",
        "verification_method": "id_number",
        "verification_status": "verified",
        "registered_at": "2025-01-01T10:00:00+08:00",
        "follower_count": "1200",
    },
    {
        "id": "acc-org",
        "kind": "organisation",
        "name": "北京某某科技有限公司",
        "subject_id": "s-2",
        "subject_kind": "organisation",
        "subject_name": "北京某某科技有限公司",
        "credit_code": "91110000Q283FQEF9Q",
        "qualifications": ["economy"],
        "grade": "important",
    },
    {"id": "acc-plain", "name": "小王的日常"},
]

BAD_ACCOUNTS = [
    {"id": "acc-ok", "name": "正常账号"},
    {"id": "acc-bad1", "kind": "robot", "name": "x"},
    # Too long to store (an ID number or credit code merely failing its check is imported).
    {"id": "acc-bad2", "name": "y", "subject_id": "s-9", "id_number": "1101051972012082181234"},
    {"id": "acc-bad3", "name": "z", "registered_at": "2025-01-01T10:00:00"},
    {"id": "acc-bad4", "name": "w", "avatar": "broken.png"},
    {"id": "acc-bad5", "name": "v", "subject_id": "s-8", "credit_code": "91110000Q283FQEF9A00"},
]
BAD_ACCOUNT_LINES = {  # line in the file (CSV has a header line first) -> words in the reason
    "acc-bad1": "kind",
    "acc-bad2": "id_number",
    "acc-bad3": "registered_at",
    "acc-bad4": "avatar",
    "acc-bad5": "credit_code",
}


def report_rows() -> list[dict]:
    return [
        {
            "external_id": "rep-1",
            "channel": "user_report",
            "reporter_id": "u-1",
            "reporter_name": "李四",
            "reporter_contact": "13812345678",
            "target_account_id": "acc-news",
            "category": "impersonate_news_media",
            "text": "冒充新华社",
            "evidence": ["shot.jpg"],
            "received_at": "2026-03-02T10:00:00+08:00",
        },
        {
            "external_id": "rep-2",
            "channel": "user_report",
            "reporter_id": "u-2",
            "target_account_id": "acc-news",
            "category": "impersonate_news_media",
            "received_at": "2026-03-02T11:30:00+08:00",
        },
        {
            "external_id": "rep-3",
            "channel": "public_complaint",
            "reporter_id": "u-3",
            "target_account_id": "acc-org",
            "category": "false_information",
            "received_at": "2026-03-03T09:00:00Z",
        },
    ]
