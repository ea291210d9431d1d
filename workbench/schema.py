"""Bringing a database to the schema this workbench expects.

The app upgrades an older database at start (after a backup copy of an SQLite
file) and refuses a database newer than itself with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer workbench."""


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    heads = script_directory().get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the migration chain has {len(heads)} heads: {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known_revisions() -> set[str]:
    return {rev.revision for rev in script_directory().walk_revisions()}


def upgrade(engine: Engine, *, backup: bool = True) -> UpgradeResult:
    """Upgrade to the newest schema; refuse a database from a newer workbench."""
    before = current_revision(engine)
    head = head_revision()
    if before is not None and before not in _known_revisions():
        raise SchemaTooNewError(
            f"数据库版本 {before} 比本程序新，请升级工作台 / the database is at schema "
            f"{before}, newer than this workbench knows (newest {head}); "
            "install the newer workbench instead of opening it with this one"
        )
    backup_path = None
    if before == head:
        return UpgradeResult(before, head, None)
    if backup and before is not None and engine.dialect.name == "sqlite":
        backup_path = _backup_sqlite(engine, before)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return UpgradeResult(before, head, backup_path)


def _backup_sqlite(engine: Engine, revision: str) -> Path | None:
    db = engine.url.database
    if not db or db == ":memory:":
        return None
    src = Path(db)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = src.with_name(f"{src.stem}.before-{revision}-{stamp}{src.suffix}")
    import sqlite3

    with sqlite3.connect(src) as s, sqlite3.connect(dest) as d:
        s.backup(d)
    return dest


__all__ = [
    "SchemaTooNewError",
    "UpgradeResult",
    "current_revision",
    "head_revision",
    "upgrade",
]
