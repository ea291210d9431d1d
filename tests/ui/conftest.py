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


@pytest.fixture(scope="session")
def demo_set(tmp_path_factory, qapp):
    """The demo data set, small, built once for the tests that look at whole screens:
    (engine, actor), the actor being sup1 given every role so every page shows."""
    from datetime import timedelta

    from sqlalchemy import select

    from workbench.access.auth import load_actor
    from workbench.db import make_engine, session_scope
    from workbench.demo.run import DemoOptions, build_demo
    from workbench.models import Reviewer, ReviewerRole, utcnow
    from workbench.models.codes import Role
    from workbench.schema import upgrade
    from workbench.ui.app import use_cjk_font

    if use_cjk_font(qapp) is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, backup=False)
    build_demo(engine, DemoOptions(accounts=60, reports=240, now=utcnow() - timedelta(hours=1)))
    with session_scope(engine) as s:
        sup = s.execute(select(Reviewer).where(Reviewer.login == "sup1")).scalar_one()
        for role in (Role.ADMINISTRATOR, Role.MODERATOR, Role.APPEAL_REVIEWER):
            s.add(ReviewerRole(reviewer_id=sup.id, role=role.value))
    with session_scope(engine, write=False) as s:
        actor = load_actor(s, sup.id)
    yield engine, actor
    engine.dispose()
