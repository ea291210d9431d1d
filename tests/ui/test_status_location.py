"""The status bar names the database by its file or host, so a deep path neither
widens nor clips an 800 px window; the whole location is in its tooltip."""

from __future__ import annotations

import pytest

from workbench.ui.main_window import short_location


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("sqlite:////home/mod/.local/share/workbench/a/very/deep/folder/workbench.sqlite3",
         "workbench.sqlite3"),
        ("postgresql+psycopg://postgres:***@db.internal:5432/workbench", "db.internal:5432/workbench"),
        ("https://workbench.example.com/", "workbench.example.com"),
    ],
)  # fmt: skip
def test_the_status_bar_shows_a_short_location(location, shown):
    assert short_location(location) == shown
