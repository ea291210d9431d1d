"""Each text rule, with the near misses that must not hit."""

from __future__ import annotations

import pytest

from workbench.rules.contact import contact_hits
from workbench.rules.engine import AccountInput, Screener


@pytest.fixture(scope="module")
def screener():
    return Screener()


def cats(screener, **fields):
    return {h.category for h in screener.screen(AccountInput(**fields)).hits}


def only_hit(screener, category, **fields):
    hits = [h for h in screener.screen(AccountInput(**fields)).hits if h.category == category]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize(
    ("name", "technique"),
    [
        ("外交部", "exact"),
        ("外 交 部", "normalised"),
        ("wai交部", "pinyin"),
        ("waijiaobu", "pinyin"),
        ("外焦部", "homophone"),
        ("國防部", "normalised"),
    ],
)
def test_organ_name_impersonation_through_evasions(screener, name, technique):
    hit = only_hit(screener, "impersonate_organisation", name=name)
    assert hit.details["technique"] == technique
    assert hit.basis == "2022/8(2)"
    assert (hit.start, hit.end) == (0, len(name))


def test_hit_span_indexes_the_original_field(screener):
    bio = "欢迎！本号是公\u200b安\u200b部指定账号"
    hit = only_hit(screener, "impersonate_organisation", name="小助手", bio=bio)
    assert hit.field == "bio"
    assert bio[hit.start : hit.end] == hit.matched == "公\u200b安\u200b部"


def test_mention_is_not_impersonation(screener):
    assert cats(screener, name="我爱法国电影") == set()
    assert cats(screener, name="华为手机维修") == set()
    assert cats(screener, name="小明", bio="读了一本关于外交部的书") == set()


def test_state_needs_a_mission_or_the_whole_name(screener):
    assert "impersonate_state" in cats(screener, name="法国驻华大使馆")
    assert "impersonate_state" in cats(screener, name="俄罗斯")
    assert "impersonate_state" not in cats(screener, name="韩国料理小馆")


def test_verified_body_is_not_an_impersonator(screener):
    assert cats(screener, name="人民日报") == {"impersonate_news_media"}
    verified = dict(name="人民日报", kind="organisation", verified_org_name="人民日报社")
    assert cats(screener, **verified) == set()


def test_licensed_news_account_may_use_news_words(screener):
    assert cats(screener, name="城市头条") == {"impersonate_news_media"}
    assert cats(screener, name="城市头条", qualifications=["news"]) == set()


def test_place_name_presented_as_the_place(screener):
    assert cats(screener, name="北京发布") == {"misuse_place_name"}
    assert cats(screener, name="中南海") == {"misuse_place_name"}
    assert cats(screener, name="北京小王的日常") == set()
    assert cats(screener, name="天安门附近的早餐店") == set()


def test_place_with_organ_ending_is_an_organ(screener):
    hit = only_hit(screener, "impersonate_organisation", name="北京市公安局")
    assert hit.matched == "北京市公安局"


def test_misleading_claims_unless_negated(screener):
    assert cats(screener, name="小张", bio="全网第一 稳赚不赔") == {"misleading_claim"}
    assert cats(screener, name="小张", bio="不保证收益，非官方") == set()
    assert cats(screener, name="小张", bio="第一次来这里") == set()


def test_official_claim_allowed_for_a_verified_organisation(screener):
    fields = dict(name="小吃官方", kind="organisation", verified_org_name="杭州小吃有限公司")
    assert cats(screener, **fields) == set()


def test_prohibited_content_through_evasions_and_negation(screener):
    for bio in ("代开发票", "代 开 发 票", "代開發票", "贝者博", "赌\u200b博"):
        assert cats(screener, name="小王", bio=bio) == {"prohibited_content"}, bio
    assert cats(screener, name="禁毒志愿者", bio="远离毒品") == set()


def test_strict_words_and_allowlist(screener):
    for name in ("中国好声音", "中國好聲音", "zhong国风", "ZHONGGUO风", "中囯风"):
        assert "strict_verification" in cats(screener, name=name), name
    assert cats(screener, name="中央空调维修") == set()


def test_lookalike_substitution_forming_a_real_word_is_vetoed(screener):
    assert "misleading_claim" in cats(screener, name="宫方客服")
    assert cats(screener, name="故宫方向的小店") == set()


def test_qualification_required_for_regulated_fields(screener):
    assert cats(screener, name="张医生", bio="在线问诊") == {"qualification_required"}
    qualified = dict(
        name="张医生", bio="在线问诊", qualifications=["health"], verified_profession="医生"
    )
    assert cats(screener, **qualified) == set()


def test_profession_mismatch_only_against_a_verified_profession(screener):
    hit = only_hit(
        screener,
        "profession_mismatch",
        name="王律师",
        verified_profession="教师",
        qualifications=["justice"],
    )
    assert hit.matched == "律师"
    assert cats(screener, name="王律师", qualifications=["justice"]) == set()
    assert (
        cats(screener, name="王律师", verified_profession="执业律师", qualifications=["justice"])
        == set()
    )


def test_org_mismatch(screener):
    fields = dict(kind="organisation", verified_org_name="成都蓝天贸易有限公司")
    assert cats(screener, name="星光科技", **fields) == {"org_mismatch"}
    assert cats(screener, name="蓝天贸易", **fields) == set()
    assert cats(screener, name="星光科技", verified_org_name="成都蓝天贸易有限公司") == set()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("加微信 abc12345", "contact_wechat"),
        ("薇信：wxid888888", "contact_wechat"),
        ("微亻言 abc12345", "contact_wechat"),
        ("QQ：一二三四五六七八", "contact_qq"),
        ("幺三八 洞洞幺三 八洞洞洞", "contact_phone"),
        ("①③⑧⓪⓪①③⑧⓪⓪⓪", "contact_phone"),
        ("example 点 com", "contact_url"),
        ("abc#qq.com", "contact_email"),
        ("tg: @spamking", "contact_telegram"),
        ("座机 010-62345678", "contact_phone"),
    ],
)
def test_contact_details_through_evasions(text, rule):
    hits = contact_hits(text, "avatar")
    assert [h.rule for h in hits] == [rule]
    assert hits[0].field == "avatar"
    assert text[hits[0].start : hits[0].end] == hits[0].matched


@pytest.mark.parametrize(
    "text", ["微信公众号运营分享", "我今年18岁", "2023年10月1日", "我在online12345上班"]
)
def test_contact_near_misses(text):
    assert contact_hits(text, "bio") == []


def test_closed_names_from_an_index(screener):
    from workbench.rules.closed_names import ClosedNameIndex

    index = ClosedNameIndex.build([("老王卖瓜", "account 7"), ("小李修车", "account 8")])
    s = Screener(screener.lexicons, closed_index=index)
    hits = s.screen(AccountInput(name="老王賣瓜")).hits
    assert [(h.category, h.details["closed_name"]) for h in hits] == [
        ("closed_account_similar", "老王卖瓜")
    ]
    assert "account 7" in hits[0].explanation
    assert s.screen(AccountInput(name="小张卖花")).hits == []


def test_image_screener_is_used_and_its_qr_text_screened(screener, tmp_path):
    from types import SimpleNamespace

    class Images:
        def screen(self, path, field):
            if field == "cover":
                raise OSError("cannot identify image file")
            return SimpleNamespace(hits=[], warnings=[], decoded_texts=["https://spam.cn/x"])

    s = Screener(screener.lexicons, image_screener=Images())
    result = s.screen(
        AccountInput(name="小王", avatar=str(tmp_path / "a.png"), cover=str(tmp_path / "c.png"))
    )
    assert [(h.field, h.rule, h.start, h.end) for h in result.hits] == [
        ("avatar", "contact_url", 0, 0)
    ]
    assert result.hits[0].details["decoded_text"] == "https://spam.cn/x"
    assert result.hits[0].details["text_span"] == [0, 17]
    assert len(result.warnings) == 1 and "cover" in result.warnings[0]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("大事飞机 Follow me 2024", False),  # ordinary word before ordinary text
        ("飞机：spamking", True),
        ("企鹅 12345678", True),
        ("我喜欢企鹅 abcdefg", False),
        ("纸飞机 spamking", True),  # unambiguous slang
        ("合作v：deer_2024", True),  # a single letter needs the ':' mark
        ("Q：2345678901", True),
        ("我有3v 12345678", False),
        ("top 3 q 123456", False),
    ],
)
def test_ambiguous_cue_words_need_a_marked_id(text, hit):
    assert bool(contact_hits(text, "bio")) is hit


def test_two_character_term_straddling_two_words_is_no_hit(screener):
    assert cats(screener, name="小王", bio="神色情形") == set()
    assert cats(screener, name="小王", bio="色情网站") == {"prohibited_content"}


def test_glyph_lookalike_names(screener):
    hit = only_hit(screener, "misuse_place_name", name="夭安门")
    assert hit.details["technique"] == "lookalike"
    assert cats(screener, name="人民曰报") == {"impersonate_news_media"}


def test_extra_fields_are_screened_for_contacts_and_banned_content_only(screener):
    account = AccountInput(
        name="小王", extra={"address": "中国北京市朝阳区", "note": "代开发票 微信abc12345"}
    )
    hits = screener.screen(account).hits
    assert {(h.field, h.category) for h in hits} == {
        ("extra.note", "prohibited_content"),
        ("extra.note", "embedded_contact"),
    }


@pytest.mark.parametrize(
    ("bio", "claim"),
    [
        ("非常专业，全网第一", True),  # 非常 means "very"
        ("非常好 第一品牌", True),
        ("不是第一", False),
        ("并非官方账号", False),
        ("我们不敢说最好", False),
        ("不吃辣，但我们是全网最低价", True),  # the negation belongs to another phrase
        ("第一只猫叫咪咪", False),  # an ordinal (allowlisted), not a ranking
    ],
)
def test_negation_must_govern_the_claim(screener, bio, claim):
    assert ("misleading_claim" in cats(screener, name="小店", bio=bio)) is claim


@pytest.mark.parametrize("bio", ["去过30个国家，下一站冰岛", "全国包邮", "发展中国家的经济"])
def test_generic_uses_of_strict_words_are_allowlisted(screener, bio):
    assert cats(screener, name="小店", bio=bio) == set()


def test_public_account_contact_disclosure_is_not_an_embedded_contact():
    """2022/13 requires a public account to disclose a contact; that is no evasion."""
    from workbench.rules.engine import AccountInput, Screener

    account = AccountInput.from_json(
        {
            "id": "p1",
            "kind": "public",
            "name": "城市美食",
            "bio": "分享家常菜做法",
            "contact": "客服电话 13800138000",
            "registered_address": "加微信 wx123456 领红包",
        }
    )
    hits = Screener().screen(account).hits
    fields = {(h.category, h.field) for h in hits}
    assert ("embedded_contact", "extra.contact") not in fields
    assert any(
        h.category == "embedded_contact" and h.field == "extra.registered_address" for h in hits
    )
