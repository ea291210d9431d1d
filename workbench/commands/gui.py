"""Opening the desktop workbench (Qt is imported only when it is asked for)."""

from __future__ import annotations

from workbench.commands import open_database


def run_gui(args) -> int:
    engine = open_database(args.database)
    from workbench.ui.app import run

    return run(engine)
