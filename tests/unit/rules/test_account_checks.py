"""Account-level checks: each gets accounts that must hit and near misses that must not."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from workbench.rules.account_checks import account_check_hits
from workbench.rules.account_facts import AccountFacts, SubjectAccount, Transfer
from workbench.rules.account_policy import build_policy, default_policy

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # noon in Beijing
POLICY = default_policy()
VALID_ID = "11010519491231002X"
VALID_CREDIT = "91350100M000100Y43"


def history(gains, *, start=date(2026, 9, 1), base=10_000):
    """Snapshots from daily gains: [(day, count), ...]."""
    count, day, out = base, start, [(start, base)]
    for gain in gains:
        day += timedelta(days=1)
        count += gain
        out.append((day, count))
    return tuple(out)


STEADY = [110, 130, 120, 125, 115, 120, 135, 105, 120, 118] * 4  # ~120/day, MAD ~6

_rng = random.Random(3)
NOISY_BIG = [_rng.randint(15_000, 25_000) for _ in range(30)]  # ~20,000/day, MAD ~2,500

CLEAN = AccountFacts(
    ref="p1",
    account_id=1,
    kind="public",
    name="小城美食日记",
    bio="分享家常菜做法",
    publishes=True,
    ip_location="浙江",
    verification_method="mobile",
    verification_status="verified",
    id_number=VALID_ID,
    subject_id="s1",
    subject_kind="individual",
    subject_accounts=(SubjectAccount("p1"),),
    operator="张三",
    registered_address="杭州市西湖区文三路 1 号",
    content_category="美食",
    contact="service@example.com",
    org_business_scope="",
    registered_at=NOW - timedelta(days=900),
    last_active_at=NOW - timedelta(days=10),
    follower_history=history(STEADY),
    transfers=(),
)


def hits_of(facts, category=None, policy=POLICY):
    hits = account_check_hits(facts, policy, now=NOW)
    return [h for h in hits if category is None or h.category == category]


def test_a_complete_active_verified_public_account_has_no_hits():
    assert hits_of(CLEAN) == []


def test_every_hit_has_basis_explanation_and_no_span_where_none_applies():
    bad = replace(CLEAN, verification_method="none", verification_status="unverified", operator="")
    for hit in hits_of(bad):
        assert hit.basis and " / " in hit.explanation and (hit.start, hit.end) == (0, 0)


# identity_unverified -------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "status", "publishes", "hit"),
    [
        ("none", "unverified", True, True),
        ("mobile", "pending", True, True),
        ("id_number", "failed", True, True),
        ("none", "unverified", False, False),  # reads only: no verification needed
        ("mobile", "verified", True, False),
        ("credit_code", "verified", True, False),
    ],
)
def test_identity_verification_needed_to_publish(method, status, publishes, hit):
    facts = replace(
        CLEAN, verification_method=method, verification_status=status, publishes=publishes
    )
    found = hits_of(facts, "identity_unverified")
    assert bool(found) is hit
    if hit:
        assert found[0].field == "verification" and found[0].basis == "2022/9"


def test_an_id_number_failing_its_check_character_hits_masked():
    (hit,) = hits_of(replace(CLEAN, id_number="110105194912310021"), "identity_unverified")
    assert hit.rule == "id_number_invalid" and hit.severity == "high"
    assert "110105194912310021" not in hit.matched + hit.explanation
    assert "should be X, not 1" in hit.explanation


def test_a_credit_code_failing_its_check_character_hits():
    facts = replace(CLEAN, subject_kind="organisation", credit_code="91350100M000100Y44")
    found = [h for h in hits_of(facts, "identity_unverified") if h.rule == "credit_code_invalid"]
    assert len(found) == 1 and "GB 32100" in found[0].explanation
    ok = replace(CLEAN, subject_kind="organisation", credit_code=VALID_CREDIT)
    assert hits_of(ok, "identity_unverified") == []


# public_account_incomplete -------------------------------------------------


@pytest.mark.parametrize(
    "field", ["operator", "registered_address", "content_category", "contact", "ip_location"]
)
def test_a_public_account_must_show_each_disclosure(field):
    found = hits_of(replace(CLEAN, **{field: ""}), "public_account_incomplete")
    assert [(h.field, h.basis) for h in found] == [(field, "2022/13")]


def test_an_organisation_public_account_must_show_credit_code_and_business_scope():
    org = replace(CLEAN, subject_kind="organisation", credit_code="", org_business_scope="")
    assert {h.field for h in hits_of(org, "public_account_incomplete")} == {
        "credit_code",
        "org_business_scope",
    }
    complete = replace(org, credit_code=VALID_CREDIT, org_business_scope="餐饮服务")
    assert hits_of(complete, "public_account_incomplete") == []


def test_near_misses_of_public_disclosure():
    # an individual's public account needs no credit code; a plain account no disclosures
    assert hits_of(replace(CLEAN, credit_code=""), "public_account_incomplete") == []
    plain = replace(CLEAN, kind="individual", operator="", contact="", registered_address="")
    assert hits_of(plain, "public_account_incomplete") == []


def test_an_organisation_account_without_business_scope_hits():
    org = replace(CLEAN, kind="organisation", subject_kind="organisation", org_business_scope="")
    assert [h.field for h in hits_of(org, "public_account_incomplete")] == ["org_business_scope"]


# subject_account_cap -------------------------------------------------------


def _held(n, *, closed=0):
    accounts = [SubjectAccount(f"acc{i}", name=f"账号{i}") for i in range(n)]
    accounts += [SubjectAccount(f"old{i}", status="closed") for i in range(closed)]
    return tuple(accounts)


def test_an_individual_with_more_than_two_accounts_hits_listing_them():
    (hit,) = hits_of(replace(CLEAN, subject_accounts=_held(4)), "subject_account_cap")
    assert "4 accounts, cap 2" in hit.explanation
    assert [a["ref"] for a in hit.details["accounts"]] == ["acc0", "acc1", "acc2", "acc3"]
    assert hit.basis == "2021/10"


@pytest.mark.parametrize(
    ("kind", "accounts", "hit"),
    [
        ("individual", _held(2), False),
        ("individual", _held(2, closed=3), False),  # closed accounts are no longer held
        ("individual", _held(3), True),
        ("organisation", _held(5), False),
        ("organisation", _held(6), True),
    ],
)
def test_the_cap_depends_on_the_subject_kind(kind, accounts, hit):
    facts = replace(CLEAN, subject_kind=kind, credit_code=VALID_CREDIT, subject_accounts=accounts)
    assert bool(hits_of(facts, "subject_account_cap")) is hit


def test_a_long_account_list_is_shortened_in_the_explanation_only():
    facts = replace(CLEAN, subject_kind="organisation", subject_accounts=_held(30))
    (hit,) = hits_of(facts, "subject_account_cap")
    assert (
        "acc19" in hit.explanation and "acc20" not in hit.explanation and "+10" in hit.explanation
    )
    assert len(hit.details["accounts"]) == 30


def test_the_cap_follows_the_policy():
    policy = build_policy({"subject_account_cap": {"individual": 3}})
    facts = replace(CLEAN, subject_accounts=_held(3))
    assert hits_of(facts, "subject_account_cap", policy) == []
    assert hits_of(facts, "subject_account_cap") != []


# inactive_six_months -------------------------------------------------------


def test_a_public_account_idle_more_than_183_days_hits():
    (hit,) = hits_of(
        replace(CLEAN, last_active_at=NOW - timedelta(days=184)), "inactive_six_months"
    )
    assert "idle 184 days (limit 183)" in hit.explanation and hit.field == "last_active_at"


@pytest.mark.parametrize(
    "facts",
    [
        replace(CLEAN, last_active_at=NOW - timedelta(days=183)),
        replace(CLEAN, kind="individual", last_active_at=NOW - timedelta(days=400)),
        replace(CLEAN, last_active_at=None, registered_at=None),
    ],
    ids=["exactly 183 days", "not a public account", "nothing known"],
)
def test_inactive_near_misses(facts):
    assert hits_of(facts, "inactive_six_months") == []


def test_a_public_account_never_active_since_registration_hits():
    facts = replace(CLEAN, last_active_at=None, registered_at=NOW - timedelta(days=200))
    (hit,) = hits_of(facts, "inactive_six_months")
    assert "never active" in hit.explanation


# traffic_anomaly -----------------------------------------------------------


def test_a_jump_far_above_the_robust_baseline_hits():
    gains = STEADY[:31] + [38_000] + STEADY[:8]
    (hit,) = hits_of(replace(CLEAN, follower_history=history(gains)), "traffic_anomaly")
    assert hit.rule == "follower_spike" and hit.field == "follower_history"
    assert "+38,000 followers on 2026-10-03 against a baseline of 120/day" in hit.explanation
    assert hit.basis == "2021/12"


def test_consecutive_spike_days_are_one_hit():
    gains = STEADY[:31] + [20_000, 25_000, 9_000] + STEADY[:5]
    (hit,) = hits_of(replace(CLEAN, follower_history=history(gains)), "traffic_anomaly")
    assert hit.matched == "spike 2026-10-03..2026-10-05" and hit.details["change"] == 54_000


def test_a_jump_between_snapshots_days_apart_names_the_days_it_fell_in():
    steady = history(STEADY[:20])
    later = steady[-1][0] + timedelta(days=3)
    gapped = (*steady, (later, steady[-1][1] + 360), (later + timedelta(days=3), 60_000))
    (hit,) = hits_of(replace(CLEAN, follower_history=gapped), "traffic_anomaly")
    assert hit.matched == "spike 2026-09-25..2026-09-27"  # +360 over 3 days was ordinary
    assert "over 2026-09-25..2026-09-27" in hit.explanation


@pytest.mark.parametrize(
    "gains",
    [
        STEADY[:31] + [4_000] + STEADY[:5],  # far above baseline but under the 5,000 floor
        NOISY_BIG + [36_000, 20_000],  # a big account's noisy growth
        [17_000, 23_000] * 15 + [23_000, 17_000],  # bimodal growth: the MAD alone would be 0
        [120, 120, 120, 120] + [38_000],  # too little history for a baseline
    ],
    ids=["under the floor", "within a noisy baseline", "bimodal", "no baseline yet"],
)
def test_traffic_near_misses(gains):
    assert hits_of(replace(CLEAN, follower_history=history(gains)), "traffic_anomaly") == []


def test_a_sudden_mass_loss_hits_and_an_ordinary_one_does_not():
    purge = history(STEADY[:10] + [-20_000], base=50_000)
    (hit,) = hits_of(replace(CLEAN, follower_history=purge), "traffic_anomaly")
    assert hit.rule == "follower_mass_loss" and "-20,000 followers" in hit.explanation
    mild = history(STEADY[:10] + [-13_000], base=50_000)  # 26% of 51,203
    assert hits_of(replace(CLEAN, follower_history=mild), "traffic_anomaly") == []


# unapproved_transfer -------------------------------------------------------

T0 = datetime(2026, 9, 1, 2, tzinfo=UTC)


def test_an_operator_change_without_approval_hits():
    t = Transfer(T0, from_operator="张三", to_operator="李四")
    (hit,) = hits_of(replace(CLEAN, transfers=(t,)), "unapproved_transfer")
    assert "from 张三 to 李四 on 2026-09-01" in hit.explanation and hit.basis == "2021/11"


def test_a_subject_change_without_approval_hits():
    t = Transfer(T0, from_operator="张三", to_operator="张三", from_subject="7", to_subject="9")
    (hit,) = hits_of(replace(CLEAN, transfers=(t,)), "unapproved_transfer")
    assert "subject changed from 7 to 9" in hit.explanation


@pytest.mark.parametrize(
    ("kind", "transfer"),
    [
        ("public", Transfer(T0, "张三", "李四", approved=True, approval_reference="网信备 12")),
        ("public", Transfer(T0, "张三", "张三")),  # a record without a change of hands
        ("individual", Transfer(T0, "张三", "李四")),  # 2021/11 concerns public accounts
    ],
)
def test_transfer_near_misses(kind, transfer):
    assert hits_of(replace(CLEAN, kind=kind, transfers=(transfer,)), "unapproved_transfer") == []


# content_category_mismatch -------------------------------------------------


def test_a_name_claiming_a_field_outside_the_category_hits_with_its_span():
    facts = replace(CLEAN, name="每日财经观察", content_category="美食")
    (hit,) = hits_of(facts, "content_category_mismatch")
    assert (hit.field, hit.start, hit.end, hit.matched) == ("name", 2, 4, "财经")
    assert "finance" in hit.explanation and hit.basis == "2021/15"


def test_a_bio_claim_hits_in_the_bio():
    facts = replace(CLEAN, bio="执业律师在线解答", content_category="美食")
    (hit,) = hits_of(facts, "content_category_mismatch")
    assert (hit.field, hit.matched) == ("bio", "律师")


@pytest.mark.parametrize(
    ("kind", "name", "category"),
    [
        ("public", "每日财经观察", "财经"),
        ("public", "财经快讯", "财经资讯"),  # a category naming both fields covers both
        ("public", "法律小课堂", "law"),
        ("public", "小城美食日记", "美食"),
        ("individual", "每日财经观察", "美食"),
    ],
)
def test_content_category_near_misses(kind, name, category):
    facts = replace(CLEAN, kind=kind, name=name, content_category=category)
    assert hits_of(facts, "content_category_mismatch") == []


def test_the_same_facts_give_the_same_fingerprints():
    bad = replace(CLEAN, name="每日财经观察", last_active_at=NOW - timedelta(days=300))
    first = [h.fingerprint for h in hits_of(bad)]
    assert first and first == [h.fingerprint for h in hits_of(bad)]
