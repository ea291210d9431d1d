"""Normalisation: each evasion folds to the plain form, and spans map back to the original."""

from __future__ import annotations

import pytest

from workbench.rules.normalise import (
    contact_view,
    digit_view,
    fold,
    lookalike_view,
    segment_pinyin,
    sound_view,
    split_view,
    term_sound_keys,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("中\u200b国", "中国"),  # zero-width space
        ("中\u200d\ufe0f国", "中国"),  # joiner and variation selector
        ("中 国", "中国"),  # space
        ("中.国", "中国"),  # punctuation
        ("中❤国", "中国"),  # emoji
        ("中丨国", "中国"),  # filler stroke
        ("中\u3164国", "中国"),  # hangul filler
        ("ＡＢＣ", "abc"),  # full width and case
        ("𝐂𝐂𝐓𝐕", "cctv"),  # mathematical bold
        ("ⒸⒸⓉⓋ", "cctv"),  # circled letters
        ("ІСВС", "icbc"),  # Cyrillic look-alike letters
        ("⼈民", "人民"),  # Kangxi radical
        ("中國", "中国"),  # traditional
        ("①②③", "123"),  # circled digits
    ],
)
def test_fold_defeats_evasion(text, folded):
    assert fold(text).text == folded


def test_span_maps_back_to_the_original():
    original = "我是 外\u200b交\u200b部 的"
    f = fold(original)
    start = f.text.index("外交部")
    s, e = f.span(start, start + 3)
    assert original[s:e] == "外\u200b交\u200b部"


def test_lookalike_view_keeps_length_and_restores_lexicon_characters():
    assert lookalike_view("宫方") == "官方"
    assert lookalike_view("徽信") == "微信"
    assert lookalike_view("平常") == "平常"


@pytest.mark.parametrize(
    ("text", "digits"), [("一二三", "123"), ("壹贰叁", "123"), ("幺两洞拐", "1207")]
)
def test_chinese_digit_styles(text, digits):
    assert digit_view(text) == digits


def test_split_characters_join_and_map_back():
    view = split_view("弓长三")
    assert view.text == "张三"
    assert view.to_word(0, 1) == (0, 2)
    assert view.to_word(1, 2) == (2, 3)
    assert split_view("你好") is None


def test_latin_runs_split_into_pinyin_syllables():
    assert segment_pinyin("weixin") == ("wei", "xin")
    assert segment_pinyin("zhongguo") == ("zhong", "guo")
    assert segment_pinyin("hello") is None


def test_sound_view_reads_pinyin_and_characters_alike():
    word = fold("wai交部").text
    view = sound_view(word)
    assert len(view.text) == 3
    assert view.text in term_sound_keys("外交部")
    assert view.to_word(0, 1) == (0, 3)  # the syllable 'wai' spans three letters
    assert view.to_word(1, 3) == (3, 5)


def test_heteronyms_give_every_reading_of_a_term():
    keys = term_sound_keys("六合彩")
    assert sound_view("六和彩").text in keys


def test_simplified_characters_are_not_folded_as_regional_variants():
    # 么 is Taiwan's variant of 幺, 沪 Japan's of 濾, 芸 Japan's of 藝: in simplified text
    # each is a character of its own (什么, 沪牌, 芸豆); Japanese 麺 is still 面.
    assert fold("什么沪牌芸豆麺").text == "什么沪牌芸豆面"
    assert fold("麼").text == "么"


def test_a_term_is_read_by_the_readings_in_use_only():
    assert sound_view("银行").text in term_sound_keys("银行")  # 行 xing, its usual reading
    assert sound_view("银杭").text in term_sound_keys("银行")  # 行 hang, as in 银行
    assert sound_view("幺教师").text not in term_sound_keys("淫教师")  # 淫 yao: no word


def test_contact_view_keeps_punctuation_and_folds_dots():
    assert contact_view("ａ＠ｂ。ｃｏｍ").text == "a@b.com"
    assert contact_view("a\u200b.b").text == "a.b"


def test_glyph_derived_lookalikes_join_the_curated_ones():
    assert lookalike_view("夭安门") == "天安门"  # from rendered glyph overlap
    assert lookalike_view("人民曰报") == "人民日报"  # curated


def test_tone_marks_and_accents_fold_to_plain_pinyin():
    assert fold("zhōngguó").text == "zhongguo"
    assert fold("lǘ nǚ").text == "lvnv"  # ü typed as v
