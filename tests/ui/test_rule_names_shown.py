"""A hit's rule reads as its name, never its code (issue 18: 规则误报率 and the hit lists)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from workbench.models.views import HitView
from workbench.ui.widgets.hits import HitWidget


def _hit(rule: str, category: str = "impersonate_organisation") -> HitView:
    return HitView(
        id=1,
        category=category,
        rule=rule,
        field="name",
        field_text="外交部官方",
        start=0,
        end=3,
        matched="外交部",
        basis="2022/8(2)",
        severity="high",
        score=0.9,
        explanation="",
        decision=None,
    )


def _title(qtbot, hit: HitView) -> str:
    widget = HitWidget(hit)
    qtbot.addWidget(widget)
    return widget.findChild(QLabel, "hitTitle").text()


def test_the_hit_title_names_the_rule_after_its_category(qtbot):
    title = _title(qtbot, _hit("organs_name"))
    assert "假冒机构" in title and "冒用国家机关名称" in title
    assert "organs_name" not in title


def test_a_rule_named_by_its_category_is_not_said_twice(qtbot):
    title = _title(qtbot, _hit("some_future_rule"))
    assert title.count("假冒机构") == 1 and "some_future_rule" not in title
