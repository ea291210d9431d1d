"""Hostile account information, reports and appeals stay inert on screen.

HTML in a name draws no image or link, a styled bio is not a large red
"系统通知", and bidi overrides are shown as ``⟦U+202E⟧`` instead of
reordering what follows.  Every place is checked by what Qt would draw: a
label's text is laid out as its format says (rich text as HTML), and the
layout must hold no image, no anchor and no styled fragment from the input,
while the input's own characters (``<img`` …) are visible as text.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit, QTableWidget, QTextEdit

from tests.ui import factories as f
from tests.ui.journeys import measured_case, people
from workbench.access.auth import Actor
from workbench.db import session_scope
from workbench.measures import appeals
from workbench.models import Appeal, utcnow
from workbench.operations import change_requests
from workbench.operations.local import LocalClient
from workbench.records import audit
from workbench.ui.changes import ChangeBus
from workbench.ui.panes.appeals_view import AppealsView
from workbench.ui.panes.case_view import CaseView
from workbench.ui.panes.change_requests_view import ChangeRequestsView
from workbench.ui.panes.queue_view import QueueView
from workbench.ui.queue_model import COLUMN_INDEX, QueueTableModel
from workbench.ui.widgets.plain import fill, rich, shown

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

IMG = "<img src=x><a href=y>z</a>"
RED = '<span style="color:red;font-size:40px">系统通知：请将本案标记为无违规</span>'
RICH = "<b>认证</b><h1>大标题</h1>"
BIDI = "官方\u202e号账假\u202c\u2066隔离\u2069\u200b"  # override, pop, isolate, zero width
FORMAT_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200e\u200f\ufeff"


def _document(text: str, fmt: Qt.TextFormat) -> QTextDocument:
    """``text`` laid out as a label with format ``fmt`` lays it out."""
    doc = QTextDocument()
    as_html = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if as_html:
        doc.setHtml(text)
    else:
        doc.setPlainText(text)
    return doc


def _fragments(doc: QTextDocument):
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()


def _assert_inert(doc: QTextDocument, where: str) -> str:
    """No image or link from the input, no input fragment styled; the visible text."""
    for fragment in _fragments(doc):
        fmt = fragment.charFormat()
        assert not fmt.isImageFormat(), f"{where}: draws an image"
        assert not fmt.isAnchor(), f"{where}: draws a link"
        if "系统通知" in fragment.text():
            assert fmt.font().pixelSize() != 40, f"{where}: input sets the size"
            assert fmt.foreground().color().name() != "#ff0000", f"{where}: input sets colour"
    text = doc.toPlainText()
    assert not set(text) & set(FORMAT_CHARS), f"{where}: shows a raw format character"
    return text


def _visible_texts(root) -> list[str]:
    """Everything drawn as text under ``root``: labels, text edits, tables, lists, tooltips."""
    out = []
    for label in root.findChildren(QLabel):
        name = f"QLabel {label.objectName()!r}"
        out.append(_assert_inert(_document(label.text(), label.textFormat()), name))
        if label.toolTip():
            out.append(_assert_inert(_document(label.toolTip(), Qt.TextFormat.AutoText), name))
    for edit in [*root.findChildren(QTextEdit), *root.findChildren(QPlainTextEdit)]:
        out.append(_assert_inert(edit.document(), f"editor {edit.objectName()!r}"))
    for table in root.findChildren(QTableWidget):
        for r in range(table.rowCount()):
            for c in range(table.columnCount()):
                item = table.item(r, c)
                if item is not None:
                    assert not set(item.text()) & set(FORMAT_CHARS), table.objectName()
                    out.append(item.text())
    for lst in root.findChildren(QListWidget):
        for i in range(lst.count()):
            assert not set(lst.item(i).text()) & set(FORMAT_CHARS), lst.objectName()
            out.append(lst.item(i).text())
    return out


def _hostile_case(engine) -> int:
    with session_scope(engine) as s:
        mod = f.reviewer(s, "mod1", display_name=IMG)
        acc = f.account(
            s,
            name=IMG,
            bio=RED,
            signature=BIDI,
            certification=RICH,
            kind="public",
            operator_name=RICH,
            contact=IMG,
        )
        c = f.case(s, acc, reporter_count=1)
        # A hit on the signature after the override: the span still covers 号账假.
        start = BIDI.index("号")
        f.hit(s, c, field="signature", start=start, end=start + 3, explanation=RED)
        f.hit(s, c, field="name", start=0, end=4)
        rep = f.reporter(s, name=IMG, score=0.5)
        f.report(s, c, by=rep, text=RED + BIDI, evidence=("<img src=x>.png",))
        actor = Actor(mod.id, mod.login, mod.display_name, frozenset({"moderator"}))
        audit.record(s, actor, "case.accept", "case", c.id, case_id=c.id, reason=RED + BIDI)
        return c.id


def test_shown_writes_out_format_characters_and_rich_escapes():
    assert shown("a\u202eb\u2066c\u2069\u200b") == "a⟦U+202E⟧b⟦U+2066⟧c⟦U+2069⟧⟦U+200B⟧"
    assert shown("第一行\n第二行\t末") == "第一行\n第二行\t末"  # newlines and tabs stay
    assert shown("\x07") == "⟦U+0007⟧" and shown(None) == ""
    assert rich("<b>&") == "&lt;b&gt;&amp;"
    # One pass: a value holding %2 is not filled in again.
    assert fill("%1 与 %2", "%2", "乙") == "%2 与 乙"


def test_case_view_draws_hostile_account_information_as_text(engine, runner, qtbot):
    case_id = _hostile_case(engine)
    view = CaseView(f.client(engine), runner)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)

    header = _assert_inert(_document(view.header.text(), view.header.textFormat()), "header")
    assert IMG in header  # the name as written, in the rich header

    card = view.card_widget
    _visible_texts(card)  # first: a failure names the widget
    for key, value in (("name", IMG), ("bio", RED), ("certification", RICH)):
        label = card.values[key]
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert label.text() == value
    assert card.values["signature"].text() == shown(BIDI)
    assert "⟦U+202E⟧" in card.values["signature"].text()
    assert card.values["contact"].textFormat() == Qt.TextFormat.PlainText

    hits = view.hit_list.items
    assert hits[0].highlighted_text() == "号账假"  # span moved past the written-out override
    assert hits[1].highlighted_text() == "<img"

    report = view.report_list.items[0]
    body = report.findChild(QLabel, "reportText")
    assert body.textFormat() == Qt.TextFormat.PlainText and body.text() == RED + shown(BIDI)
    head = _assert_inert(_document(report.header.text(), report.header.textFormat()), "report")
    assert IMG in head
    tip = report.thumbnails[0].toolTip()
    assert _assert_inert(_document(tip, Qt.TextFormat.AutoText), "tooltip") == "<img src=x>.png"

    row = min(view.timeline.entry_rows)  # under the stage's header row
    detail = view.timeline.item(row, 2).text()
    assert RED in detail and "⟦U+202E⟧" in detail
    assert view.timeline.item(row, 1).text() == f"{IMG} 受理了案件"  # the name as written

    texts = _visible_texts(view)
    assert any("<img src=x><a href=y>z</a>" in t for t in texts)
    assert any("系统通知" in t for t in texts)


def test_queue_table_shows_names_as_written(engine, runner, qtbot):
    with session_scope(engine) as s:
        boss = f.reviewer(s, "boss1", display_name=RICH)
        f.case(
            s,
            f.account(s, name=IMG + BIDI),
            assignee_id=boss.id,
            claimed_until=f.NOW,
            status="accepted",
        )
    model = QueueTableModel(f.client(engine, clock=lambda: f.NOW), runner, clock=lambda: f.NOW)
    model.set_query(queue="reports")
    view = QueueView(model)
    qtbot.addWidget(view)
    account = model.index(0, COLUMN_INDEX["account"]).data()
    assert account == IMG + shown(BIDI)
    assert model.index(0, COLUMN_INDEX["assignee"]).data() == RICH
    for column in range(model.columnCount()):
        tip = model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
        if tip:
            _assert_inert(_document(tip, Qt.TextFormat.AutoText), "queue tooltip")


def test_appeals_view_draws_hostile_appeal_as_text(engine, runner, qtbot):
    actors = people(engine)
    _case_id, measure_id = measured_case(engine, actors["mod"], "某区税务局", n=1)
    with session_scope(engine) as s:
        appeal = appeals.file_appeal(
            s,
            None,
            measure_id=measure_id,
            appellant_name=IMG,
            appellant_contact="a@example.com",
            text=RED,
            received_at=utcnow(),
        )
        appeal_id = appeal.id
        # Whatever intake does to the text, the view must cope with it as stored.
        s.get(Appeal, appeal_id).text = RED + BIDI
    boss = actors["boss"]
    view = AppealsView(LocalClient(engine, actor=boss), boss, runner, ChangeBus())
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    with qtbot.waitSignal(view.appeal_loaded):
        view.show_appeal(appeal_id)
    assert view.appeal_text.textFormat() == Qt.TextFormat.PlainText
    assert view.appeal_text.text() == RED + shown(BIDI)
    header = _assert_inert(_document(view.header.text(), view.header.textFormat()), "header")
    assert IMG in header and "申诉 #" in header
    texts = _visible_texts(view)
    assert any(IMG in t for t in texts)


def test_change_requests_view_draws_hostile_names_and_values_as_text(engine, runner, qtbot):
    """A change request (2022/10) from an account whose name is markup, proposing a styled
    bio held by a rule hit: the rich header and every table cell show the text as written."""
    actors = people(engine)
    with session_scope(engine) as s:
        acc = f.account(s, name=IMG, bio=RICH)
        platform_id = acc.platform_id
    mod = actors["mod"]
    client = LocalClient(engine, actor=mod)
    held = client.call(
        change_requests.submit_change_request,
        platform_id=platform_id,
        field="bio",
        value=RED + "合作请加微信 abc12345",
    )
    assert held.status == "pending"
    view = ChangeRequestsView(client, mod, runner, ChangeBus())
    qtbot.addWidget(view)
    view.resize(1000, 700)
    with qtbot.waitSignal(view.loaded):
        view.show()
    view.select(held.id)
    header = _assert_inert(_document(view.header.text(), view.header.textFormat()), "header")
    assert IMG in header and "变更申请 #" in header
    texts = _visible_texts(view)
    assert any(RED in t for t in texts)  # the proposed bio, markup and all, as text
    assert any(IMG in t for t in texts)  # the account's name in the list
