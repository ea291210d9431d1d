"""The platform's account snapshots meet the subject-level blacklist (2022/10, 2017/13): a
closed account's subject sent again under a new name through POST /v1/accounts gets the
hit ``closed_subject_returns``, and the answer and the database hold no number in clear."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.db.workflow.helpers import Team, later
from tests.db.workflow.test_closed_subjects import CREDIT_CODE, _close_subject
from tests.server.platform_support import register, send
from workbench.access.auth import load_actor
from workbench.db import session_scope
from workbench.models import Account, RuleHit

NOW = later(days=1)


@pytest.fixture
def platform(engine, remote, server_clock):
    server_clock.at = NOW
    return register(engine, remote, name="account-centre", scopes=["accounts:write"])


def test_a_snapshot_of_a_closed_subject_under_a_new_name_is_a_hit_2022_10_2017_13(
    http, engine, platform, team, tmp_path
):
    with session_scope(engine, write=False) as s:
        actors = Team(**{login: load_actor(s, reviewer_id) for login, reviewer_id in team.items()})
    _close_subject(engine, tmp_path, team=actors)
    row = {
        "id": "p-back",
        "name": "晨光资讯",
        "subject_id": "s-new-record",
        "subject_kind": "organisation",
        "subject_name": "某某传媒",
        "credit_code": CREDIT_CODE,
    }
    answer = send(http, platform, "/v1/accounts", row, NOW)
    assert answer.status_code == 201, answer.text
    assert CREDIT_CODE not in answer.text
    with session_scope(engine, write=False) as s:
        account = s.execute(select(Account).where(Account.platform_id == "p-back")).scalar_one()
        hits = (
            s.execute(
                select(RuleHit).where(
                    RuleHit.account_id == account.id, RuleHit.category == "closed_subject_returns"
                )
            )
            .scalars()
            .all()
        )
    (hit,) = hits
    assert hit.basis == "2022/10" and "p-新华社官方号" in hit.explanation
    assert CREDIT_CODE not in hit.explanation
