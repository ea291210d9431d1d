"""The case view: masked personal data, highlighted spans, evidence, timeline."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.records import audit
from workbench.ui.panes.case_view import CaseView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def evidence(tmp_path):
    path = tmp_path / "evidence.png"
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(path))
    return str(path)


def _case(engine, evidence_path):
    with session_scope(engine) as s:
        mod = f.reviewer(s, "mod1", display_name="李审核")
        subj = f.subject(s, id_number="11010519491231002X", phone="13912345678")
        acc = f.account(
            s, subject_id=subj.id, name="央视新闻官方号", bio="加微信 vx123456 了解更多"
        )
        c = f.case(s, acc, reporter_count=2)
        f.hit(
            s, c, field="name", start=0, end=4, category="impersonate_news_media", basis="2022/8(4)"
        )
        f.hit(s, c, field="bio", start=1, end=12, category="embedded_contact", basis="2022/8(6)")
        rep = f.reporter(s, name="王五", contact="wangwu@example.com", score=0.25)
        f.report(s, c, by=rep, text="冒充央视", evidence=(evidence_path,))
        audit.record(
            s, mod_actor(mod), "case.accept", "case", c.id, case_id=c.id, reason="信息完整"
        )
        return c.id


def mod_actor(reviewer):
    from workbench.access.auth import Actor

    return Actor(reviewer.id, reviewer.login, reviewer.display_name, frozenset({"moderator"}))


def test_case_view_shows_masked_identity_and_highlighted_spans(engine, runner, qtbot, evidence):
    case_id = _case(engine, evidence)
    view = CaseView(f.client(engine), runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    card = view.card_widget
    assert card.values["id_number"].text() == "110***********002X"
    assert card.values["phone"].text() == "139****5678"
    shown = [w.text() for w in card.findChildren(QLabel)]
    assert not any("11010519491231002X" in t or "13912345678" in t for t in shown)
    assert [h.highlighted_text() for h in view.hit_list.items] == ["央视新闻", "微信 vx123456"]
    assert "2022/8(6)" in view.hit_list.items[1].findChild(QLabel, "hitTitle").text()
    report = view.report_list.items[0]
    assert "w*****@example.com" in report.findChild(QLabel, "reportHeader").text()
    assert "25%" in report.findChild(QLabel, "reportHeader").text()
    timeline = view.timeline
    assert [timeline.item(r, 1).text() for r in sorted(timeline.entry_rows)] == [
        "李审核 受理了案件"
    ]
    assert "理由：信息完整" in timeline.item(min(timeline.entry_rows), 2).text()


def test_evidence_thumbnail_opens_enlarged(engine, runner, qtbot, evidence):
    case_id = _case(engine, evidence)
    view = CaseView(f.client(engine), runner)
    qtbot.addWidget(view)
    view.show_case(case_id)
    thumb = view.report_list.items[0].thumbnails[0]
    assert thumb.has_image
    qtbot.mouseClick(thumb, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert thumb.viewer is not None and thumb.viewer.isVisible()
    pixmap = thumb.viewer.image.pixmap()
    assert (pixmap.width(), pixmap.height()) == (300, 200)
    thumb.viewer.close()


def test_actions_area_is_there_for_the_action_panel(engine, runner, qtbot, evidence):
    case_id = _case(engine, evidence)
    view = CaseView(f.client(engine), runner)
    qtbot.addWidget(view)
    loaded = []
    view.case_loaded.connect(loaded.append)
    view.show_case(case_id)
    assert view.actions_area.objectName() == "actionsArea"
    assert loaded[0].id == case_id and loaded[0].version == 1
    view.show_case(None)
    assert view.case_id is None
