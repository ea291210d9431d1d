"""The platform's API for account information against a real server: change requests
screened on arrival (accepted, held with the rule and article, refused once a moderator
rejects), account snapshots with follower history and transfers on which the account
checks then find fake traffic (2021/12) and an unapproved transfer (2021/11), and
refused requests that write nothing."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.db.workflow.helpers import later, make_account
from tests.server.helpers import database_state, readable_refusal
from tests.server.platform_support import register, send, signed_headers
from workbench.access.auth import load_actor
from workbench.cases.bulk_checks import run_account_checks
from workbench.db import session_scope
from workbench.measures.corrections import decide_change_request
from workbench.models import Account, AccountInfoRevision, ChangeRequest, RuleHit

NOW = later(days=1)
SCOPES = ["intake:change_requests", "accounts:write"]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "platform_client.py"
STEADY = [110, 130, 120, 125, 115, 120, 135, 105, 120, 118] * 4


@pytest.fixture
def platform(engine, remote, server_clock):
    server_clock.at = NOW
    return register(engine, remote, name="account-centre", scopes=SCOPES)


def _without_signatures(state: dict) -> dict:
    return {k: v for k, v in state.items() if k != "api_signature"}


def _account(engine, platform_id: str) -> Account:
    with session_scope(engine, write=False) as s:
        return s.exec(select(Account).where(Account.platform_id == platform_id)).scalars().one()


def _change(n: int, platform_id: str, **proposed) -> dict:
    return {"external_id": f"cr-{n}", "account_id": platform_id, "proposed": proposed}


def test_a_change_without_hits_is_accepted_and_applied_and_a_resend_answers_the_same(
    http, engine, platform
):
    make_account(engine, name="小城美食日记", platform_id="p-food")
    row = _change(1, "p-food", bio="分享家常菜做法和小城故事")
    first = send(http, platform, "/v1/change_requests", row, NOW)
    assert first.status_code == 201, first.text
    answer = first.json()
    assert answer["outcome"] == "accepted" and answer["hits"] == []
    assert answer["existing"] is False and answer["account_id"] == "p-food"
    assert _account(engine, "p-food").bio == "分享家常菜做法和小城故事"
    with session_scope(engine, write=False) as s:
        request = s.get(ChangeRequest, answer["change_request_id"])
        assert (request.external_id, request.status) == ("cr-1", "passed")
        revision = s.exec(select(AccountInfoRevision)).scalars().one()
        assert revision.change_request_id == request.id
    after = database_state(engine)

    again = send(http, platform, "/v1/change_requests", row, NOW + timedelta(seconds=1))
    assert again.status_code == 200, again.text
    assert again.json() == answer | {"existing": True}
    assert _without_signatures(database_state(engine)) == _without_signatures(after)

    other = _change(1, "p-food", bio="另一段简介")
    conflict = send(http, platform, "/v1/change_requests", other, NOW + timedelta(seconds=2))
    assert conflict.status_code == 409, conflict.text
    assert readable_refusal(conflict, "Conflict")["problems"][0]["field"] == "proposed"
    assert _without_signatures(database_state(engine)) == _without_signatures(after)


def test_a_change_with_a_hit_is_held_naming_the_rule_and_article_and_refused_once_rejected(
    http, engine, platform, team
):
    make_account(engine, name="小城美食日记", platform_id="p-food")
    row = _change(2, "p-food", name="中国美食日记")
    held = send(http, platform, "/v1/change_requests", row, NOW)
    assert held.status_code == 201, held.text
    answer = held.json()
    assert answer["outcome"] == "held"
    hit = answer["hits"][0]
    assert (hit["category"], hit["rule"], hit["basis"]) == (
        "strict_verification",
        "strict_word",
        "2022/10",
    )
    assert hit["field"] == "name" and hit["matched"] == "中国"
    assert _account(engine, "p-food").name == "小城美食日记"  # not applied while held

    # The moderator rejects it (the only refusal there is); the platform's resend hears so.
    with session_scope(engine) as s:
        decide_change_request(
            s,
            load_actor(s, team["mod"]),
            answer["change_request_id"],
            approve=False,
            reason="名称含“中国”，未提供相应资质",
            now=NOW + timedelta(seconds=30),
        )
    refused = send(http, platform, "/v1/change_requests", row, NOW + timedelta(minutes=1))
    assert refused.status_code == 200, refused.text
    assert refused.json() == answer | {"outcome": "refused", "existing": True}
    assert _account(engine, "p-food").name == "小城美食日记"


def _snapshot(start, *, bio: str = "分享家常菜做法") -> dict:
    history, count, day = [], 10_000, start
    history.append({"day": day.isoformat(), "follower_count": count})
    for gain in STEADY[:31] + [38_000] + STEADY[:8]:
        day += timedelta(days=1)
        count += gain
        history.append({"day": day.isoformat(), "follower_count": count})
    return {
        "id": "p-public",
        "kind": "public",
        "name": "小城美食日记",
        "bio": bio,
        "operator_name": "李四",
        "registered_address": "江苏省南京市",
        "operating_address": "江苏省南京市",
        "content_category": "美食",
        "contact": "service@example.com",
        "verification_method": "mobile",
        "verification_status": "verified",
        "registered_at": (NOW - timedelta(days=900)).isoformat(),
        "last_active_at": (NOW - timedelta(days=1)).isoformat(),
        "follower_history": history,
        "transfers": [
            {
                "changed_at": (NOW - timedelta(days=20)).isoformat(),
                "from_operator": "张三",
                "to_operator": "李四",
                "approved": False,
            }
        ],
    }


def test_an_account_snapshot_stores_history_on_which_the_account_checks_find_their_hits(
    http, engine, platform
):
    start = NOW.date() - timedelta(days=60)
    row = _snapshot(start)
    created = send(http, platform, "/v1/accounts", row, NOW)
    assert created.status_code == 201, created.text
    answer = created.json()
    assert (answer["result"], answer["followers_added"], answer["transfers_added"]) == (
        "created",
        41,
        1,
    )
    after = database_state(engine)

    again = send(http, platform, "/v1/accounts", row, NOW + timedelta(seconds=1))
    assert again.status_code == 200, again.text
    assert again.json() == answer | {
        "result": "unchanged",
        "followers_added": 0,
        "transfers_added": 0,
        "existing": True,
    }
    assert _without_signatures(database_state(engine)) == _without_signatures(after)

    # What `workbench checks run` runs finds both on the stored history and files them.
    summary = run_account_checks(engine, now=NOW + timedelta(minutes=1))
    assert {"traffic_anomaly", "unapproved_transfer"} <= set(summary.by_category)
    account_id = answer["account_id"]
    with session_scope(engine, write=False) as s:
        hits = s.exec(select(RuleHit).where(RuleHit.account_id == account_id)).scalars().all()
    found = {(h.category, h.basis) for h in hits}
    assert {("traffic_anomaly", "2021/12"), ("unapproved_transfer", "2021/11")} <= found
    assert all(h.case_id is not None for h in hits if h.category == "traffic_anomaly")

    # A changed snapshot is the platform's current truth: the account is updated and
    # the change kept as a revision; the history already stored is not added again.
    changed = _snapshot(start, bio="分享家常菜做法，每周更新")
    updated = send(http, platform, "/v1/accounts", changed, NOW + timedelta(minutes=2))
    assert updated.status_code == 200, updated.text
    assert _account(engine, "p-public").bio == "分享家常菜做法，每周更新", updated.json()
    assert updated.json()["result"] == "updated" and updated.json()["followers_added"] == 0
    assert _account(engine, "p-public").bio == "分享家常菜做法，每周更新"
    with session_scope(engine, write=False) as s:
        revisions = s.exec(select(AccountInfoRevision)).scalars().all()
    assert [(r.field, r.new_value) for r in revisions] == [("bio", "分享家常菜做法，每周更新")]

    # A different count for a day already stored is a conflict naming the item.
    before = database_state(engine)
    recount = _snapshot(start)
    recount["follower_history"][3]["follower_count"] += 1
    conflict = send(http, platform, "/v1/accounts", recount, NOW + timedelta(minutes=3))
    assert conflict.status_code == 409, conflict.text
    error = readable_refusal(conflict, "Conflict")
    assert error["problems"][0]["field"] == "follower_history[3].follower_count"
    assert _without_signatures(database_state(engine)) == _without_signatures(before)


def test_a_missing_scope_and_a_malformed_body_are_refused_and_write_nothing(
    http, engine, remote, server_clock
):
    server_clock.at = NOW
    platform = register(engine, remote, name="change-form", scopes=["intake:change_requests"])
    make_account(engine, name="小城美食日记", platform_id="p-food")
    before = database_state(engine)

    snapshot = send(http, platform, "/v1/accounts", _snapshot(NOW.date()), NOW)
    assert snapshot.status_code == 403, snapshot.text
    assert "accounts:write" in readable_refusal(snapshot, "PermissionDenied")["en"]

    path = "/v1/change_requests"
    body = b'{"external_id": "cr-9",'
    malformed = http.post(path, content=body, headers=signed_headers(platform, path, body, NOW))
    assert malformed.status_code == 422, malformed.text
    assert "not valid JSON" in readable_refusal(malformed, "ValidationError")["en"]

    rows = [
        _change(1, "p-food", bio="分享家常菜做法"),
        _change(2, "p-food", avatar_path="/etc/passwd"),
        _change(3, "p-food", name="名" * 65),
        _change(4, "p-nobody", bio="简介"),
    ]
    batch = send(http, platform, f"{path}/batch", {"change_requests": rows}, NOW)
    assert batch.status_code == 422, batch.text
    error = readable_refusal(batch, "ValidationError")
    assert {(p["row"], p["field"]) for p in error["problems"]} == {
        (1, "proposed.avatar_path"),
        (2, "proposed.name"),
        (3, "account_id"),
    }
    assert _without_signatures(database_state(engine)) == _without_signatures(before)
    with session_scope(engine, write=False) as s:
        assert s.exec(select(ChangeRequest)).scalars().all() == []


def test_the_sample_client_sends_a_change_request(server, engine, remote, server_clock):
    server_clock.at = NOW
    platform = register(engine, remote, name="sample", scopes=SCOPES)
    make_account(engine, name="小城美食日记", platform_id="p-food")
    spec = importlib.util.spec_from_file_location("platform_client", EXAMPLE)
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    api = example.PlatformClient(server.url, "sample", platform.secret, clock=NOW.timestamp)
    answer = api.send_change_request("sample-change-1", "p-food", name="全国美食日记")
    assert answer["outcome"] == "held"
    assert {h["basis"] for h in answer["hits"]} == {"2022/10"}
    assert _account(engine, "p-food").name == "小城美食日记"
