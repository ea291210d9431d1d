"""Change requests decided on arrival by policy (2022/10), against a real server: a hit
that leaves a moderator nothing to weigh (banned content 2022/8(1), a state organ's
name 2022/8(2)) is refused at once with the rule and article, audited as 不予变更 and
told to the holder's notice stream; a lesser or less certain hit is held; the policy
is the administrator's (the ``change_requests`` setting)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.db.workflow.helpers import make_account
from tests.server.platform_support import pull, register, send
from workbench.db import session_scope
from workbench.errors import ValidationError
from workbench.measures.change_arrival import load_arrival_policy, parse_policy
from workbench.models import Account, AuditEvent, ChangeRequest
from workbench.settings import put_setting

from .test_platform_accounts_api import NOW, SCOPES

PATH = "/v1/change_requests"


@pytest.fixture
def platform(engine, remote, server_clock):
    server_clock.at = NOW
    return register(engine, remote, name="account-centre", scopes=SCOPES)


@pytest.fixture
def feed(engine, remote, platform):
    """A client reading the holder's notices, registered before the request arrives."""
    return register(engine, remote, name="notice-feed", scopes=["notices:read"])


def _change(ext: str, **proposed) -> dict:
    return {"external_id": ext, "account_id": "p-food", "proposed": proposed}


def _account(engine) -> Account:
    with session_scope(engine, write=False) as s:
        return s.exec(select(Account).where(Account.platform_id == "p-food")).scalars().one()


@pytest.mark.parametrize(
    ("proposed", "category", "basis"),
    [
        ({"bio": "网赌代理，线上赌场"}, "prohibited_content", "2022/8(1)"),
        ({"name": "北京市公安局"}, "impersonate_organisation", "2022/8(2)"),
    ],
)
def test_an_unambiguous_severe_hit_is_refused_on_arrival_with_its_rule_and_article(
    http, engine, platform, feed, proposed, category, basis
):
    make_account(engine, name="小城美食日记", platform_id="p-food")
    row = _change("cr-severe", **proposed)
    answer = send(http, platform, PATH, row, NOW)
    assert answer.status_code == 201, answer.text
    refused = answer.json()
    assert refused["outcome"] == "refused"
    refusal = refused["refusal"]
    assert (refusal["category"], refusal["basis"]) == (category, basis)
    rule = refusal["rule"]
    assert rule in {h["rule"] for h in refused["hits"]}
    account = _account(engine)
    assert (account.name, account.bio) != (proposed.get("name"), proposed.get("bio"))
    with session_scope(engine, write=False) as s:
        request = s.get(ChangeRequest, refused["change_request_id"])
        assert request.status == "rejected" and request.decided_at is not None
        event = (
            s.exec(
                select(AuditEvent).where(
                    AuditEvent.entity == "change_request",
                    AuditEvent.action == "change_request.reject",
                )
            )
            .scalars()
            .one()
        )
        assert event.after["basis"] == basis and rule in event.reason
        assert event.actor_id == platform.reviewer_id  # the client, as every API change
    notices = pull(http, feed, NOW + timedelta(seconds=1))
    assert [(n["event"], n["account_id"]) for n in notices] == [
        ("change_request.rejected", "p-food")
    ]
    assert notices[0]["data"]["refusal"]["basis"] == basis
    # Sent again, the same answer: filed once, refused once.
    again = send(http, platform, PATH, row, NOW + timedelta(seconds=2))
    assert again.status_code == 200 and again.json() == refused | {"existing": True}


def test_a_lesser_or_less_certain_hit_is_held_and_no_hit_is_accepted_and_told(
    http, engine, platform, feed
):
    make_account(engine, name="小城美食日记", platform_id="p-food")
    strict = send(http, platform, PATH, _change("cr-1", name="中国美食日记"), NOW).json()
    assert (strict["outcome"], strict["refusal"]) == ("held", None)  # 2022/10, medium
    homophone = send(http, platform, PATH, _change("cr-2", bio="w@ng du 网du"), NOW).json()
    assert homophone["hits"][0]["category"] == "prohibited_content"
    assert homophone["outcome"] == "held"  # a variant, scored under 0.9: a person decides
    clean = send(http, platform, PATH, _change("cr-3", bio="分享家常菜做法"), NOW).json()
    assert clean["outcome"] == "accepted"
    assert _account(engine).bio == "分享家常菜做法"
    notices = pull(http, feed, NOW + timedelta(seconds=1))
    assert [(n["event"], n["data"]["external_id"]) for n in notices] == [
        ("change_request.passed", "cr-3")
    ]  # held ones are told when a moderator decides


def test_the_policy_is_the_administrators_and_checked(http, engine, platform):
    make_account(engine, name="小城美食日记", platform_id="p-food")
    with session_scope(engine) as s:
        assert [r.category for r in load_arrival_policy(s).refuse_on_arrival] == [
            "prohibited_content", "impersonate_state", "impersonate_organisation",
        ]  # fmt: skip
        put_setting(s, None, "change_requests", {"refuse_on_arrival": []})
    held = send(http, platform, PATH, _change("cr-1", bio="网赌代理"), NOW).json()
    assert held["outcome"] == "held"
    bad = {"refuse_on_arrival": [{"category": "gambling", "min_severity": "high", "min_score": 1}]}
    with pytest.raises(ValidationError, match=r"refuse_on_arrival\[0\]\.category"):
        parse_policy(bad)
