"""The case's account card shows the credit grade (2022/18) and, among the subject's other
accounts, the closed account whose registered subject came back under a new record
(2022/10, 2017/13), its name masked."""

from __future__ import annotations

from sqlmodel import select

from tests.db.workflow.helpers import act, later, make_account, report
from tests.db.workflow.test_closed_subjects import CREDIT_CODE, _close_subject
from workbench.access.auth import actor_of
from workbench.db import session_scope
from workbench.measures import credit_grades
from workbench.models import Reviewer, Subject
from workbench.operations import reads
from workbench.operations.local import LocalClient
from workbench.ui.widgets.account_card import AccountCardWidget


def test_the_card_shows_the_grade_and_the_closed_account_of_the_same_subject_2022_10(
    sqlite_engine, tmp_path, qtbot
):
    engine = sqlite_engine
    _close_subject(engine, tmp_path)  # 新华社官方号, closed, its subject on the list
    with session_scope(engine) as s:
        again = Subject(kind="organisation", verified_name="某某传媒", credit_code=CREDIT_CODE)
        s.add(again)
        s.flush()
        again_id = again.id
    account_id = make_account(engine, name="晨光资讯", subject_id=again_id, credit_score=65)
    with session_scope(engine, write=False) as s:  # the team _close_subject made
        admin = actor_of(s, s.exec(select(Reviewer).where(Reviewer.login == "admin")).one())
        mod = actor_of(s, s.exec(select(Reviewer).where(Reviewer.login == "mod")).one())
    act(
        engine,
        credit_grades.set_policy,
        admin,
        {"thresholds": {"A": 80, "B": 60, "C": 40}},
        now=later(),
    )
    case_id = report(engine, account_id, reporter="r9").case.id
    detail = LocalClient(engine, actor=mod).call(reads.case_detail, case_id=case_id)

    card = AccountCardWidget(detail.account)
    qtbot.addWidget(card)
    assert card.values["credit_grade"].text() == "B · 一般"
    listed = [card.other_list.item(i).text() for i in range(card.other_list.count())]
    assert listed == ["新****号 (p-新华社官方号) · 已关闭"]
