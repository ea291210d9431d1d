"""Linked accounts (issue 16 item 6): grouping by contact, avatar and subject, pure."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from workbench.errors import ValidationError
from workbench.rules.account_policy import build_policy
from workbench.rules.linking import (
    AVATAR,
    CONTACT,
    SUBJECT,
    LinkKeys,
    LinkPolicy,
    avatar_pairs,
    bands,
    contact_value,
    contact_values,
    link_groups,
    new_account_clusters,
)

NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)


def test_contact_evasions_decode_to_the_same_value():
    plain = contact_values([("bio", "加微信 abc12345 了解更多")])
    disguised = contact_values([("bio", "➕薇信：ａｂｃ１２３４５")])
    spelled = contact_values([("name", "小店vx"), ("bio", "abc12345")])
    assert plain == {"wechat:abc12345"}
    assert disguised == plain
    assert spelled == plain


def test_phone_in_chinese_numerals_is_the_same_phone():
    digits = contact_values([("bio", "电话13812345678")])
    written = contact_values([("signature", "电话 壹叁捌 壹贰叁肆 伍陆柒捌")])
    assert digits == {"phone:13812345678"}
    assert written == digits


def test_url_spellings_are_one_value():
    assert contact_value("url", "HTTPS://www.Example.com/") == contact_value("url", "example.com")


def test_accounts_sharing_a_decoded_contact_are_linked():
    a = LinkKeys(1, contacts=frozenset(contact_values([("bio", "加微信 abc12345")])))
    b = LinkKeys(2, contacts=frozenset(contact_values([("bio", "➕薇信：ａｂｃ１２３４５")])))
    c = LinkKeys(3, contacts=frozenset(contact_values([("bio", "加微信 zzz99999")])))
    groups = link_groups([a, b, c])
    assert [g.members for g in groups] == [(1, 2)]
    assert [link.kind for link in groups[0].links] == [CONTACT]


def test_a_common_value_links_no_one():
    policy = LinkPolicy(common_limit=50)
    service = "phone:4008001234"  # a platform's customer-service number in every bio
    accounts = [LinkKeys(i, contacts=frozenset({service})) for i in range(1, 301)]
    accounts.append(LinkKeys(301, contacts=frozenset({service, "qq:123456"})))
    accounts.append(LinkKeys(302, contacts=frozenset({"qq:123456"})))
    groups = link_groups(accounts, policy)
    assert [g.members for g in groups] == [(301, 302)]
    new = [LinkKeys(k.account_id, k.contacts, registered_at=NOW) for k in accounts]
    assert new_account_clusters(new, now=NOW, policy=policy) == []


def test_groups_stop_growing_at_the_bound():
    # A chain 1-2, 2-3, ... each by its own rare contact would be one group of 30.
    accounts = [LinkKeys(i, contacts=frozenset({f"qq:{i}", f"qq:{i + 1}"})) for i in range(1, 31)]
    groups = link_groups(accounts, LinkPolicy(max_group=10))
    assert all(len(g.members) <= 10 for g in groups)
    assert sum(len(g.members) for g in groups) == 30


def _flip(value: int, bits: list[int]) -> int:
    for bit in bits:
        value ^= 1 << bit
    return value


def test_near_duplicate_avatars_link_and_distant_ones_do_not():
    rng = random.Random(7)
    base = rng.getrandbits(64)
    near = _flip(base, [3, 17, 40])  # 3 bits: a re-saved copy
    far = _flip(base, list(range(0, 64, 4)))  # 16 bits: another picture
    accounts = [LinkKeys(1, avatar=base), LinkKeys(2, avatar=near), LinkKeys(3, avatar=far)]
    groups = link_groups(accounts, LinkPolicy(image_distance=4))
    assert [g.members for g in groups] == [(1, 2)]
    assert groups[0].links[0].kind == AVATAR


def test_avatar_search_finds_every_pair_within_the_distance():
    rng = random.Random(11)
    hashes = {i: rng.getrandbits(64) for i in range(400)}
    for i in range(400, 440):
        hashes[i] = _flip(hashes[i - 400], rng.sample(range(64), rng.randint(1, 4)))
    found = set(avatar_pairs(hashes, 4, 50))
    expected = {
        (a, b)
        for a in hashes
        for b in hashes
        if a < b and 0 < (hashes[a] ^ hashes[b]).bit_count() <= 4
    }
    assert found == expected
    assert len(expected) >= 40


def test_bands_cover_all_bits():
    value = (1 << 64) - 1
    assert sum(bits.bit_count() for _, bits in bands(value, 4)) == 64


def test_the_default_avatar_links_no_one():
    default = 0x0F0F_0F0F_0F0F_0F0F
    accounts = [LinkKeys(i, avatar=default) for i in range(100)]
    assert link_groups(accounts, LinkPolicy(common_limit=50)) == []


def test_one_subject_links_its_accounts():
    groups = link_groups(
        [LinkKeys(5, subjects=frozenset({"s1"})), LinkKeys(9, subjects=frozenset({"s1"}))]
    )
    assert groups[0].members == (5, 9)
    assert groups[0].links[0].kind == SUBJECT


def test_new_accounts_sharing_one_contact_are_one_cluster():
    """2021/18(8): batch registration; old accounts with the contact are not counted."""
    shared = "wechat:abc12345"
    new = [
        LinkKeys(i, contacts=frozenset({shared}), registered_at=NOW - timedelta(days=i))
        for i in (1, 2, 3)
    ]
    old = LinkKeys(4, contacts=frozenset({shared}), registered_at=NOW - timedelta(days=400))
    clusters = new_account_clusters([*new, old], now=NOW, policy=LinkPolicy(min_cluster=3))
    assert len(clusters) == 1
    assert clusters[0].members == (3, 2, 1)
    assert clusters[0].anchor == 3
    two = new_account_clusters([*new[:2], old], now=NOW, policy=LinkPolicy(min_cluster=3))
    assert two == []


def test_the_thresholds_are_policy_an_administrator_edits():
    policy = build_policy({"links": {"new_within_days": 7, "min_cluster": 5}})
    assert policy.links == LinkPolicy(new_within_days=7, min_cluster=5)
    assert build_policy().links == LinkPolicy()
    assert build_policy().thresholds()["links"]["common_limit"] == 50


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"image_distance": 5}, "links.image_distance must be 0..4"),
        ({"min_cluster": 1}, "links.min_cluster must be 2 or more"),
        ({"new_within_days": "30"}, "links.new_within_days must be an integer"),
        ({"window": 3}, "links has unknown keys ['window']"),
    ],
)
def test_a_bad_threshold_is_refused_naming_it(changes, words):
    with pytest.raises(ValidationError) as caught:
        build_policy({"links": changes})
    assert words in str(caught.value)
