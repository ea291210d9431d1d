"""The case's account card lists the linked accounts (issue 16 item 6): names masked and
what links them, 同一联系方式 / 相似头像 / 同一主体; none listed says so."""

from __future__ import annotations

from tests.db.workflow.helpers import make_account, make_team, report
from workbench.cases.bulk_checks import run_account_checks
from workbench.db import session_scope
from workbench.models import Subject
from workbench.operations import reads
from workbench.operations.local import LocalClient
from workbench.ui.widgets.account_card import AccountCardWidget

ID_NUMBER = "110105197201208217"  # GB 11643, check digit valid


def _card(engine, team, account_id, qtbot) -> AccountCardWidget:
    case_id = report(engine, account_id, reporter=f"r{account_id}").case.id
    detail = LocalClient(engine, actor=team.mod).call(reads.case_detail, case_id=case_id)
    card = AccountCardWidget(detail.account)
    qtbot.addWidget(card)
    return card


def _listed(card) -> list[str]:
    return [card.linked_list.item(i).text() for i in range(card.linked_list.count())]


def test_the_card_lists_accounts_linked_by_contact_and_subject(sqlite_engine, qtbot):
    engine = sqlite_engine
    team = make_team(engine)
    with session_scope(engine) as s:
        subject = Subject(kind="individual", verified_name="张某", id_number=ID_NUMBER)
        s.add(subject)
        s.flush()
        subject_id = subject.id
    shown = make_account(engine, name="好物分享站", platform_id="a1", bio="加微信 abc12345")
    make_account(engine, name="好物推荐官", platform_id="a2", bio="➕薇信：ａｂｃ１２３４５")
    make_account(engine, name="城市风景", platform_id="a3", bio="加微信 zzz99999")
    make_account(engine, name="晨光资讯", platform_id="a4", subject_id=subject_id)
    alone = make_account(engine, name="远山", platform_id="a5", subject_id=subject_id)
    make_account(engine, name="无关账号", platform_id="a6")
    run_account_checks(engine, open_cases=False)  # indexes the accounts' link keys

    card = _card(engine, team, shown, qtbot)
    assert _listed(card) == ["好***官 (a2) · 同一联系方式 · 正常"]
    assert "好物推荐官" not in _listed(card)[0]
    with qtbot.waitSignal(card.account_clicked) as clicked:
        card.linked_list.itemActivated.emit(card.linked_list.item(0))
    assert clicked.args == [card.linked_list.item(0).data(0x0100)]

    assert _listed(_card(engine, team, alone, qtbot)) == ["晨**讯 (a4) · 同一主体 · 正常"]


def test_an_account_linked_to_none_says_so(sqlite_engine, qtbot):
    engine = sqlite_engine
    team = make_team(engine)
    lone = make_account(engine, name="孤独的号", platform_id="z1", bio="加微信 zzz99999")
    run_account_checks(engine, open_cases=False)
    assert _listed(_card(engine, team, lone, qtbot)) == ["无"]
