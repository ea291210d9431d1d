"""``workbench import appeals|change-requests FILE``: what account holders sent in, from a file.

A plain function on a :class:`~.local.LocalClient`'s database, run as the system like the
other file imports (:mod:`.unattended`): every row is checked and filed through the
services in one transaction, and one bad row (named by line and field) keeps the whole
file out (:class:`BadRows`).  Change requests are screened by the rule engine's text
rules with the database's closed names as they arrive.
"""

from __future__ import annotations

from pathlib import Path

from workbench.db import session_scope
from workbench.importing.holder_requests import (
    APPEALS,
    CHANGE_REQUESTS,
    HolderImport,
    import_appeals,
    import_change_requests,
)
from workbench.importing.records import read_records
from workbench.importing.run import BadRows
from workbench.measures.corrections import screen_with
from workbench.models import utcnow
from workbench.operations.database import ensure_seeded
from workbench.operations.failures import reachable
from workbench.operations.local import LocalClient
from workbench.operations.screening import screener_for_database

__all__ = ["APPEALS", "CHANGE_REQUESTS", "BadRows", "HolderImport", "import_holder_file"]


def import_holder_file(client: LocalClient, what: str, path: Path) -> HolderImport:
    """Import appeals or change requests (``what``) from ``path``, all or nothing.

    Raises ``ImportFileError`` for a file that cannot be read and :class:`BadRows`
    naming every refused row (then nothing is kept).
    """
    engine = client.engine
    with reachable(writing=True):
        _fmt, records = read_records(path)
        base = path.resolve().parent
        if what == CHANGE_REQUESTS:
            screen = screen_with(screener_for_database(engine, images=False))
        ensure_seeded(engine)
        with session_scope(engine) as session:
            now = utcnow()
            if what == APPEALS:
                summary = import_appeals(session, records, base, now=now)
            else:
                summary = import_change_requests(session, records, base, screen=screen, now=now)
            bad = [r for r in records if r.problems]
            if bad:
                raise BadRows(bad)  # rolls the whole file back
    return summary
