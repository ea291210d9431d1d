"""The desktop application: QApplication, the main window, the event loop."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from workbench.ui.main_window import MainWindow


def run(engine: Engine, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("workbench")
    app.setOrganizationName("workbench")
    window = MainWindow(engine)
    window.show()
    return app.exec()
