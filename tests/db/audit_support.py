"""Reading the audit log inside the transaction that wrote it.

On PostgreSQL a transaction's events wait in ``audit_pending`` until the sealer chains
them after its commit (:mod:`workbench.records.sealer`); a test that reads its own
events before committing seals them first, as ``audit verify`` does.
"""

from __future__ import annotations

from workbench.records.sealer import seal


def sealed(session) -> None:
    """Chain the events ``session`` has written so far (PostgreSQL; SQLite chains at once)."""
    if session.get_bind().dialect.name == "postgresql":
        session.flush()
        seal(session)
