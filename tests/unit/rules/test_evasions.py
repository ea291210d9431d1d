"""Each kind of evasion, found and mapped back to its span in the original text.

Embedded contacts are 2022/8(6), prohibited content 2022/8(1), impersonation of
organs 2022/8(2) and profession claims 2022/7.
"""

from __future__ import annotations

import pytest

from workbench.rules.engine import AccountInput, Screener
from workbench.rules.lexicons import Lexicons
from workbench.rules.normalise import fold, standin_view
from workbench.rules.tables import fuzzy_syllable, tables

LEXICONS = {
    "organs": ["最高人民法院|最高法院", "外交部", "公安部"],
    "prohibited": ["手枪|枪支	kind=weapons", "冰毒	kind=drugs", "赌博|网赌	kind=gambling"],
    "professions": ["律师	field=justice", "医生	field=health"],
    "strict_words": ["中国"],
    "contact_cues": [
        "微信|v信|vx|wx	kind=wechat",
        "qq|扣扣	kind=qq",
        "企鹅	kind=qq ambiguous=1",
        "飞机	kind=telegram ambiguous=1",
        "q	kind=qq ambiguous=1",
        "v|w	kind=wechat ambiguous=1",
    ],
    "official_cues": ["官方"],
}


@pytest.fixture(scope="module")
def screener():
    return Screener(Lexicons.from_lines(LEXICONS))


def hits_of(screener, rule, **fields):
    return [h for h in screener.screen(AccountInput(**fields)).hits if h.rule == rule]


def one_hit(screener, rule, field="bio", **fields):
    hits = hits_of(screener, rule, **fields)
    assert len(hits) == 1, hits
    hit = hits[0]
    text = fields[field]
    assert hit.field == field
    assert text[hit.start : hit.end] == hit.matched
    return hit


@pytest.mark.parametrize(
    ("bio", "matched"),
    [
        ("加薇❤ abc12345 谢谢", "薇❤ abc12345"),  # symbol read as 心, homophone 薇心
        ("维💗：wxid888888", "维💗：wxid888888"),  # another heart, another homophone
        ("威信 abc12345", "威信 abc12345"),  # homophone: wei xin
        ("卫星 abc12345", "卫星 abc12345"),  # near-homophone: wei xing (in/ing)
        ("ⓋⓍ abc12345", "ⓋⓍ abc12345"),  # circled letters
        ("🅥🆇 abc12345", "🅥🆇 abc12345"),  # negative circled and squared letters
        ("ｖх abc12345", "ｖх abc12345"),  # full width v, Cyrillic х
        ("νχ abc12345", "νχ abc12345"),  # Greek nu and chi
        ("v\u200b信 abc12345", "v\u200b信 abc12345"),  # invisible character
    ],
)
def test_wechat_evasions(screener, bio, matched):
    hit = one_hit(screener, "contact_wechat", bio=bio)
    assert hit.matched == matched


@pytest.mark.parametrize(
    ("bio", "matched"),
    [
        ("🐧 12345678", "🐧 12345678"),  # the penguin is QQ
        ("找我🐧：12345678", "🐧：12345678"),
        ("口口 12345678", "口口 12345678"),  # homophone of 扣扣
        ("扣扣 ①②③④⑤⑥⑦⑧", "扣扣 ①②③④⑤⑥⑦⑧"),  # circled digits
        ("扣扣 ⑴⑵⑶⑷⑸⑹⑺⑻", "扣扣 ⑴⑵⑶⑷⑸⑹⑺⑻"),  # parenthesised digits
        ("扣扣 ❶❷❸❹❺❻❼❽", "扣扣 ❶❷❸❹❺❻❼❽"),  # dingbat digits
        ("扣扣 幺两三四五六拐勾", "扣扣 幺两三四五六拐勾"),  # spoken digits: 幺 两 拐 勾
    ],
)
def test_qq_evasions(screener, bio, matched):
    hit = one_hit(screener, "contact_qq", bio=bio)
    assert hit.matched == matched


def test_aeroplane_symbol_is_telegram_only_with_a_marked_id(screener):
    hit = one_hit(screener, "contact_telegram", bio="联系✈:abcde123")
    assert hit.matched == "✈:abcde123"
    assert hits_of(screener, "contact_telegram", bio="✈ abcde123") == []  # a trip, not a cue


@pytest.mark.parametrize(
    "bio",
    [
        "1️⃣3️⃣8️⃣0️⃣0️⃣1️⃣3️⃣8️⃣0️⃣0️⃣0️⃣",  # keycaps, the last one's marks included
        "¹³⁸⁰⁰¹³⁸⁰⁰⁰",  # superscript
        "１３８００１３８０００",  # full width
        "幺三八洞洞幺三八洞洞洞",  # spoken digits
        "壹叁捌零零壹叁捌零零零",  # financial numerals
        "1 3 8-0 0 1 3-8 0 0 0",  # separators between every digit
    ],
)
def test_phone_number_in_any_digit_style(screener, bio):
    hit = one_hit(screener, "contact_phone", bio=bio)
    assert hit.matched == bio


@pytest.mark.parametrize(
    ("bio", "matched", "technique"),
    [
        ("出售手🔫", "手🔫", "standin"),  # emoji for a character
        ("出售❄毒", "❄毒", "standin"),
        ("出售手 枪", "手 枪", "normalised"),
        ("出售木仓支", "木仓支", "split"),  # 木+仓 = 枪
        ("贝者博网站", "贝者博", "split"),
        ("出售shouqiang", "shouqiang", "pinyin"),
        ("出售sh0uqiang", None, None),  # not pinyin: left alone
    ],
)
def test_prohibited_term_evasions(screener, bio, matched, technique):
    hits = [h for h in screener.screen(AccountInput(name="小店", bio=bio)).hits]
    if matched is None:
        assert [h for h in hits if h.category == "prohibited_content"] == []
        return
    hit = [h for h in hits if h.category == "prohibited_content"][0]
    assert bio[hit.start : hit.end] == hit.matched == matched
    assert hit.details["technique"] == technique


@pytest.mark.parametrize(
    ("name", "technique"),
    [
        ("最高人民氵去院", "split"),  # 氵+去 = 法
        ("最高人民水去院", "split"),  # the radical written as its full character
        ("外交埠", "homophone"),
        ("外交bu", "pinyin"),
        ("wai jiao bu", "pinyin"),
        ("外交部", "exact"),
        ("外·交·部", "normalised"),
        ("外\u200d交\u200d部", "normalised"),
        ("公丶安丶部", "normalised"),  # filler strokes between characters
    ],
)
def test_organ_name_evasions(screener, name, technique):
    hit = one_hit(screener, "organs_name", field="name", name=name)
    assert hit.details["technique"] == technique
    assert hit.matched == name


def test_near_homophone_through_confusable_initials(screener):
    # gong an bu -> gong ang bu (an/ang); one character kept as written
    hit = one_hit(screener, "organs_name", field="name", name="公昂部")
    assert hit.details["technique"] == "homophone"


def test_profession_claimed_in_pinyin(screener):
    hit = one_hit(
        screener, "profession_claim", bio="资深lvshi，免费咨询", verified_profession="医生"
    )
    assert hit.matched == "lvshi"
    assert hit.details["technique"] == "pinyin"
    # pinyin inside a longer Latin word is not a claim
    assert hits_of(screener, "profession_claim", bio="xlvshiy", verified_profession="医生") == []


def test_strict_word_through_mahjong_tile(screener):
    hit = one_hit(screener, "strict_word", field="name", name="🀄国好物")
    assert hit.matched == "🀄国"
    assert hit.details["technique"] == "standin"


def test_heart_between_characters_is_still_a_separator(screener):
    hit = one_hit(screener, "organs_name", field="name", name="外❤交❤部")
    assert hit.matched == "外❤交❤部"


def test_standin_view_maps_symbols_to_empty_word_spans():
    f = fold("加薇❤ abc")
    view = standin_view(f)
    assert view.text == "加薇心abc"
    assert view.reads_symbol(1, 3) and not view.reads_symbol(0, 2)
    penguins = standin_view(fold("🐧🐧"))
    assert penguins.text == "qqqq"
    assert penguins.reads_symbol(0, 2) and penguins.reads_symbol(2, 4)
    assert not penguins.reads_symbol(1, 3) and not penguins.reads_symbol(0, 1)
    assert view.to_word(1, 3) == (1, 2)  # 薇心 is 薇 in the word view
    assert f.grow(*f.span(1, 2), 2) == (1, 3)  # and 薇❤ in the original
    assert standin_view(fold("没有符号")) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [("zhong", "zong"), ("chi", "ci"), ("shi", "si"), ("nan", "lan"), ("fu", "hu"),
     ("bang", "ban"), ("feng", "hen"), ("xing", "xin"), ("lv", "lu")],
)  # fmt: skip
def test_confusable_initials_and_finals_share_a_sound(a, b):
    assert fuzzy_syllable(a) == fuzzy_syllable(b)
    assert tables().syllables[a] == tables().syllables[b]


def test_split_table_covers_radicals_as_full_characters():
    splits = tables().splits
    assert splits["氵去"] == splits["水去"] == "法"
    assert splits["亻故"] == splits["人故"] == "做"
    assert splits["讠正"] == splits["言正"] == "证"


def test_several_standins_in_one_text_keep_their_own_spans(screener):
    bio = "找我🐧 12345678 或者薇❤ abc12345"
    hits = screener.screen(AccountInput(name="小王", bio=bio)).hits
    assert {h.matched for h in hits} == {"🐧 12345678", "薇❤ abc12345"} and len(hits) == 2
    for h in hits:
        assert bio[h.start : h.end] == h.matched


@pytest.mark.parametrize(
    ("name", "bio", "signature", "rule", "parts"),
    [
        ("小周 手机", "1️⃣3️⃣6️⃣9️⃣2️⃣5", "8️⃣1️⃣2️⃣3️⃣4️⃣", "contact_phone",
         [("bio", "1️⃣3️⃣6️⃣9️⃣2️⃣5"), ("signature", "8️⃣1️⃣2️⃣3️⃣4️⃣")]),
        ("阿珍 🐧", "5 4 7 9 7", " 7 1 4 6 2", "contact_qq",
         [("name", "🐧"), ("bio", "5 4 7 9 7"), ("signature", " 7 1 4 6 2")]),
        ("果果 飞机", "@ppj", "hexqk", "contact_telegram",
         [("name", "飞机"), ("bio", "@ppj"), ("signature", "hexqk")]),
        ("阿九 v信", "zjg１", "４９６９７", "contact_wechat",
         [("name", "v信"), ("bio", "zjg１"), ("signature", "４９６９７")]),
    ],
)  # fmt: skip
def test_contact_assembled_across_fields(screener, name, bio, signature, rule, parts):
    account = {"name": name, "bio": bio, "signature": signature}
    hits = [h for h in screener.screen(AccountInput(**account)).hits if h.rule == rule]
    assert len(hits) == 1, hits
    hit = hits[0]
    assert [(p["field"], p["matched"]) for p in hit.details["parts"]] == parts
    for p in hit.details["parts"]:
        assert account[p["field"]][p["start"] : p["end"]] == p["matched"]
    assert (hit.field, hit.matched) == parts[0]
    assert "分写在" in hit.explanation and "读作" in hit.explanation


def test_fields_that_merely_follow_each_other_make_no_contact(screener):
    account = AccountInput(name="小王2024", bio="喜欢旅行", signature="天天开心")
    assert screener.screen(account).hits == []


def test_letter_cue_read_through_a_heart(screener):
    hit = one_hit(screener, "contact_wechat", bio="V❤ abc12345")
    assert hit.matched == "V❤ abc12345"


@pytest.mark.parametrize(
    ("bio", "matched"),
    [("出售手墙，靠谱", "手墙"), ("有冰读的来", "冰读"), ("冰冻饮料", None), ("幺妹两只", None)],
)
def test_two_character_banned_words_by_their_usual_sound(screener, bio, matched):
    hits = [h for h in screener.screen(AccountInput(name="小店", bio=bio)).hits]
    assert [h.matched for h in hits if h.category == "prohibited_content"] == (
        [matched] if matched else []
    )


@pytest.mark.parametrize(
    ("bio", "matched"),
    [
        ("这么东方的味道", None),  # 么 is no variant of 幺 in simplified text (me, not yao)
        ("什么教师最好", None),
        ("幺教师", None),  # 淫 is read yin alone: yao is no reading in use
        ("加我看音东方", "音东方"),  # a homophone of the usual reading is still read
        ("yindongfang", "yindongfang"),
    ],
)
def test_everyday_characters_are_not_read_as_a_term_by_a_rare_reading(bio, matched):
    lexicons = Lexicons.from_lines({"prohibited": ["淫东方|淫教师	kind=pornography"]})
    hits = [
        h
        for h in Screener(lexicons).screen(AccountInput(name="小店", bio=bio)).hits
        if h.category == "prohibited_content"
    ]
    assert [(h.matched, bio[h.start : h.end]) for h in hits] == (
        [(matched, matched)] if matched else []
    )


def test_hearts_between_every_character_are_separators(screener):
    name = "公★安★部★"
    hits = screener.screen(AccountInput(name=name)).hits
    assert [(h.rule, h.matched) for h in hits] == [("organs_name", "公★安★部")]


def test_contact_across_fields_is_found_at_the_end_of_a_long_field(screener):
    name = "小" * 300 + "扣扣"
    account = AccountInput(name=name, bio="1234", signature="5678")
    hit = only_rule(screener, account, "contact_qq")
    assert (hit.field, hit.start, hit.end, hit.matched) == ("name", 300, 302, "扣扣")
    assert [(p["field"], p["matched"]) for p in hit.details["parts"]] == [
        ("name", "扣扣"), ("bio", "1234"), ("signature", "5678")
    ]  # fmt: skip


def only_rule(screener, account, rule):
    hits = [h for h in screener.screen(account).hits if h.rule == rule]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize(
    ("bio", "rule", "matched"),
    [
        ("果果Q⑺⑸(0)⑺⑴⑼⑵", "contact_qq", "Q⑺⑸(0)⑺⑴⑼⑵"),  # a number straight after Q
        ("小黑Q柒贰叁捌壹捌玖壹", "contact_qq", "Q柒贰叁捌壹捌玖壹"),
        ("🛰：wsn1510", "contact_wechat", "🛰：wsn1510"),  # satellite: 卫星, like 微信
        ("vx：nqehzwg6 1 3 3", "contact_wechat", "vx：nqehzwg6 1 3 3"),  # digits spaced out
        ("q abc12345", None, None),  # a letter and a word: no mark, no contact
        ("vx：abc def", None, None),  # spaces between letters: not one ID
    ],
)
def test_letter_cues_and_spaced_ids(screener, bio, rule, matched):
    hits = screener.screen(AccountInput(name="小王", bio=bio)).hits
    if rule is None:
        assert [h for h in hits if h.category == "embedded_contact"] == []
    else:
        assert [(h.rule, h.matched) for h in hits] == [(rule, matched)]
