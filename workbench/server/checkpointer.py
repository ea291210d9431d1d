"""The server signs a checkpoint of the audit chain every few minutes.

Each one (:mod:`workbench.archive.checkpoints`) goes to a file on the server's
machine that the database owner does not reach (``workbench serve
--checkpoints FILE``; by default ``audit-checkpoints.jsonl`` in the user data
folder, 0600), so ``workbench audit verify --checkpoints FILE`` later finds
events removed from either end of the chain.  With supervisors' addresses
(``WORKBENCH_CHECKPOINT_MAIL_TO``, comma-separated, and an SMTP server in
``WORKBENCH_SMTP_HOST``/``_PORT``/``_SENDER``) each checkpoint is also mailed
to them and the sending recorded in the chain (``audit.checkpoint_mail``); a
failed sending is tried again with the next round's checkpoint.  A checkpoint
is written only when the chain has grown since this process's last round
(its own record of the mailing aside).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from workbench.archive import checkpoints
from workbench.db import session_scope
from workbench.models import AuditHead, utcnow
from workbench.records.audit_key import audit_key
from workbench.records.sealer import seal_all
from workbench.replies.transports import SmtpTransport, email_address
from workbench.server.periodic import Periodic

log = logging.getLogger(__name__)

ENV_FILE = "WORKBENCH_AUDIT_CHECKPOINTS"
ENV_MINUTES = "WORKBENCH_CHECKPOINT_MINUTES"
MINUTES = 10.0
ENV_MAIL_TO = "WORKBENCH_CHECKPOINT_MAIL_TO"
ENV_SMTP_HOST = "WORKBENCH_SMTP_HOST"
ENV_SMTP_PORT = "WORKBENCH_SMTP_PORT"
ENV_SMTP_SENDER = "WORKBENCH_SMTP_SENDER"


@dataclass(frozen=True)
class Mailing:
    """Where checkpoints are mailed: the supervisors' addresses, through ``transport``."""

    transport: SmtpTransport
    to: list[str]


def mailing_from_environment() -> Mailing | None:
    """The mailing the environment configures; None without recipients.  An address or
    setting that cannot be used raises ValueError naming it (the server does not start)."""
    raw = os.environ.get(ENV_MAIL_TO, "").strip()
    if not raw:
        return None
    to = [part.strip() for part in raw.split(",") if part.strip()]
    bad = [a for a in to if email_address(a) is None]
    if bad:
        raise ValueError(
            f"{ENV_MAIL_TO} 中的地址无效：{', '.join(bad)} / {ENV_MAIL_TO} holds addresses that "
            f"are not e-mail addresses: {', '.join(bad)}"
        )
    host, sender = os.environ.get(ENV_SMTP_HOST), os.environ.get(ENV_SMTP_SENDER)
    if not host or not sender:
        raise ValueError(
            f"发送检查点邮件需要 {ENV_SMTP_HOST} 和 {ENV_SMTP_SENDER} / mailing checkpoints "
            f"needs {ENV_SMTP_HOST} and {ENV_SMTP_SENDER}"
        )
    port = os.environ.get(ENV_SMTP_PORT, "25")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{ENV_SMTP_PORT} 无效：{port} / {ENV_SMTP_PORT} is not a port: {port}")
    return Mailing(SmtpTransport(host, int(port), sender), to)


class AuditCheckpointer:
    def __init__(
        self,
        engine: Engine,
        path: Path | None = None,
        *,
        interval: float = MINUTES * 60,
        clock: Callable[[], datetime] = utcnow,
        mailing: Mailing | None = None,
    ):
        self.engine, self.clock, self.mailing = engine, clock, mailing
        self.path = path or checkpoints.default_checkpoint_file()
        self._last: tuple[int, str] | None = None
        self._unmailed: checkpoints.Checkpoint | None = None
        self._timer = Periodic(
            self.write_once,
            interval=interval,
            name="audit-checkpoint",
            failure="the server's audit checkpoint failed",
        )

    def write_once(self) -> checkpoints.Checkpoint | None:
        """Seal, then append a checkpoint of the chain's head (and mail it); None when the
        chain has not moved."""
        seal_all(self.engine, durable=True)
        with session_scope(self.engine, write=False) as session:
            checkpoint = checkpoints.take(session, audit_key(), now=self.clock())
        if (checkpoint.event_id, checkpoint.hash) == self._last:
            if self._unmailed is not None:
                self._mail(self._unmailed)  # the last sending failed: try again
            return None
        checkpoints.append(self.path, checkpoint)
        self._last = (checkpoint.event_id, checkpoint.hash)
        if self.mailing is not None:
            self._mail(checkpoint)
        return checkpoint

    def _mail(self, checkpoint: checkpoints.Checkpoint) -> None:
        assert self.mailing is not None
        with session_scope(self.engine) as session:
            sent = checkpoints.mail(session, self.mailing.transport, self.mailing.to, checkpoint)
        self._unmailed = None if sent else checkpoint
        if not sent:
            log.warning("the audit checkpoint of event %s was not mailed", checkpoint.event_id)
        seal_all(self.engine)
        with session_scope(self.engine, write=False) as session:
            head = session.get(AuditHead, 1)
            if head is not None and head.last_event_id is not None:
                self._last = (head.last_event_id, head.last_hash)  # its own record aside

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        try:
            self.write_once()  # the head as the server leaves it
        except Exception:
            log.exception("the server's last audit checkpoint failed")
