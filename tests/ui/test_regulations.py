"""The rest of the regulations through the desktop: the public-figure names list with its
authorisations (2021/8), a regulator referral decided and reported back (2022/21), a
rumour finding lowering the credit grade (2021/13), and the regulator's report exported
and logged (2022/17)."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QDate
from sqlmodel import select

from tests.db.workflow.helpers import report
from tests.ui import factories as f
from tests.ui.journeys import open_window, people
from workbench.cases import screening, transitions
from workbench.db import session_scope
from workbench.models import Account, Case, Measure, Reply, RuleHit, utcnow
from workbench.models.regulation import RegulatorReportLog
from workbench.ui.dialogs.regulation import RegulatorOrderDialog, RumourDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _account(engine, **kw) -> int:
    with session_scope(engine) as s:
        return f.account(s, **kw).id


def _referral(engine, account_id: int) -> int:
    return report(
        engine, account_id, channel="regulator_referral", category="impersonate_organisation",
        external_id="京网信转〔2026〕7号", text="转办：冒用政府机关名义", reporter="CAC-BJ",
        reporter_name="北京市网信办", reporter_contact="jubao@bjcac.gov.cn", at=utcnow(),
    ).case.id  # fmt: skip


def test_a_listed_name_hits_an_imitator_and_spares_the_authorised_account_2021_8(
    qtbot, engine, runner, ui_settings
):
    """2021/8: the administrator lists 刘德华 and records the authorisation of account
    p-andy; the bulk check then raises public_figure_name for the imitator only."""
    actors = people(engine)
    own = _account(engine, platform_id="p-andy", name="刘德华")
    fake = _account(engine, platform_id="p-fake", name="劉德華官方")
    window, panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
    window.pages.setCurrentWidget(panels.admin)
    tab = panels.admin.figures
    panels.admin.tabs.setCurrentWidget(tab)
    tab.name.setText("刘德华")
    tab.category.setCurrentIndex(tab.category.findData("public_figure"))
    tab.aliases.setText("Andy Lau")
    tab.add_button.click()
    assert "已加入名单" in tab.message.text()
    assert tab.table.rowCount() == 1 and tab.selected().name == "刘德华"
    tab.holder.setText("p-andy")
    tab.document.setText("授权书 2026-001")
    tab.valid_from.setDate(QDate.currentDate().addDays(-1))
    tab.open_ended.setChecked(True)
    tab.grant_button.click()
    assert "已登记授权" in tab.message.text()
    assert tab.granted.rowCount() == 1 and tab.granted.item(0, 3).text() == "有效"
    assert tab.table.item(0, 3).text() == "1"

    moderator, mod_panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    dialog = mod_panels.data.bulk_checks()
    dialog.start_button.click()
    assert "未经授权使用名单上的名称: 1" in dialog.details.toPlainText()
    with session_scope(engine, write=False) as s:
        hits = s.exec(select(RuleHit).where(RuleHit.category == "public_figure_name")).all()
    assert [(h.account_id, h.basis) for h in hits] == [(fake, "2021/8")]
    assert own not in {h.account_id for h in hits}


def test_a_referral_is_decided_and_reported_back_2022_21(qtbot, engine, runner, ui_settings):
    """2022/21: the referral waits in 监管转办 with its own time limit; decided, the reply
    action drafts the report back to the regulator from the referral template."""
    actors = people(engine)
    case_id = _referral(engine, _account(engine, name="某市人民政府办公厅"))
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    window.queue_list.select("referrals")
    assert window.queue_model.rowCount() == 1
    with session_scope(engine) as s:
        case = transitions.accept_case(s, actors["mod"], case_id, expected_version=1)
        screening.record_findings(s, actors["mod"], case_id, expected_version=case.version,
                                  findings=[("impersonate_organisation", "2022/8(2)", "")])  # fmt: skip
    panel, view = panels.actions, window.case_view
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    panel.actions["measures"].trigger()
    measures = panel.active_dialog
    measures.editor.set_code("warn")
    measures.editor.reason.setText("冒用政府机关名义")
    with qtbot.waitSignal(view.case_loaded):
        measures.accept()
    panel.actions["reply"].trigger()
    reply = panel.active_dialog
    assert "京网信转〔2026〕7号" in reply.subject.text()  # the referral template, by default
    assert "已核查处理完毕" in reply.body.toPlainText()
    with qtbot.waitSignal(view.case_loaded):
        reply.accept()
    with session_scope(engine, write=False) as s:
        (sent,) = s.exec(select(Reply).where(Reply.case_id == case_id)).all()
        assert s.get(Case, case_id).status == "replied"
    assert sent.template == "referral_measure_taken" and "处理情况报告" in sent.subject


def test_a_rumour_finding_lowers_the_credit_grade_2021_13(qtbot, engine, runner, ui_settings):
    """2021/13: 降低信用等级 for a producer of false information, the debunk recorded."""
    actors = people(engine)
    account_id = _account(engine, name="本地热点速递", credit_score=95)
    case_id = report(
        engine, account_id, category="false_information", external_id="R-rumour", text="造谣",
        reporter="r-1", reporter_name="举报人", at=utcnow(),
    ).case.id  # fmt: skip
    with session_scope(engine) as s:
        transitions.accept_case(s, actors["mod"], case_id, expected_version=1)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    panel, view = panels.actions, window.case_view
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    action = panel.actions["rumour"]
    assert action.isEnabled() and action in window.case_menu.actions()
    action.trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, RumourDialog) and "降低账号信用等级" in dialog.summary.text()
    dialog.debunk.setPlainText("市应急管理局已发布辟谣通告")
    dialog.reason.setText("编造险情")
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    assert "2021/13" in panel.message.text()
    with session_scope(engine, write=False) as s:
        account = s.get(Account, account_id)
        measure = s.exec(select(Measure).where(Measure.case_id == case_id)).one()
    assert (account.credit_grade, measure.code, measure.status) == (
        "B",
        "downgrade_credit",
        "in_effect",
    )
    assert view.detail.status == "disposed"
    assert "case.rumour" in {entry.action for entry in view.detail.timeline}  # the case records it


def test_the_regulator_report_exported_from_the_desktop_is_logged_2022_17(
    qtbot, engine, runner, ui_settings, tmp_path
):
    actors = people(engine)
    window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
    page = panels.regulator_reports
    window.pages.setCurrentWidget(page)
    page.format.setCurrentIndex(page.format.findData("csv"))
    out = tmp_path / "report.csv"
    page.export_to(out)
    assert out.exists() and "已导出并登记" in page.message.text()
    with session_scope(engine, write=False) as s:
        (row,) = s.exec(select(RegulatorReportLog)).all()
    assert row.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert (row.format, row.source, row.made_by) == ("csv", "desktop", actors["boss"].id)
    assert page.table.rowCount() == 1 and page.table.item(0, 6).text() == row.sha256


def test_a_supervisor_carries_out_a_regulators_order_2022_21(qtbot, engine, runner, ui_settings):
    """2022/21: the order's reference, body and date with the measure; a closure takes effect
    at once (no second approval) and the timeline marks it."""
    actors = people(engine)
    account_id = _account(engine, name="某市公安局官方")
    case_id = report(
        engine, account_id, category="impersonate_organisation", external_id="R-order",
        reporter="r-2", reporter_name="举报人", at=utcnow(),
    ).case.id  # fmt: skip
    with session_scope(engine) as s:
        case = transitions.accept_case(s, actors["mod"], case_id, expected_version=1)
        screening.record_findings(s, actors["mod"], case_id, expected_version=case.version,
                                  findings=[("impersonate_organisation", "2022/8(2)", "")])  # fmt: skip
    window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
    panel, view = panels.actions, window.case_view
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    action = panel.actions["regulator_order"]
    assert action.isVisible() and action.isEnabled() and action in window.case_menu.actions()
    action.trigger()
    dialog = panel.active_dialog
    assert isinstance(dialog, RegulatorOrderDialog)
    dialog.reference.setText("京网信办〔2026〕12号")
    dialog.body.setText("北京市网信办")
    dialog.editor.set_code("close")
    dialog.editor.reason.setText("监管部门要求关闭")
    assert "不再等待主管审批" in dialog.summary.text()
    with qtbot.waitSignal(view.case_loaded):
        dialog.accept()
    with session_scope(engine, write=False) as s:
        measure = s.exec(select(Measure).where(Measure.case_id == case_id)).one()
        account = s.get(Account, account_id)
    assert (measure.code, measure.status, measure.approved_by) == ("close", "in_effect", None)
    assert account.status == "closed" and "2022/21" in panel.message.text()
    assert "measure.regulator_order" in {entry.action for entry in view.detail.timeline}
