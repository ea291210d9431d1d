"""Linked accounts (issue 16 item 6): the stored index of link keys, the group hit for new
accounts sharing one contact (2021/18(8)) and what the card lists; no contact in clear."""

from __future__ import annotations

import json
from datetime import timedelta

import numpy as np
from PIL import Image
from sqlmodel import select

from tests.db.importing.support import run, write
from workbench.cases.bulk_checks import run_account_checks
from workbench.cases.check_policy import set_policy
from workbench.cases.links import batch_registration_hits, linked_accounts
from workbench.db import session_scope
from workbench.measures.corrections import submit_change_request
from workbench.models import Account, AuditEvent, RuleHit
from workbench.models.account import AccountLinkKey

from .helpers import make_account, make_team

WECHAT = "abc12345"
PHONE = "13812345678"
ID_NUMBER = "110105197201208217"  # GB 11643, check digit valid


def _import(engine, tmp_path, rows, name="accounts"):
    path = write(tmp_path / f"{name}.jsonl", rows)
    assert run(engine, "import", "accounts", str(path)) == 0


def _ids(engine) -> dict[str, int]:
    with session_scope(engine, write=False) as s:
        return {a.platform_id: a.id for a in s.exec(select(Account)).all()}


def _group_hits(engine):
    with session_scope(engine, write=False) as s:
        return s.exec(select(RuleHit).where(RuleHit.category == "batch_registration")).all()


def _everything_stored(engine) -> str:
    """The link keys, the group hits and the audit payloads, as one text to scan; left out
    is what holds the account's information as the platform sent it: the account row, the
    contact hits pointing into its bio (the import's record of it is masked, 2022/16)."""
    with session_scope(engine, write=False) as s:
        keys = [r.model_dump(mode="json") for r in s.exec(select(AccountLinkKey)).all()]
        events = [[e.before, e.after, e.reason] for e in s.exec(select(AuditEvent)).all()]
        group = select(RuleHit).where(RuleHit.category == "batch_registration")
        hits = [[h.matched, h.explanation] for h in s.exec(group).all()]
    return json.dumps([keys, events, hits], ensure_ascii=False, default=str)


def test_new_accounts_sharing_a_disguised_contact_are_one_hit_2021_18_8(engine, tmp_path):
    """2021/18(8): three new accounts give one WeChat ID written three ways; the import
    links them and files one batch_registration hit on the first, naming the others masked."""
    _import(
        engine,
        tmp_path,
        [
            {"id": "b1", "name": "好物分享站", "bio": f"加微信 {WECHAT} 了解更多"},
            {"id": "b2", "name": "好物推荐官", "bio": "➕薇信：ａｂｃ１２３４５"},
            {"id": "b3", "name": "小店vx", "bio": WECHAT},
            {"id": "other", "name": "城市风景", "bio": "加微信 zzz99999"},
        ],
    )
    ids = _ids(engine)
    (hit,) = _group_hits(engine)
    assert hit.account_id == ids["b1"]
    assert hit.basis == "2021/18(8)"
    assert all(f"{p}「" in hit.explanation for p in ("b1", "b2", "b3"))
    assert "other「" not in hit.explanation
    assert "好物推荐官" not in hit.explanation and "好***官" in hit.explanation
    with session_scope(engine, write=False) as s:
        linked = linked_accounts(s, ids["b2"])
    assert {a.id for a in linked} == {ids["b1"], ids["b3"]}
    assert all(a.reasons == ("contact",) for a in linked)
    assert linked[0].masked_name.count("*") >= 1
    # The same file again: nothing new, still one hit.
    _import(
        engine, tmp_path, [{"id": "b1", "name": "好物分享站", "bio": f"加微信 {WECHAT}"}], "again"
    )
    assert len(_group_hits(engine)) == 1
    stored = _everything_stored(engine)
    assert WECHAT not in stored and WECHAT.upper() not in stored


def test_a_customer_service_number_links_no_one(engine, tmp_path):
    rows = [{"id": f"shop{i}", "name": f"店铺{i}", "bio": "客服电话 4008001234"} for i in range(55)]
    _import(engine, tmp_path, rows)
    assert _group_hits(engine) == []
    with session_scope(engine, write=False) as s:
        assert linked_accounts(s, _ids(engine)["shop3"]) == ()


def test_old_accounts_sharing_a_contact_are_linked_but_no_group_hit(engine, tmp_path):
    rows = [
        {
            "id": f"old{i}",
            "name": f"老号{i}",
            "bio": f"电话{PHONE}",
            "registered_at": f"2020-01-0{i}T09:00:00+08:00",
        }
        for i in range(1, 4)
    ]
    _import(engine, tmp_path, rows)
    assert _group_hits(engine) == []
    with session_scope(engine, write=False) as s:
        assert len(linked_accounts(s, _ids(engine)["old1"])) == 2
    assert PHONE not in _everything_stored(engine)


def _picture(path, seed: int, shift: int = 0):
    rng = np.random.default_rng(seed)
    pixels = (rng.random((16, 16)) * 255).astype("uint8")
    image = Image.fromarray(pixels, "L").resize((128, 128), Image.Resampling.BILINEAR)
    if shift:
        image = image.point(lambda v: min(255, v + shift))
    image.convert("RGB").save(path)


def test_near_duplicate_avatars_and_one_subject_link(engine, tmp_path):
    _picture(tmp_path / "a.png", 1)
    _picture(tmp_path / "a_brighter.png", 1, shift=6)
    _picture(tmp_path / "b.png", 2)
    subject = {"subject_id": "s1", "subject_kind": "individual", "subject_name": "张某"}
    _import(
        engine,
        tmp_path,
        [
            {"id": "p1", "name": "晨光", "avatar": "a.png"},
            {"id": "p2", "name": "晨曦", "avatar": "a_brighter.png"},
            {"id": "p3", "name": "远山", "avatar": "b.png", **subject, "id_number": ID_NUMBER},
            {"id": "p4", "name": "近水", **subject, "id_number": ID_NUMBER},
        ],
    )
    ids = _ids(engine)
    with session_scope(engine, write=False) as s:
        by_avatar = linked_accounts(s, ids["p1"])
        by_subject = linked_accounts(s, ids["p3"])
    assert [(a.id, a.reasons) for a in by_avatar] == [(ids["p2"], ("avatar",))]
    assert [(a.id, a.reasons) for a in by_subject] == [(ids["p4"], ("subject",))]
    assert ID_NUMBER not in _everything_stored(engine)


def test_checks_run_indexes_accounts_and_files_the_group_once(engine):
    """Accounts written without an import are indexed by ``checks run``; a second run
    files nothing twice."""
    made = [
        make_account(engine, name=f"批量号{i}", platform_id=f"m{i}", bio="QQ号 9876543")
        for i in range(3)
    ]
    first = run_account_checks(engine)
    with session_scope(engine, write=False) as s:
        assert s.exec(select(AccountLinkKey).where(AccountLinkKey.kind == "contact")).all()
    (hit,) = _group_hits(engine)
    assert hit.account_id == made[0]
    assert first.by_category["batch_registration"] == 1
    second = run_account_checks(engine)
    assert len(_group_hits(engine)) == 1
    assert second.cases_opened == 0


def test_the_window_decides_what_is_new(engine):
    made = [
        make_account(engine, name=f"号{i}", platform_id=f"w{i}", bio=f"电话{PHONE}")
        for i in range(3)
    ]
    run_account_checks(engine, open_cases=False)
    with session_scope(engine, write=False) as s:
        later = s.get(Account, made[0]).registered_at + timedelta(days=60)
        assert batch_registration_hits(s, made, now=later) == {}
        assert set(batch_registration_hits(s, made, now=later - timedelta(days=45))) == {made[0]}


def test_the_policy_sets_how_many_new_accounts_make_a_group(engine, tmp_path):
    team = make_team(engine)
    with session_scope(engine) as s:
        set_policy(s, team.admin, {"links": {"min_cluster": 4}}, reason="fewer false groups")
    rows = [{"id": f"g{i}", "name": f"新号{i}", "bio": f"电话{PHONE}"} for i in range(3)]
    _import(engine, tmp_path, rows)
    assert _group_hits(engine) == []
    _import(engine, tmp_path, [{"id": "g3", "name": "新号3", "bio": f"电话 {PHONE}"}], "fourth")
    (hit,) = _group_hits(engine)
    assert hit.account_id == _ids(engine)["g0"]  # the group's first, though not imported now


def test_a_passed_change_request_keeps_the_index(engine):
    """A change request that passes screening changes the bio: the old contact's link goes,
    the new one's comes."""
    old = make_account(engine, name="甲", platform_id="c1", bio="加微信 abc12345")
    make_account(engine, name="乙", platform_id="c2", bio="加微信 abc12345")
    other = make_account(engine, name="丙", platform_id="c3", bio="QQ号 9876543")
    run_account_checks(engine, open_cases=False)
    with session_scope(engine) as s:
        request = submit_change_request(s, None, old, {"bio": "QQ号 9876543"}, lambda a, p: [])
        assert request.status == "passed"
    with session_scope(engine, write=False) as s:
        assert [a.id for a in linked_accounts(s, old)] == [other]
