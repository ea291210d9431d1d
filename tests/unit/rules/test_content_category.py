"""Content category (2021/15): what the name and bio are about against the registered category,
for every category, with the words found as evidence; a word used in another sense does not hit."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from workbench.resources import read_text
from workbench.rules.account_checks import account_check_hits
from workbench.rules.account_facts import AccountFacts
from workbench.rules.account_policy import default_policy

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
POLICY = default_policy()
PUBLIC = AccountFacts(ref="p", kind="public", name="", bio="", content_category="美食")


def mismatches(name: str, bio: str, category: str, kind: str = "public"):
    facts = replace(PUBLIC, name=name, bio=bio, content_category=category, kind=kind)
    return [
        h for h in account_check_hits(facts, POLICY, now=NOW)
        if h.category == "content_category_mismatch"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "bio", "category", "claimed"),
    [
        ("老王说车", "新车试驾、用车保养，一条龙讲透", "体育", "cars"),  # cars under sports
        ("喵星人日记", "两只猫咪和一只狗狗的日常，铲屎官必看", "汽车", "pets"),  # pets under cars
        ("篮球小课", "NBA 赛事解读，球迷聊球", "美食", "sports"),
        ("峡谷上分王", "手游开黑，王者荣耀上分攻略", "旅游", "games"),
        ("宝妈小记", "宝宝辅食和带娃经验", "数码", "parenting"),
        ("小李吉他弹唱", "翻唱新歌，吉他教学", "美妆", "music"),
        ("周末去哪儿", "景点攻略、民宿推荐，带你穷游", "美食", "travel"),
        ("口红试色", "彩妆护肤分享", "汽车", "beauty"),
        ("一起开箱", "手机电脑测评", "宠物", "tech"),
        ("营养师老王", "教你吃出健康：降血糖食谱每天更新", "美食", "health"),  # health under food
    ],
)
def test_an_account_plainly_about_another_field_hits_with_its_evidence(
    name, bio, category, claimed
):
    (hit,) = mismatches(name, bio, category)
    assert hit.details["claimed_field"] == claimed and hit.basis == "2021/15"
    assert hit.details["content_category"] == category
    evidence = [e["word"] for e in hit.details["evidence"]]
    assert len(evidence) >= 1 and all(w in name + bio for w in evidence)
    text = name if hit.field == "name" else bio
    assert text[hit.start : hit.end] == hit.matched == evidence[0]
    assert evidence[0] in hit.explanation and category in hit.explanation


@pytest.mark.parametrize(
    ("name", "bio", "category"),
    [
        ("法律英语小课堂", "每天十个法律英语词汇", "教育"),  # 法律 modifies 英语: an English class
        (
            "追剧小分队",
            "医疗剧《仁心》剧评，聊聊剧里的医生",
            "影视",
        ),  # a drama review about doctors
        ("剧评君", "《医生》《律师》两部新剧的观后感", "影视"),  # regulated words inside titles
        ("老王说车", "新车试驾、用车保养", "汽车"),  # the registered field itself
        ("老王说车", "新车试驾、用车保养", "汽车资讯"),  # a category containing a field word
        ("小城美食日记", "周末带娃去探店，顺便自驾看风景", "美食"),  # food still leads
        ("随手记录", "美食、旅行、宠物，什么都拍", "生活"),  # a broad category
        ("一只猫", "猫咪日常", "其他分类"),  # a category the table does not know
    ],
)
def test_a_word_in_another_sense_or_a_field_the_category_covers_does_not_hit(name, bio, category):
    assert mismatches(name, bio, category) == []


def test_an_ordinary_field_needs_more_than_one_passing_mention():
    assert mismatches("小城美食日记", "今天的汽车之旅", "美食") == []  # one bio word, food in name
    assert mismatches("阿杰", "偶尔聊聊汽车", "体育") == []  # a single bio mention


def test_a_regulated_field_is_claimed_by_one_word_in_the_name_or_advice_in_the_bio():
    (named,) = mismatches("每日财经观察", "", "美食")
    assert (named.field, named.matched) == ("name", "财经")
    (advice,) = mismatches("小城美食日记", "执业律师在线解答", "美食")
    assert (advice.field, advice.matched, advice.details["regulated"]) == ("bio", "律师", True)
    assert mismatches("小城美食日记", "看了一部讲律师的电影", "美食") == []  # a mention, no advice


FIELDS = json.loads(read_text("lexicons/content_fields.json"))["fields"]


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_every_field_is_compared_with_the_registered_category(field):
    """Each field of the table, written plainly in name and bio: a hit under another field's
    category, none under its own registered category."""
    words = FIELDS[field]["claims"]
    name, bio = words[0] + "小站", "、".join(words[1:4])
    other = "tech" if field == "farming" else "farming"
    (hit,) = mismatches(name, bio, FIELDS[other]["label"][0])
    assert hit.details["claimed_field"] == field and hit.basis == "2021/15"
    assert (name if hit.field == "name" else bio)[hit.start : hit.end] == hit.matched
    for category in FIELDS[field]["categories"]:
        assert mismatches(name, bio, category) == [], category


def test_only_public_accounts_and_given_categories_are_checked():
    assert mismatches("老王说车", "新车试驾、用车保养", "体育", kind="individual") == []
    assert mismatches("老王说车", "新车试驾、用车保养", "") == []


def test_a_hostile_bio_is_read_in_bounded_time():
    bio = "汽车" * 50_000
    hits = mismatches("老王说车", bio, "体育")
    assert [h.details["claimed_field"] for h in hits] == ["cars"]
