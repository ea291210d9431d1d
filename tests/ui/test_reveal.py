"""Revealing masked personal data from the case view: the button, the reason, the audit."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox
from sqlmodel import select

from tests.ui import factories as f
from tests.ui.journeys import appealed_measure, open_window, people
from workbench.db import session_scope
from workbench.models import AuditEvent
from workbench.ui.dialogs.reveal import RevealDialog
from workbench.ui.widgets.personal import RevealButton

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
CONTACT = "wangwu@example.com"


def _cases(engine) -> tuple[int, int]:
    """Two cases in the report queue: the first on an account whose holder has an
    ID number and phone, reported by someone who left an e-mail address."""
    with session_scope(engine) as s:
        holder = f.subject(s, id_number=ID_NUMBER, phone=PHONE)
        account = f.account(s, subject_id=holder.id, name="央视新闻官方号")
        first = f.case(s, account)
        f.report(s, first, by=f.reporter(s, name="王五", contact=CONTACT), text="冒充央视")
        second = f.case(s, f.account(s, name="另一个账号"), due_at=first.due_at + timedelta(days=1))
        return first.id, second.id


def _open(qtbot, engine, actor, runner, ui_settings):
    window, panels = open_window(qtbot, engine, actor, runner, ui_settings)
    window.queue_list.select("reports")
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.queue_view.select_row(0)
    return window, panels


def _shown_text(window) -> str:
    return "\n".join(label.text() for label in window.case_view.findChildren(QLabel))


def _reveals(engine) -> list[AuditEvent]:
    with session_scope(engine, write=False) as s:
        return list(
            s.exec(select(AuditEvent).where(AuditEvent.action == "personal_data.reveal")).all()
        )


def _click_reveal(qtbot, window, panels, key: str) -> RevealDialog:
    qtbot.mouseClick(window.case_view.card_widget.reveal_buttons[key], Qt.MouseButton.LeftButton)
    dialog = panels.revealer.active_dialog
    assert isinstance(dialog, RevealDialog) and dialog.isVisible()
    return dialog


def _answer(qtbot, dialog: RevealDialog, reason: str) -> None:
    dialog.reason.setText(reason)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_a_supervisor_reveals_the_holders_phone_and_id_number_with_a_reason(
    qtbot, engine, runner, ui_settings
):
    boss = people(engine)["boss"]
    first, _second = _cases(engine)
    window, panels = _open(qtbot, engine, boss, runner, ui_settings)
    card = window.case_view.card_widget
    assert card.values["phone"].text() == "139****5678"
    assert card.values["id_number"].text() == "110***********002X"
    assert PHONE not in _shown_text(window) and ID_NUMBER not in _shown_text(window)

    dialog = _click_reveal(qtbot, window, panels, "phone")
    assert "央视新闻官方号" in dialog.summary.text() and "手机号码" in dialog.summary.text()
    assert "审计日志" in dialog.findChild(QLabel, "revealNotice").text()
    _answer(qtbot, dialog, "核实举报人所称的冒用号码")
    qtbot.waitUntil(lambda: card.values["phone"].text() == PHONE)
    assert not dialog.isVisible()
    assert not card.reveal_buttons["phone"].isVisible()
    assert card.values["id_number"].text() == "110***********002X"  # one field at a time

    _answer(qtbot, _click_reveal(qtbot, window, panels, "id_number"), "核对实名信息")
    qtbot.waitUntil(lambda: card.values["id_number"].text() == ID_NUMBER)

    events = _reveals(engine)
    assert [(e.entity, e.after["field"], e.reason, e.actor_id) for e in events] == [
        ("subject", "phone", "核实举报人所称的冒用号码", boss.id),
        ("subject", "id_number", "核对实名信息", boss.id),
    ]
    logged = json.dumps([[e.before, e.after, e.reason] for e in events], ensure_ascii=False)
    assert PHONE not in logged and ID_NUMBER not in logged

    # The case is re-read after a change elsewhere: still revealed in this view.
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.bus.notify("case", [first])
    assert window.case_view.card_widget.values["phone"].text() == PHONE


def test_a_supervisor_reveals_a_reporters_contact_in_the_reports(
    qtbot, engine, runner, ui_settings
):
    admin = people(engine)["admin"]
    _cases(engine)
    window, panels = _open(qtbot, engine, admin, runner, ui_settings)
    report = window.case_view.report_list.items[0]
    assert "w*****@example.com" in report.header.text()
    qtbot.mouseClick(report.reveal_button, Qt.MouseButton.LeftButton)
    dialog = panels.revealer.active_dialog
    assert "王五" in dialog.summary.text() and "联系方式" in dialog.summary.text()
    _answer(qtbot, dialog, "回访举报人")
    qtbot.waitUntil(lambda: CONTACT in report.header.text())
    [event] = _reveals(engine)
    assert (event.entity, event.after["field"], event.reason) == (
        "reporter",
        "contact",
        "回访举报人",
    )
    assert CONTACT not in json.dumps(event.after, ensure_ascii=False)


def test_a_moderator_has_no_reveal_control_and_a_refusal_is_shown_in_words(
    qtbot, engine, runner, ui_settings
):
    mod = people(engine)["mod"]
    _cases(engine)
    window, panels = _open(qtbot, engine, mod, runner, ui_settings)
    assert window.case_view.card_widget.values["phone"].text() == "139****5678"
    assert window.case_view.findChildren(RevealButton) == []
    assert window.case_view.card_widget.reveal_buttons == {}
    assert window.case_view.report_list.items[0].reveal_button is None

    # Asked anyway (a hidden button is never the check): the service refuses, in words.
    card = window.case_view.detail.account
    subject_phone = dict(card.personal)["phone"]
    panels.revealer.reveal(
        subject_phone.entity, subject_phone.entity_id, "phone", "看看", lambda *a: None
    )
    box = window.findChild(QMessageBox, "refusalBox")
    assert box is not None and box.isVisible()
    assert "无权" in box.text() and "主管" in box.text()  # the reviewer's language only
    assert "may not" not in box.text()
    assert _reveals(engine) == []
    assert PHONE not in _shown_text(window)
    box.close()


def test_an_empty_reason_is_refused_and_nothing_is_audited(qtbot, engine, runner, ui_settings):
    boss = people(engine)["boss"]
    _cases(engine)
    window, panels = _open(qtbot, engine, boss, runner, ui_settings)
    dialog = _click_reveal(qtbot, window, panels, "phone")
    _answer(qtbot, dialog, "   ")
    assert dialog.isVisible()
    assert "请说明查看理由" in dialog.message.text()
    assert window.case_view.card_widget.values["phone"].text() == "139****5678"
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible()
    assert _reveals(engine) == []
    assert window.case_view.card_widget.values["phone"].text() == "139****5678"


def test_moving_to_another_case_masks_again(qtbot, engine, runner, ui_settings):
    boss = people(engine)["boss"]
    first, second = _cases(engine)
    window, panels = _open(qtbot, engine, boss, runner, ui_settings)
    view = window.case_view
    assert view.case_id == first
    _answer(qtbot, _click_reveal(qtbot, window, panels, "phone"), "核实号码")
    qtbot.waitUntil(lambda: view.card_widget.values["phone"].text() == PHONE)

    with qtbot.waitSignal(view.case_loaded):
        window.queue_view.select_row(1)
    assert view.case_id == second
    with qtbot.waitSignal(view.case_loaded):
        window.queue_view.select_row(0)
    assert view.case_id == first
    assert view.card_widget.values["phone"].text() == "139****5678"
    assert view.card_widget.reveal_buttons["phone"].isVisible()
    assert PHONE not in _shown_text(window)


def _open_appeal(qtbot, engine, actor, runner, ui_settings):
    """The main window on the appeals page with the first appeal shown: (window, view)."""
    window, panels = open_window(qtbot, engine, actor, runner, ui_settings)
    window.pages.setCurrentWidget(panels.appeals)
    with qtbot.waitSignal(panels.appeals.appeal_loaded):
        panels.appeals.select_row(0)
    return window, panels.appeals


def test_the_appeals_view_reveals_for_a_supervisor_and_not_for_an_appeal_reviewer(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    appealed_measure(engine, actors["mod"], "某区税务局", n=7)
    window, view = _open_appeal(qtbot, engine, actors["appeals"], runner, ui_settings)
    assert "r********@example.com" in view.report_list.items[0].header.text()
    assert view.findChildren(RevealButton) == []
    window.close()

    window, view = _open_appeal(qtbot, engine, actors["boss"], runner, ui_settings)
    report = view.report_list.items[0]
    qtbot.mouseClick(report.reveal_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, view.revealer.active_dialog, "核实申诉材料")
    # The reveal is a change (audited), so the view reads the appeal again: the
    # value stays revealed in the reports drawn anew.
    qtbot.waitUntil(lambda: "reporter7@example.com" in view.report_list.items[0].header.text())
    [event] = _reveals(engine)
    assert (event.entity, event.reason) == ("reporter", "核实申诉材料")


def test_the_appellants_contact_shows_masked_and_a_supervisor_reveals_it(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    appealed_measure(engine, actors["mod"], "某区税务局", n=3, contact="yunying@example.com")
    window, view = _open_appeal(qtbot, engine, actors["appeals"], runner, ui_settings)
    masked = view.contact.value.text()
    assert masked.endswith("@example.com") and "yunying" not in masked
    assert view.contact.button is None  # an appeal reviewer may not reveal
    window.close()

    window, view = _open_appeal(qtbot, engine, actors["boss"], runner, ui_settings)
    assert view.contact.value.text() == masked
    with qtbot.waitSignal(view.appeal_loaded):  # read again: the contact line is kept
        view.show_appeal(view.detail.id)
    qtbot.mouseClick(view.contact.button, Qt.MouseButton.LeftButton)
    assert len(view.findChildren(RevealDialog)) == 1  # one question, not one per read
    _answer(qtbot, view.revealer.active_dialog, "回复申诉人")
    qtbot.waitUntil(lambda: view.contact.value.text() == "yunying@example.com")
    [event] = _reveals(engine)
    assert (event.entity, event.reason) == ("appeal", "回复申诉人")
    assert "yunying" not in json.dumps(event.after, ensure_ascii=False)
