"""Fixtures shared by every test.

Each test that touches a database gets a fresh one: on SQLite a copy of a
migrated template file in the test's own folder, on PostgreSQL (when
``WORKBENCH_TEST_DATABASE_URL`` is set) a new database cloned from a migrated
template and dropped afterwards.  Qt runs offscreen.
"""

from __future__ import annotations

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


def _pg_admin_engine():
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _pg_url(dbname: str) -> str:
    return make_url(PG_ADMIN_URL).set(database=dbname).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, backup=False)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template():
    if not PG_ADMIN_URL:
        pytest.skip("WORKBENCH_TEST_DATABASE_URL is not set")
    name = f"wbt_tpl_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(_pg_url(name))
    upgrade(engine, backup=False)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def fresh_database_url(backend: str, request, tmp_path) -> str:
    """A URL of a new, migrated, empty database of ``backend`` for one test."""
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "workbench.sqlite3"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    template = request.getfixturevalue("pg_template")
    name = f"wbt_{uuid.uuid4().hex[:16]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()

    def drop():
        adm = _pg_admin_engine()
        with adm.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        adm.dispose()

    request.addfinalizer(drop)
    return _pg_url(name)


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
