"""Chinese first; English through Qt's translation system, compiled at start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from workbench.ui import i18n
from workbench.ui.labels import label
from workbench.ui.queue_model import countdown


@pytest.fixture
def english(qapp):
    i18n.install(qapp, "en")
    yield qapp
    i18n.install(qapp, "zh_CN")


def test_chinese_is_the_default(qapp):
    assert i18n.language() == "zh_CN"
    assert QCoreApplication.translate("QueueTableModel", "截止时间") == "截止时间"
    assert label("queue", "approvals") == "待审批处置"


def test_switching_to_english_translates_widgets_and_labels(english, tmp_path):
    from datetime import UTC, datetime, timedelta

    assert i18n.language() == "en"
    assert QCoreApplication.translate("QueueTableModel", "截止时间") == "Due"
    now = datetime(2026, 3, 2, tzinfo=UTC)
    assert countdown(now - timedelta(hours=26), now) == "1 d 2 h overdue"
    assert label("queue", "approvals") == "Approvals"
    assert label("category", "embedded_contact") == "Embedded contact details"


def test_every_source_string_has_an_english_translation():
    import xml.etree.ElementTree as ET

    tree = ET.parse(i18n.TRANSLATIONS_DIR / "workbench_en.ts")
    untranslated = [
        m.findtext("source")
        for m in tree.getroot().iter("message")
        if not (m.findtext("translation") or "").strip()
        or m.find("translation").get("type") in ("unfinished", "obsolete")
    ]
    assert untranslated == []


def test_qm_is_built_from_the_ts_when_missing(tmp_path):
    qm = i18n.compile_translation("en", tmp_path)
    assert qm is not None and qm.stat().st_size > 0
    assert i18n.compile_translation("en", tmp_path) == qm  # up to date: not rebuilt


def test_the_ts_file_holds_every_string_the_code_translates(tmp_path):
    """After adding a ``self.tr("…")``, run ``pyside6-lupdate`` (see i18n.py) and translate it."""
    import subprocess
    import xml.etree.ElementTree as ET
    from pathlib import Path

    import PySide6

    sources = sorted(str(p) for p in Path(i18n.__file__).parent.rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    tool = Path(PySide6.__file__).parent / "lupdate"
    subprocess.run(
        [str(tool), *sources, "-source-language", "zh_CN", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )

    def strings(path):
        root = ET.parse(path).getroot()
        return {
            (c.findtext("name"), m.findtext("source"))
            for c in root.iter("context")
            for m in c.iter("message")
        }

    missing = strings(fresh) - strings(i18n.TRANSLATIONS_DIR / "workbench_en.ts")
    assert missing == set()


EXPLANATION = (
    "含微信号（分写在名称、简介中）：『薇❤』＋『abc12345』读作『微信号 abc12345』 / "
    "contains a WeChat ID (written across name, bio): '薇❤' + 'abc12345' read as 'wechat abc12345'"
)


def _hit_texts(qtbot):
    from PySide6.QtWidgets import QLabel

    from workbench.models.views import HitView
    from workbench.ui.widgets.hits import HitList

    hit = HitView(1, "embedded_contact", "contact.wechat", "bio", "abc12345", 0, 8, "abc12345",
                  "2022/8(6)", "high", 0.9, EXPLANATION, None)  # fmt: skip
    widget = HitList([hit])
    qtbot.addWidget(widget)
    return [w.text() for w in widget.findChildren(QLabel)]


def test_a_hit_explains_itself_in_chinese_only_in_the_chinese_desktop(qtbot):
    texts = _hit_texts(qtbot)
    assert any(t.startswith("含微信号（分写在名称、简介中）") for t in texts)
    assert not any("read as" in t for t in texts)


def test_a_hit_explains_itself_in_english_only_in_the_english_desktop(english, qtbot):
    texts = _hit_texts(qtbot)
    assert any(t.startswith("contains a WeChat ID") for t in texts)
    assert not any("读作" in t for t in texts)


def test_a_text_that_is_not_two_halves_is_shown_as_it_is():
    assert i18n.one_language("已采纳 / accepted") == "已采纳"
    assert i18n.one_language("abc / def") == "abc / def"
    assert i18n.one_language("只有中文") == "只有中文"
