"""Delivering the outbox: pluggable transports, retries with backoff.

A transport takes one :class:`~workbench.models.Reply` and hands it on or
raises :class:`DeliveryError`.  Two ship with the workbench:

- :class:`FileDropTransport` (the default) writes each reply as one
  ``reply-<id>.eml`` file (an RFC 5322 message) into a folder another system
  picks up from; the file appears whole or not at all.
- :class:`SmtpTransport` sends it by e-mail with :mod:`smtplib`.

:func:`deliver_pending` sends every queued reply that is due.  A failure is
retried later with exponential backoff (setting ``outbox.retry_base_seconds``,
default 60 s, doubling, at most 6 h) until ``outbox.max_attempts`` (default 5)
attempts have failed, or at once for a permanent refusal (a 5xx answer, no
e-mail address); then the reply is ``failed`` with its last error kept.
"""

from __future__ import annotations

import os
import smtplib
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Protocol

from sqlmodel import Session, col, select

from workbench.models import Reply
from workbench.models.codes import DeliveryStatus
from workbench.records import audit
from workbench.rules.privacy import mask_in_text
from workbench.settings import positive_int_setting
from workbench.timelimits.deadlines import require_aware

MAX_ATTEMPTS_SETTING = "outbox.max_attempts"
RETRY_BASE_SETTING = "outbox.retry_base_seconds"
DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_RETRY_BASE_SECONDS = 60
MAX_BACKOFF = timedelta(hours=6)
DEFAULT_SENDER = "workbench@localhost"
MESSAGE_DOMAIN = "workbench.invalid"


class DeliveryError(Exception):
    """A reply could not be handed on.

    ``permanent``: retrying cannot help (the reply fails now).
    ``transport_down``: the transport itself is unreachable; the rest of the
    batch waits for the next run instead of each using up an attempt.
    """

    def __init__(self, message: str, *, permanent: bool = False, transport_down: bool = False):
        super().__init__(message)
        self.permanent = permanent
        self.transport_down = transport_down


class Transport(Protocol):
    name: str

    def send(self, reply: Reply) -> None: ...


def email_address(value: str | None) -> str | None:
    """``value`` if it is a usable e-mail address, else None."""
    if not value or "@" not in value:
        return None
    try:
        Address(addr_spec=value.strip())
    except (ValueError, IndexError, TypeError):
        return None
    return value.strip()


def build_message(reply: Reply, sender: str, *, cte: str = "8bit") -> EmailMessage:
    """The reply as an e-mail message; the recipient's address goes in ``To`` when it is
    an e-mail address, else in ``X-Workbench-Address`` for the platform to route."""
    msg = EmailMessage(policy=policy.default)
    msg["From"] = sender
    address = email_address(reply.recipient_address)
    if address:
        msg["To"] = address
    elif reply.recipient_address:
        msg["X-Workbench-Address"] = reply.recipient_address
    msg["Subject"] = reply.subject
    msg["Date"] = format_datetime(reply.created_at)
    msg["Message-ID"] = f"<reply-{reply.id}@{MESSAGE_DOMAIN}>"
    msg["X-Workbench-Reply"] = str(reply.id)
    msg["X-Workbench-Recipient-Kind"] = reply.recipient_kind
    msg["X-Workbench-Template"] = reply.template
    for name, value in (
        ("Case", reply.case_id),
        ("Measure", reply.measure_id),
        ("Appeal", reply.appeal_id),
    ):
        if value is not None:
            msg[f"X-Workbench-{name}"] = str(value)
    msg.set_content(reply.body, charset="utf-8", cte=cte)
    msg["Content-Language"] = reply.language.replace("_", "-")  # set_content drops Content-*
    return msg


class FileDropTransport:
    """Each reply as one ``reply-<id>.eml`` file in ``folder``, written atomically."""

    name = "file"

    def __init__(self, folder: Path | str, sender: str = DEFAULT_SENDER):
        self.folder = Path(folder)
        self.sender = sender

    def path_for(self, reply: Reply) -> Path:
        return self.folder / f"reply-{reply.id:08d}.eml"

    def send(self, reply: Reply) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = build_message(reply, self.sender).as_bytes()
            fd, tmp = tempfile.mkstemp(prefix=".reply-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, self.path_for(reply))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise DeliveryError(
                f"写入 {self.folder} 失败 / cannot write to {self.folder}: {exc}",
                transport_down=True,
            ) from exc


class SmtpTransport:
    """Send replies by e-mail through an SMTP server."""

    name = "smtp"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        starttls: bool = False,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
    ):
        self.host, self.port, self.sender = host, port, sender
        self.starttls, self.username, self.password = starttls, username, password
        self.timeout = timeout

    def send(self, reply: Reply) -> None:
        to = email_address(reply.recipient_address)
        if to is None:
            raise DeliveryError(
                "收件人没有电子邮件地址 / the recipient has no e-mail address", permanent=True
            )
        self.send_message(build_message(reply, self.sender, cte="base64"), [to])

    def send_message(self, msg: EmailMessage, to: list[str]) -> None:
        """Send ``msg`` to the addresses ``to``; raises :class:`DeliveryError`."""
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password or "")
                envelope_from = parseaddr(self.sender)[1] or self.sender
                smtp.send_message(msg, from_addr=envelope_from, to_addrs=to)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(
                f"收件人被拒绝 / recipient refused: {_first(exc.recipients)}",
                permanent=all(code >= 500 for code in codes),
            ) from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(
                f"SMTP 登录失败 / SMTP login failed: {exc.smtp_code}", transport_down=True
            ) from exc
        except smtplib.SMTPResponseException as exc:
            text = (
                exc.smtp_error.decode("utf-8", "replace")
                if isinstance(exc.smtp_error, bytes)
                else str(exc.smtp_error)
            )
            raise DeliveryError(
                f"SMTP 服务器拒绝 / SMTP server refused: {exc.smtp_code} {text}",
                permanent=exc.smtp_code >= 500,
            ) from exc
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(
                f"无法连接 SMTP 服务器 / cannot reach the SMTP server {self.host}:{self.port}: {exc}",
                transport_down=True,
            ) from exc


def _first(recipients: dict) -> str:
    for address, (code, message) in recipients.items():
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
        return f"{address} {code} {text}"
    return ""


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int = 0
    failed: int = 0
    retried: int = 0


def backoff(attempts: int, base_seconds: float) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    return min(MAX_BACKOFF, timedelta(seconds=base_seconds * 2 ** max(0, attempts - 1)))


def due_replies(session: Session, now: datetime, limit: int) -> list[Reply]:
    """Queued replies whose next attempt is due, oldest first (locked, skipping ones
    another deliverer holds, on PostgreSQL)."""
    stmt = (
        select(Reply)
        .where(
            Reply.status == DeliveryStatus.QUEUED,
            (col(Reply.next_attempt_at).is_(None)) | (col(Reply.next_attempt_at) <= now),
        )
        .order_by(col(Reply.next_attempt_at), col(Reply.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return list(session.exec(stmt).all())


def deliver_pending(
    session: Session,
    transport: Transport,
    *,
    now: datetime,
    max_attempts: int | None = None,
    retry_base_seconds: float | None = None,
    limit: int = 500,
) -> DeliveryReport:
    """Try every due reply once; count those delivered, failed for good, and left to retry."""
    require_aware(now, "now")
    max_attempts = max_attempts or positive_int_setting(session, MAX_ATTEMPTS_SETTING, DEFAULT_MAX_ATTEMPTS)
    base = retry_base_seconds
    if base is None:
        base = positive_int_setting(session, RETRY_BASE_SETTING, DEFAULT_RETRY_BASE_SECONDS)
    delivered = failed = retried = 0
    for reply in due_replies(session, now, limit):
        before = {"status": reply.status, "attempts": reply.attempts}
        reply.attempts += 1
        reply.transport = transport.name
        error: DeliveryError | None
        try:
            transport.send(reply)
        except Exception as exc:  # a transport's failure must never lose the outbox
            error = exc if isinstance(exc, DeliveryError) else DeliveryError(repr(exc))
            reply.last_error = str(error)[:2000]
            if error.permanent or reply.attempts >= max_attempts:
                reply.status = DeliveryStatus.FAILED
                reply.next_attempt_at = None
                failed += 1
                action = "reply.fail"
            else:
                reply.next_attempt_at = now + backoff(reply.attempts, base)
                retried += 1
                action = "reply.retry"
        else:
            reply.status = DeliveryStatus.DELIVERED
            reply.delivered_at = now
            reply.next_attempt_at = None
            reply.last_error = None
            delivered += 1
            action = "reply.deliver"
            error = None
        session.add(reply)
        session.flush()
        audit.record(
            session,
            None,
            action,
            "reply",
            reply.id,
            case_id=reply.case_id,
            before=before,
            after={
                "status": reply.status,
                "attempts": reply.attempts,
                "transport": reply.transport,
                "next_attempt_at": reply.next_attempt_at,
                "last_error": mask_in_text(reply.last_error),  # it may quote the address
            },
            at=now,
        )
        if error is not None and error.transport_down:
            break  # the rest waits for the next run rather than each failing on its own
    return DeliveryReport(delivered=delivered, failed=failed, retried=retried)
