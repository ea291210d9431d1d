"""Fixtures for the desktop tests: inline task running and private UI settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from workbench.ui.settings import UiSettings
from workbench.ui.tasks import TaskRunner


@pytest.fixture
def runner(qapp):
    """Runs every task inline, so callbacks have run when ``run`` returns."""
    r = TaskRunner(synchronous=True)
    yield r
    r.deleteLater()


@pytest.fixture
def ui_settings(tmp_path, qapp):
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
