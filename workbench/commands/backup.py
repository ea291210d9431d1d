"""``workbench backup FILE`` and ``workbench restore FILE [--force]`` (embedded SQLite only).

A backup is a consistent copy taken with SQLite's online backup API, safe
while the workbench runs.  A restore refuses to overwrite a database newer
than the backup (later schema, or audit events the backup lacks) or whose
audit chain diverges from the backup's unless ``--force``, and
writes the backup into the live file in one transaction, so it is safe with
a desktop open too.  PostgreSQL: use pg_dump and pg_restore.
"""

from __future__ import annotations

from pathlib import Path

from workbench.commands.acting import failures
from workbench.operations import maintenance


def register(sub, common) -> None:
    b = sub.add_parser(
        "backup",
        help="备份内置数据库 / back up the embedded database (safe while it is in use)",
        parents=[common],
    )
    b.add_argument("file", metavar="FILE", help="备份文件 / backup file to write")
    b.set_defaults(handler=cmd_backup)
    r = sub.add_parser(
        "restore",
        help="从备份恢复内置数据库 / restore the embedded database from a backup",
        parents=[common],
    )
    r.add_argument("file", metavar="FILE", help="备份文件 / backup file to restore")
    r.add_argument(
        "--force",
        action="store_true",
        help="即使当前数据库较新也覆盖 / overwrite even a newer database",
    )
    r.set_defaults(handler=cmd_restore)


def _when(state) -> str:
    return state.last_change.isoformat() if state.last_change else "-"


def cmd_backup(args) -> int:
    with failures():
        state = maintenance.backup(args.database, Path(args.file))
    print(
        f"备份完成 / backup written: {args.file} (schema {state.revision}, "
        f"{state.events} audit events, last change {_when(state)})"
    )
    return 0


def cmd_restore(args) -> int:
    with failures():
        state = maintenance.restore(args.database, Path(args.file), force=args.force)
    print(
        f"恢复完成 / database restored from {args.file} (schema {state.revision}, "
        f"{state.events} audit events, last change {_when(state)})"
    )
    return 0
