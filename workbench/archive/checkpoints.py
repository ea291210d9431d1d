"""Checkpoints of the audit chain, kept where the database owner cannot rewrite them.

A checkpoint says "the chain reached event N with hash H at time T", signed
with the audit key (:mod:`workbench.records.audit_key`), one JSON line each::

    {"at": "...", "event_id": 1234, "hash": "...", "key_id": "...", "mac": "..."}

``workbench audit checkpoint`` appends one to a file (by default
``audit-checkpoints.jsonl`` in the user data folder, created 0600), the team
server appends one every few minutes, and the regulator's report carries the
one taken when it was made; the server also mails each of its checkpoints to
the supervisors (:func:`mail`), so copies sit in mailboxes the database owner
does not reach either.  ``workbench audit verify --checkpoints FILE``
then finds events removed at either end of the chain, or rewritten, even by
someone who could disable the triggers and move ``audit_head``: they cannot
reach the file, and cannot sign a checkpoint without the key.
"""

from __future__ import annotations

import hmac
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from sqlmodel import Session

from workbench.models import AuditHead
from workbench.records import audit
from workbench.records.audit import GENESIS, Mark
from workbench.records.audit_key import AuditKey
from workbench.replies.transports import DeliveryError, SmtpTransport
from workbench.rules.privacy import mask_in_text

FILE_NAME = "audit-checkpoints.jsonl"


class CheckpointError(Exception):
    """A checkpoint file cannot be used (message: "zh / en")."""


@dataclass(frozen=True)
class Checkpoint:
    event_id: int
    hash: str
    at: str  # ISO 8601, UTC
    key_id: str
    mac: str

    def mark(self) -> Mark:
        return Mark(self.event_id, self.hash, self.at)

    def line(self) -> str:
        return json.dumps(
            {
                "at": self.at,
                "event_id": self.event_id,
                "hash": self.hash,
                "key_id": self.key_id,
                "mac": self.mac,
            },
            sort_keys=True,
            separators=(",", ":"),
        )


def default_checkpoint_file() -> Path:
    from workbench.db import default_sqlite_path

    return default_sqlite_path().parent / FILE_NAME


def _signed_text(event_id: int, hash_: str, at: str, key_id: str) -> bytes:
    return f"workbench audit checkpoint\n{event_id}\n{hash_}\n{at}\n{key_id}".encode()


def take(session: Session, key: AuditKey, *, now: datetime) -> Checkpoint:
    """A checkpoint of the chain's head as it is in ``session``, signed with ``key``."""
    head = session.get(AuditHead, 1)
    event_id = (head.last_event_id if head is not None else None) or 0
    hash_ = head.last_hash if head is not None else GENESIS
    at = now.astimezone(UTC).isoformat(timespec="seconds")
    mac = key.digest(_signed_text(event_id, hash_, at, key.key_id))
    return Checkpoint(event_id, hash_, at, key.key_id, mac)


def append(path: Path, checkpoint: Checkpoint) -> None:
    """Add ``checkpoint`` to the file ``path``, created 0600 when missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        if os.name == "posix" and os.fstat(fh.fileno()).st_mode & 0o077:
            raise CheckpointError(
                f"检查点文件 {path} 可被其他用户读写，请执行 chmod 600 / the checkpoint file "
                f"{path} is open to other users: chmod 600 it"
            )
        fh.write(checkpoint.line() + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def read(path: Path, keys: dict[str, AuditKey]) -> list[Checkpoint]:
    """The checkpoints in ``path``, each one's signature checked with ``keys``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CheckpointError(
            f"无法读取检查点文件 {path}：{exc.strerror} / cannot read the checkpoint file "
            f"{path}: {exc.strerror}"
        ) from exc
    found = []
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
            checkpoint = Checkpoint(
                int(data["event_id"]),
                str(data["hash"]),
                str(data["at"]),
                str(data["key_id"]),
                str(data["mac"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckpointError(
                f"检查点文件 {path} 第 {number} 行无法读取 / line {number} of {path} is not a "
                "checkpoint"
            ) from exc
        key = keys.get(checkpoint.key_id)
        if key is None:
            raise CheckpointError(
                f"检查点文件 {path} 第 {number} 行使用密钥 {checkpoint.key_id}，所给密钥文件中没有 "
                f"/ line {number} of {path} is signed with key {checkpoint.key_id}, which the "
                "given key files do not hold"
            )
        expected = key.digest(
            _signed_text(checkpoint.event_id, checkpoint.hash, checkpoint.at, checkpoint.key_id)
        )
        if not hmac.compare_digest(expected, checkpoint.mac):
            raise CheckpointError(
                f"检查点文件 {path} 第 {number} 行签名不符（被修改或伪造）/ line {number} of "
                f"{path} does not carry a valid signature: it was changed or forged"
            )
        found.append(checkpoint)
    return found


MAIL_ACTION = "audit.checkpoint_mail"


def message(checkpoint: Checkpoint, sender: str, to: list[str]) -> EmailMessage:
    """The checkpoint as an e-mail to the supervisors: the line to keep, and what it is for."""
    msg = EmailMessage(policy=policy.default)
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = (
        f"审计检查点：第 {checkpoint.event_id} 条 / audit checkpoint: event {checkpoint.event_id}"
    )
    msg["Date"] = format_datetime(datetime.fromisoformat(checkpoint.at))
    msg["X-Workbench-Checkpoint"] = checkpoint.line()
    msg.set_content(
        "审计记录链的签名检查点如下。请保存本邮件：日后执行 workbench audit verify "
        "--checkpoints 文件（将下面一行存为文件）即可发现被截短或改写的审计记录。\n"
        "The signed checkpoint of the audit chain is below. Keep this message: saved as a "
        "file, the line lets `workbench audit verify --checkpoints FILE` find audit records "
        "cut short or rewritten later.\n\n" + checkpoint.line() + "\n",
        charset="utf-8",
        cte="base64",
    )
    return msg


def mail(session: Session, transport: SmtpTransport, to: list[str], checkpoint: Checkpoint) -> bool:
    """Send ``checkpoint`` to the supervisors' addresses ``to``, and record the attempt
    (the addresses counted, never listed; an error masked) in ``session``'s transaction.
    False when the transport failed: the caller tries again with its next checkpoint."""
    error = None
    try:
        transport.send_message(message(checkpoint, transport.sender, to), to)
    except DeliveryError as exc:
        error = (mask_in_text(str(exc)) or "")[:500]
    audit.record(
        session,
        None,
        MAIL_ACTION,
        "audit",
        None,
        after={
            "event_id": checkpoint.event_id,
            "hash": checkpoint.hash,
            "at": checkpoint.at,
            "recipients": len(to),
            "delivered": error is None,
        },
        reason=error,
    )
    return error is None
