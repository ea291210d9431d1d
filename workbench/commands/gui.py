"""Opening the desktop workbench (Qt is imported only when it is asked for).

``workbench`` with no command signs in and opens the main window on the
database from ``--database``, else the one chosen in the desktop's settings,
else ``$WORKBENCH_DATABASE_URL`` or the embedded file.
"""

from __future__ import annotations


def run_gui(args) -> int:
    from workbench.ui.app import run

    return run(args.database)
