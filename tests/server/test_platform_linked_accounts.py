"""The platform's account snapshots keep the link index (issue 16 item 6): three new
accounts sent through POST /v1/accounts with one WeChat ID written three ways are one
``batch_registration`` hit (2021/18(8)) on the first, and the index holds no contact."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.db.workflow.helpers import later
from tests.server.platform_support import register, send
from workbench.db import session_scope
from workbench.models import Account, RuleHit
from workbench.models.account import AccountLinkKey

NOW = later(days=1)


@pytest.fixture
def platform(engine, remote, server_clock):
    server_clock.at = NOW
    return register(engine, remote, name="account-centre", scopes=["accounts:write"])


def test_snapshots_of_new_accounts_sharing_a_contact_are_one_group_hit_2021_18_8(
    http, engine, platform
):
    bios = ["加微信 abc12345", "➕薇信：ａｂｃ１２３４５", "vx abc12345 合作"]
    for i, bio in enumerate(bios):
        row = {"id": f"snap{i}", "name": f"好物号{i}", "bio": bio}
        answer = send(http, platform, "/v1/accounts", row, NOW)
        assert answer.status_code == 201, answer.text
    with session_scope(engine, write=False) as s:
        first = s.execute(select(Account).where(Account.platform_id == "snap0")).scalar_one()
        hits = (
            s.execute(select(RuleHit).where(RuleHit.category == "batch_registration"))
            .scalars()
            .all()
        )
        keys = s.execute(select(AccountLinkKey)).scalars().all()
    (hit,) = hits
    assert hit.account_id == first.id and hit.basis == "2021/18(8)"
    assert all(f"snap{i}「" in hit.explanation for i in range(3))
    assert "abc12345" not in hit.explanation
    assert len([k for k in keys if k.kind == "contact"]) == 3
    assert not any("abc12345" in f"{k.digest}{k.detail}{k.key_id}" for k in keys)
