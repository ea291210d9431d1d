"""The work behind the 数据 menu: imports and bulk account checks, off the GUI thread.

Each function runs as ``work(ctx)`` (the desktop's task runner gives the ``ctx``)
and returns plain values (never ORM objects).  The reviewer's texts come in
already translated (``%1`` / ``%2`` filled in here), because the worker has no
widget to translate with.

* :func:`import_file` imports accounts or reports in one transaction.  Its
  progress callback runs inside that transaction and raises when the reviewer
  cancels, so a cancelled import leaves the database as it was.
* :func:`run_checks` runs the account-level checks over the stock of accounts
  (and, when asked, the text rules over their information).
  Each batch commits on its own; a cancel stops between batches, and the
  result says how many accounts were processed before it.  A second run checks
  every account again and files only what was not filed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from workbench.access.auth import Actor
from workbench.cases.bulk_checks import (
    CHECK_ROLES,
    DEFAULT_BATCH,
    BulkSummary,
    run_account_checks,
    stock_account_count,
)
from workbench.db import run_in_transaction
from workbench.errors import ValidationError
from workbench.importing import ACCOUNT_IMPORT_ROLES, IMPORT_ROLES
from workbench.importing.run import (
    BadRows,
    ImportOutcome,
    import_accounts_file,
    import_reports_file,
)
from workbench.operations.database import ensure_seeded
from workbench.operations.local import LocalClient
from workbench.operations.screening import screener_for_database
from workbench.records.change_feed import Changes

__all__ = ["ACCOUNT_IMPORT_ROLES", "CHECK_ROLES", "DEFAULT_BATCH", "IMPORT_ROLES"]


class Cancelled(Exception):
    """The reviewer cancelled the job; nothing is reported as an error."""


class Progress(Protocol):
    """What a running job reports to and is cancelled through (thread-safe)."""

    def report(self, done: int, total: int, text: str = "") -> None: ...

    def check_cancelled(self) -> None: ...


def _local_engine(client: LocalClient) -> Engine:
    engine = getattr(client, "engine", None)
    if engine is None:
        raise ValidationError(
            "通过团队服务器工作时，数据由平台经接口送入，不能从桌面导入文件",
            "through a team server, data comes in through the platform's API; "
            "files are imported on the server's computer",
        )
    return engine


ACCOUNTS = "accounts"
REPORTS = "reports"
DONE = "done"
BAD_ROWS = "bad_rows"
CANCELLED = "cancelled"


@dataclass(frozen=True)
class BadLine:
    line: int
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """What an import did: ``state`` is DONE, BAD_ROWS (nothing stored) or CANCELLED."""

    what: str
    path: str
    state: str
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    bad: tuple[BadLine, ...] = ()
    rejects_file: str | None = None


@dataclass(frozen=True)
class ImportTexts:
    """Progress texts, translated on the GUI thread."""

    reading: str  # reading and checking the file
    rules: str  # loading the rule engine
    writing: str  # storing, before the first progress
    progress: str  # "%1 / %2" rows stored


@dataclass(frozen=True)
class ChecksResult:
    """What a bulk run did (``summary``, plain counts) over ``stock`` accounts in
    service; a ``cancelled`` run kept the batches it committed."""

    stock: int
    summary: BulkSummary
    cancelled: bool


def fill(template: str, *values: int | str) -> str:
    """``template`` with ``%1``, ``%2``… replaced by ``values`` (numbers grouped: 12,345)."""
    for i, value in enumerate(values, 1):
        template = template.replace(f"%{i}", f"{value:,}" if isinstance(value, int) else value)
    return template


def _bad_lines(records) -> tuple[BadLine, ...]:
    return tuple(BadLine(r.line, "; ".join(r.problems)) for r in records)


def _counts(outcome: ImportOutcome) -> dict[str, int]:
    r = outcome.result
    names = (
        ("created", "updated", "unchanged", "hits_new", "invalid_ids")
        if outcome.what == ACCOUNTS
        else ("received", "already_known", "cases_opened", "joined")
    )
    return {name: getattr(r, name) for name in names}


def import_file(
    client: LocalClient,
    actor: Actor,
    what: str,
    path: Path,
    *,
    skip_bad: bool,
    texts: ImportTexts,
    ctx: Progress,
) -> ImportResult:
    """Import ``path`` (accounts or reports) as ``actor``; see the module docstring."""
    engine = _local_engine(client)

    def progress(stage: str, done: int, total: int) -> None:
        text = texts.writing if stage == "writing" else fill(texts.progress, done, total)
        ctx.report(done, total, text)
        ctx.check_cancelled()  # inside the import's transaction: all of it rolls back

    def prepare() -> None:
        ctx.check_cancelled()
        ensure_seeded(engine)
        ctx.report(0, 0, texts.writing)

    try:
        if what == ACCOUNTS:
            ctx.report(0, 0, texts.rules)
            screener = screener_for_database(engine)
            ctx.check_cancelled()
            ctx.report(0, 0, texts.reading)
            outcome = import_accounts_file(
                engine, path, screener=screener, skip_bad=skip_bad, progress=progress,
                prepare=prepare, actor=actor,
            )  # fmt: skip
        else:
            ctx.report(0, 0, texts.reading)
            outcome = import_reports_file(
                engine, path, skip_bad=skip_bad, progress=progress, prepare=prepare, actor=actor
            )
    except BadRows as exc:
        return ImportResult(what, str(path), BAD_ROWS, bad=_bad_lines(exc.records))
    except Cancelled:
        return ImportResult(what, str(path), CANCELLED)
    client.subscribers.tell(Changes({}, queues=True))
    return ImportResult(
        what,
        str(path),
        DONE,
        rows=outcome.rows,
        counts=_counts(outcome),
        bad=_bad_lines(outcome.rejected),
        rejects_file=str(outcome.rejects_file) if outcome.rejects_file else None,
    )


def run_checks(
    client: LocalClient,
    actor: Actor,
    *,
    progress_text: str,
    ctx: Progress,
    batch_size: int = DEFAULT_BATCH,
    text_rules: str | None = None,
) -> ChecksResult:
    """Check every account in service as ``actor``, opening cases for new hits.

    With ``text_rules`` (the text shown while the rules load) each account's
    information is screened against the text rules as well.
    """
    engine = _local_engine(client)
    screener = None
    if text_rules is not None:
        ctx.report(0, 0, text_rules)
        screener = screener_for_database(engine, images=False)
    stock = run_in_transaction(engine, stock_account_count, write=False)
    seen = [BulkSummary()]

    def progress(summary: BulkSummary) -> None:
        seen[0] = summary
        done = summary.accounts_checked
        ctx.report(done, stock, fill(progress_text, done, stock))
        ctx.check_cancelled()  # between batches: the committed ones stay

    cancelled = False
    try:
        ctx.report(0, stock, fill(progress_text, 0, stock))
        ctx.check_cancelled()
        summary = run_account_checks(
            engine, actor=actor, batch_size=batch_size, progress=progress, screener=screener
        )
    except Cancelled:
        summary, cancelled = seen[0], True
    if summary.accounts_checked:  # committed batches opened cases: the queues moved
        client.subscribers.tell(Changes({}, queues=True))
    return ChecksResult(stock, summary, cancelled)
