"""One import: read, validate every row, store, in a single transaction.

Every row is validated before anything is written.  Without ``skip_bad`` a
file with any bad row raises :class:`BadRows` naming every one and nothing
is stored.  With ``skip_bad`` the good rows are stored and the bad ones are
written, with their line and reason, to ``<name>.rejects.<ext>`` beside the
input once the good rows are committed.

Storing is ONE transaction: it is committed when every good row is stored,
and a failure or crash part-way leaves the database as it was before the
import (on SQLite the write lock is held from the start, so no other writer
interleaves).  ``progress`` runs inside that transaction, so an exception it
raises (a reviewer cancelling) rolls the whole import back.  Running it again
is safe: accounts are matched by platform id and reports by external id.

``actor`` is the reviewer importing (the desktop), who needs one of
:data:`workbench.importing.IMPORT_ROLES` (accounts: ``ACCOUNT_IMPORT_ROLES``); None
is an import by the system (the command line), filed as channel intake.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from workbench.access.auth import Actor
from workbench.db import session_scope
from workbench.evidence_store import EvidenceStore, default_folder, storing_in
from workbench.importing import ACCOUNT_IMPORT_ROLES, require_importer
from workbench.importing.accounts import (
    AccountImport,
    check_accounts,
    import_accounts,
    screen_rows,
)
from workbench.importing.records import Record, read_records, write_rejects
from workbench.importing.reports import ReportImport, check_reports, import_reports
from workbench.models import utcnow

Progress = Callable[[str, int, int], None]
IMPORT_CACHE_KIB = 256 * 1024


class BadRows(Exception):
    """Rows that failed validation; nothing was imported."""

    def __init__(self, records: list[Record]):
        super().__init__(f"{len(records)} bad rows")
        self.records = records


@dataclass
class ImportOutcome:
    what: str
    fmt: str
    rows: int
    imported: int
    result: AccountImport | ReportImport
    rejected: list[Record] = field(default_factory=list)
    rejects_file: Path | None = None


def _good(records: list[Record], parsed: list) -> list:
    return [p for r, p in zip(records, parsed, strict=True) if p is not None and not r.problems]


def import_accounts_file(
    engine: Engine,
    path: Path,
    *,
    screener,
    skip_bad: bool = False,
    progress: Progress | None = None,
    prepare: Callable[[], None] | None = None,
    actor: Actor | None = None,
    store: EvidenceStore | None = None,
) -> ImportOutcome:
    """Import accounts from ``path``; ``screener`` is a built rule-engine Screener.

    ``prepare`` runs once the rows are found good enough to import.  Avatars
    and covers are copied into ``store`` (default: the engine's evidence store).
    """
    require_importer(actor, ACCOUNT_IMPORT_ROLES)
    fmt, records = read_records(path)
    base = path.resolve().parent
    with storing_in(store or EvidenceStore(default_folder(engine))):
        parsed = check_accounts(records, base)
    bad = [r for r in records if r.problems]
    if bad and not skip_bad:
        raise BadRows(bad)
    rows = _good(records, parsed)
    # The text rules are pure: they run here, before the write transaction, so a long
    # or hostile text never holds the database while it is screened.
    screened = screen_rows(
        rows, screener, (lambda d, t: progress("screened", d, t)) if progress else None
    )
    if prepare is not None:
        prepare()
    with session_scope(engine) as session:
        result = import_accounts(
            session,
            rows,
            screened=screened,
            now=utcnow(),
            actor=actor,
            progress=(lambda d, t: progress("writing", d, t)) if progress else None,
        )
    return _finish(path, fmt, records, bad, "accounts", result.created + result.updated, result)


def import_reports_file(
    engine: Engine,
    path: Path,
    *,
    skip_bad: bool = False,
    progress: Progress | None = None,
    prepare: Callable[[], None] | None = None,
    actor: Actor | None = None,
    store: EvidenceStore | None = None,
) -> ImportOutcome:
    """Import reports from ``path``, filing each on a case through intake.

    Evidence is copied into ``store`` (default: the engine's evidence store)
    and filed as that copy.

    ``prepare`` runs once the rows are found good enough to import; ``progress``
    hears of the reports filed as they are decided and while they are written
    (see :func:`workbench.importing.reports.import_reports`).
    """
    require_importer(actor)
    with collection_paused():
        fmt, records = read_records(path)
        base = path.resolve().parent
        with (
            storing_in(store or EvidenceStore(default_folder(engine))),
            session_scope(engine, write=False) as session,
        ):
            parsed = check_reports(session, records, base)
        bad = [r for r in records if r.problems]
        if bad and not skip_bad:
            raise BadRows(bad)
        if prepare is not None:
            prepare()
        with session_scope(engine) as session:
            _large_cache(session)
            result = import_reports(
                session,
                _good(records, parsed),
                actor=actor,
                progress=progress,
            )
    return _finish(path, fmt, records, bad, "reports", result.received, result)


_pause_lock = threading.Lock()
_pauses = 0
_was_enabled = True


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a large import runs.

    An import makes hundreds of thousands of small dicts and records that live
    until it ends; each automatic collection walks all of them again, which
    cost a fifth of the import's time.  Reference counting still frees what
    goes out of use.  Nested and concurrent imports share one pause.
    """
    global _pauses, _was_enabled
    with _pause_lock:
        _pauses += 1
        if _pauses == 1:
            _was_enabled = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


def _large_cache(session) -> None:
    """Give SQLite a page cache fit for a large import (this connection only)."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")


def _finish(path, fmt, records, bad, what, imported, result) -> ImportOutcome:
    outcome = ImportOutcome(what, fmt, len(records), imported, result, bad)
    if bad:
        outcome.rejects_file = write_rejects(path, fmt, bad)
    return outcome
