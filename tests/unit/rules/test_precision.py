"""Precision by rule (issue 16, item 3) and explanations in Chinese (item 4).

Impersonation is 2022/8(2), news media 2022/8(2), qualifications 2022/11,
professions 2022/7, prohibited content 2022/8(1).
"""

from __future__ import annotations

import pytest

from workbench.rules.engine import AccountInput, Screener
from workbench.rules.hits import MAX_HITS_PER_RULE
from workbench.rules.lexicons import Lexicons
from workbench.rules.matcher import REPEATS_KEPT

LEXICONS = {
    "organs": ["中国人民解放军|解放军	kind=military", "外交部	kind=ministry"],
    "enterprises": ["中国邮政|邮政	kind=enterprise", "小米	kind=enterprise",
                    "中国工商银行|工商银行|工行	kind=bank"],
    "international_organisations": ["万国邮政联盟"],
    "news_media": ["解放军报	kind=paper", "第一财经	kind=site", "南方日报	kind=paper"],
    "landmarks": ["长城	kind=landmark", "天安门|天安门广场	kind=landmark"],
    "regulated_fields": ["医生	field=health", "荐股	field=economy"],
    "professions": ["医生	field=health", "教师	field=education", "记者	field=news"],
    "prohibited": ["开心水	kind=drugs"],
    "claims": ["第一	kind=ranking"],
    "strict_words": ["中国"],
    "contact_cues": ["微信|vx	kind=wechat"],
    "official_cues": ["官方"],
}  # fmt: skip


@pytest.fixture(scope="module")
def screener():
    return Screener(Lexicons.from_lines(LEXICONS))


def rules(screener, **fields):
    return {h.rule for h in screener.screen(AccountInput(**fields)).hits}


@pytest.mark.parametrize(
    ("name", "gone", "kept"),
    [
        ("第一财经", "claim_ranking", "news_media_name"),  # a claim inside a medium's name
        ("解放军报", "organs_name", "news_media_name"),  # an organ inside a medium's name
        ("万国邮政联盟", "enterprises_name", "international_organisations_name"),
        ("nanfangribao", None, "news_media_name"),  # pinyin inside pinyin
    ],
)
def test_a_longer_body_name_absorbs_the_term_inside_it(screener, name, gone, kept):
    found = rules(screener, name=name)
    assert kept in found
    assert gone not in found


def test_strict_words_are_never_absorbed(screener):
    # 2022/10: a name holding 中国 needs strict verification whatever body it names
    assert "strict_word" in rules(screener, name="中国邮政")


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("小米粥铺", "enterprises_name"),  # 小米 begins the ordinary word 小米粥
        ("教师节快乐", "profession_claim"),  # 教师 begins 教师节
        ("记者节快乐", "profession_claim"),
    ],
)
def test_a_term_inside_a_longer_ordinary_word_is_that_word(screener, name, rule):
    assert rule not in rules(screener, name=name, verified_profession="工程师")


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("外交部长", "organs_name"),  # the longer word names a post: still suspicious
        ("赤脚医生", "qualification_health"),  # the term ends the word: still a doctor
    ],
)
def test_a_suspicious_or_headed_longer_word_still_hits(screener, name, rule):
    assert rule in rules(screener, name=name)


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("医生剧观后感", "qualification_health"),  # a drama about doctors
        ("长城汽车车友", "landmarks_name"),  # a car
        ("工商银行信用卡", "enterprises_name"),  # a card
        ("天安门广场升旗观后感", "landmarks_name"),  # a review: the field is about it
    ],
)
def test_a_head_or_genre_word_makes_the_term_a_topic(screener, name, rule):
    assert rule not in rules(screener, name=name)


def test_a_body_ending_after_the_head_word_still_presents_as_the_body(screener):
    assert "enterprises_name" in rules(screener, name="工商银行信用卡中心")


def test_advice_shared_is_still_advice(screener):
    # a genre word after a regulated field does not excuse it: 荐股 shared is advice given
    assert "qualification_economy" in rules(screener, name="老王", bio="每日荐股分享")


def test_a_substitution_never_reads_across_clause_punctuation(screener):
    assert rules(screener, name="老王", bio="天天开心，随缘更新") == set()
    assert "prohibited_drugs" in rules(screener, name="老王", bio="出售开心谁")


def only(screener, rule, **fields):
    hits = [h for h in screener.screen(AccountInput(**fields)).hits if h.rule == rule]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize(
    ("name", "explanation"),
    [
        ("外交部", "以机构名称自居：『外交部』 / presents itself as: '外交部'"),
        ("外 交 部", "以机构名称自居：『外 交 部』读作『外交部』（变形写法）"),
        ("wai交部", "以机构名称自居：『wai交部』读作『外交部』（拼音）"),
        ("工行", "以机构名称自居：『工行』，即『中国工商银行』"),
    ],
)
def test_explanations_name_the_text_as_written_and_as_read(screener, name, explanation):
    assert only(screener, "organs_name" if "交" in name else "enterprises_name",
                name=name).explanation.startswith(explanation)  # fmt: skip


def test_contact_explanation_says_what_the_evasion_reads_as(screener):
    hit = only(screener, "contact_wechat", name="小王", bio="薇❤ abc12345")
    assert hit.explanation.startswith("含微信号：『薇❤ abc12345』读作『微信号 abc12345』")


def test_regulated_field_is_named_in_chinese(screener):
    hit = only(screener, "qualification_health", name="老王", bio="资深医生在线")
    zh = hit.explanation.split(" / ")[0]
    assert "医疗卫生领域" in zh and zh.isascii() is False
    assert not any(code in zh for code in ("health", "economy", "justice", "news"))


def test_repeats_in_one_context_are_counted_not_screened(screener):
    n = REPEATS_KEPT * 50
    bio = "外交部官方" * n
    hits = [h for h in screener.screen(AccountInput(name="x", bio=bio)).hits]
    organ = [h for h in hits if h.rule == "organs_name"]
    assert len(organ) == MAX_HITS_PER_RULE
    assert [h.start for h in organ] == [5 * i for i in range(MAX_HITS_PER_RULE)]
    assert organ[-1].details["omitted"] == n - MAX_HITS_PER_RULE  # every place is counted
    for h in organ:
        assert bio[h.start : h.end] == h.matched


def test_repeated_contacts_are_counted_too(screener):
    n = REPEATS_KEPT * 10
    bio = "vx abc12345 加好友 " * n
    wechat = [h for h in screener.screen(AccountInput(name="x", bio=bio)).hits]
    assert len(wechat) == MAX_HITS_PER_RULE
    assert wechat[-1].details["omitted"] == n - MAX_HITS_PER_RULE


@pytest.fixture(scope="module")
def orgs():
    from workbench.rules.org_names import OrgNames

    places = ["北京市|北京	level=province", "深圳市|深圳	level=prefecture",
              "温州市|温州	level=prefecture", "湖南省|湖南	level=province",
              "上海市|上海	level=province", "广州市|广州	level=prefecture",
              "杭州市|杭州	level=prefecture"]  # fmt: skip
    return OrgNames(Lexicons.from_lines({"places": places}))


@pytest.mark.parametrize(
    ("name", "verified"),
    [
        ("中国石化", "中国石油化工股份有限公司北京石油分公司"),  # abbreviation in order
        ("广州中院", "广州市中级人民法院"),
        ("携程旅行", "上海携程商务有限公司"),  # a distinctive word shared
        ("高德地图", "高德软件有限公司"),
        ("深圳警方", "深圳市公安局"),  # a public body's own short form, same place
        ("温州头条", "温州日报社"),
        ("湖南卫视", "湖南广播电视台"),
    ],
)
def test_a_name_is_the_verified_organisations_own(orgs, name, verified):
    assert orgs.owns(verified, (name,))


@pytest.mark.parametrize(
    ("name", "verified"),
    [
        ("深圳警方", "广州市公安局"),  # another place's police
        ("温州头条", "杭州日报社"),
        ("工商银行", "北京某某科技有限公司"),  # shares nothing but a generic word
        ("北京科技", "上海科技有限公司"),
    ],
)
def test_a_name_of_another_body_is_not_its_own(orgs, name, verified):
    assert not orgs.owns(verified, (name,))


def test_a_brand_belongs_to_its_operator():
    lexicons = Lexicons.from_lines(
        {"enterprises": ["抖音	kind=enterprise operator=字节跳动,微播视界"]}
    )
    screener = Screener(lexicons)
    own = AccountInput(
        name="抖音", kind="organisation", verified_org_name="北京微播视界科技有限公司"
    )
    other = AccountInput(name="抖音", kind="organisation", verified_org_name="北京某某科技有限公司")
    assert screener.screen(own).hits == []
    assert {h.rule for h in screener.screen(other).hits} == {
        "enterprises_name",
        "org_name_mismatch",
    }
