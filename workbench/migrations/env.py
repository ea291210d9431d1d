"""Alembic environment: one migration chain for SQLite and PostgreSQL.

Called by :mod:`workbench.schema` with a live connection, or by the ``alembic``
command (URL from ``-x url=…``, ``WORKBENCH_DATABASE_URL`` or the embedded file).
"""

from __future__ import annotations

from alembic import context

from workbench.db import make_engine
from workbench.models import metadata

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        compare_server_default=False,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported; run against a database")
run_migrations_online()
