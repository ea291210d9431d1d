"""Fixtures shared by every test.

Each test that touches a database gets a fresh one: on SQLite a copy of a
migrated template file in the test's own folder, on PostgreSQL (when
``WORKBENCH_TEST_DATABASE_URL`` is set) a new database cloned from a migrated
template and dropped afterwards.  Qt runs offscreen.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WORKBENCH_NO_FONT_CHECK", "1")

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from workbench.db import make_engine  # noqa: E402
from workbench.schema import upgrade  # noqa: E402

PG_ADMIN_URL = os.environ.get("WORKBENCH_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_ADMIN_URL else [])


def pytest_sessionstart(session):
    if not PG_ADMIN_URL:
        return
    try:
        eng = create_engine(PG_ADMIN_URL)
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
    except Exception as exc:  # the run must not silently fall back to SQLite only
        raise pytest.UsageError(
            f"WORKBENCH_TEST_DATABASE_URL={PG_ADMIN_URL} does not answer: {exc}"
        ) from exc


@pytest.fixture(autouse=True)
def _fail_on_logged_errors(request, caplog):
    """A test fails when the workbench logs an error it did not expect.

    An error in the log is something an operator would be paged for; a test that
    provokes one on purpose says so with ``@pytest.mark.logs_errors``.
    """
    yield
    if request.node.get_closest_marker("logs_errors"):
        return
    logged = [
        record
        for phase in ("setup", "call")
        for record in caplog.get_records(phase)
        if record.levelno >= logging.ERROR
    ]
    if logged:
        lines = "\n".join(f"{r.name}: {r.getMessage()}" for r in logged[:5])
        pytest.fail(f"{len(logged)} error(s) logged during the test:\n{lines}", pytrace=False)


def _pg_admin_engine():
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _pg_url(dbname: str) -> str:
    return make_url(PG_ADMIN_URL).set(database=dbname).render_as_string(hide_password=False)


@pytest.fixture(scope="session", autouse=True)
def evidence_store_folder(tmp_path_factory):
    """Imported images go into a folder of the test run, never the user data folder."""
    from workbench.evidence_store import ENV_DIR

    folder = tmp_path_factory.mktemp("evidence-store")
    previous = os.environ.get(ENV_DIR)
    os.environ[ENV_DIR] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop(ENV_DIR, None)
    else:
        os.environ[ENV_DIR] = previous


@pytest.fixture(scope="session", autouse=True)
def audit_key_file(tmp_path_factory):
    """Audit events are keyed from a key file of the test run, never the user data folder's."""
    from workbench.records.audit_key import use_audit_key
    from workbench.server_key import ENV_KEY_FILE, load_key

    path = tmp_path_factory.mktemp("keys") / "server.key"
    load_key(path)  # created 0600, as on first use
    previous = os.environ.get(ENV_KEY_FILE)
    os.environ[ENV_KEY_FILE] = str(path)
    use_audit_key(None)
    yield path
    use_audit_key(None)
    if previous is None:
        os.environ.pop(ENV_KEY_FILE, None)
    else:
        os.environ[ENV_KEY_FILE] = previous


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, backup=False)
    engine.dispose()
    return path


class PgPool:
    """Reusable PostgreSQL test databases for one test process.

    Creating a database from a template costs about a second on this machine,
    far too much per test.  Each test instead gets a database of the pool
    emptied to the template's state: other connections ended, every table
    truncated and the template's rows (the audit chain's head) put back.  A
    test that changed the schema itself (triggers, migration stamp) is caught
    by a fingerprint and its database rebuilt from the template.
    """

    def __init__(self):
        self.prefix = f"wbt_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.prefix}_tpl"
        self.admin = _pg_admin_engine()
        self.databases: list[str] = []
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.template}"'))
        engine = make_engine(_pg_url(self.template))
        upgrade(engine, backup=False)
        with engine.connect() as conn:
            self.fingerprint = self._fingerprint(conn)
            self.tables = [
                r[0]
                for r in conn.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename <> 'alembic_version'"
                    )
                )
            ]
            self.seed_rows = {
                t: [dict(r._mapping) for r in conn.execute(text(f'SELECT * FROM "{t}"'))]
                for t in self.tables
            }
            self.sequences = [
                r[0]
                for r in conn.execute(
                    text("SELECT sequence_name FROM information_schema.sequences")
                )
            ]
        engine.dispose()
        self.seed_rows = {t: rows for t, rows in self.seed_rows.items() if rows}

    @staticmethod
    def _fingerprint(conn) -> tuple:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        triggers = conn.execute(
            text("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname")
        ).all()
        tables = conn.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        ).scalar()
        return version, tuple(map(tuple, triggers)), tables

    def _create(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"'))
            # Tests need no durability against a server crash; commits stop waiting for disk.
            conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))

    def database(self, index: int) -> str:
        """The ``index``-th database of the pool, emptied to the template's state."""
        while len(self.databases) <= index:
            name = f"{self.prefix}_{len(self.databases)}"
            self._create(name)
            self.databases.append(name)
            if len(self.databases) > index:
                return _pg_url(name)
        name = self.databases[index]
        self._reset(name)
        return _pg_url(name)

    def _reset(self, name: str) -> None:
        engine = create_engine(_pg_url(name))
        try:
            with engine.connect() as conn:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
                if self._fingerprint(conn) != self.fingerprint:
                    raise LookupError("schema changed")
                conn.execute(text("SET LOCAL session_replication_role = replica"))
                conn.execute(text("SET LOCAL lock_timeout = '10s'"))
                # DELETE, not TRUNCATE: the tables are small and TRUNCATE makes new
                # files for every table and index.  Replica mode skips the foreign-key
                # and audit triggers, so the order does not matter.
                for table in self.tables:
                    conn.execute(text(f'DELETE FROM "{table}"'))
                for seq in self.sequences:
                    conn.execute(text(f"SELECT setval('\"{seq}\"', 1, false)"))
                for table, rows in self.seed_rows.items():
                    cols = list(rows[0])
                    conn.execute(
                        text(
                            f'INSERT INTO "{table}" ({", ".join(cols)}) '
                            f"VALUES ({', '.join(':' + c for c in cols)})"
                        ),
                        rows,
                    )
                conn.commit()
        except LookupError:
            engine.dispose()
            self._create(name)
            return
        finally:
            engine.dispose()

    def close(self) -> None:
        with self.admin.connect() as conn:
            for name in [*self.databases, self.template]:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_pool():
    if not PG_ADMIN_URL:
        pytest.skip("WORKBENCH_TEST_DATABASE_URL is not set")
    pool = PgPool()
    yield pool
    pool.close()


def fresh_database_url(backend: str, request, tmp_path) -> str:
    """A URL of a new, migrated, empty database of ``backend`` for one test.

    Called several times in one test, it gives that many distinct databases.
    """
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / f"workbench-{uuid.uuid4().hex[:6]}.sqlite3"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    pool = request.getfixturevalue("pg_pool")
    used = getattr(request.node, "_pg_databases_used", 0)
    request.node._pg_databases_used = used + 1
    return pool.database(used)


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    """A fresh migrated database, once per backend under test."""
    return fresh_database_url(request.param, request, tmp_path)


@pytest.fixture
def engine(database_url):
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(request, tmp_path):
    """A fresh migrated SQLite database, for tests about SQLite itself."""
    eng = make_engine(fresh_database_url("sqlite", request, tmp_path))
    yield eng
    eng.dispose()


@pytest.fixture
def pg_engine(request, tmp_path):
    """A fresh migrated PostgreSQL database (skipped when none is configured)."""
    if not PG_ADMIN_URL:
        pytest.skip("WORKBENCH_TEST_DATABASE_URL is not set")
    eng = make_engine(fresh_database_url("postgresql", request, tmp_path))
    yield eng
    eng.dispose()


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Keep every test's user data, config and settings inside its own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
