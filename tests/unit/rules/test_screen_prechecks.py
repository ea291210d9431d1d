"""The cheap checks that let the screener pass over work a text cannot need: each says
"maybe" wherever the full search it stands before could find something."""

from __future__ import annotations

import random

from workbench.rules.contact import ADDRESS_START, MAYBE_ADDRESS, PHONE, ten_digits
from workbench.rules.lexicons import Lexicons
from workbench.rules.matcher import TermMatcher
from workbench.rules.normalise import digit_view, fold, sound_view
from workbench.rules.tables import NOT_READ, tables

# What can follow the first character of each of MAYBE_ADDRESS's alternatives.
ADDRESS_TAILS = ("", "ot", "OT", "at)", "At]", "特", "10 ", "１0-", "２3４)")


def test_address_start_says_maybe_wherever_an_address_could_start():
    for code in range(0x10000):
        for tail in ADDRESS_TAILS:
            text = chr(code) + tail
            if MAYBE_ADDRESS.match(text):
                assert ADDRESS_START.match(text), repr(text)


def test_ten_digits_say_maybe_wherever_a_phone_number_is():
    """In any digit style: the check reads the word view, the phone number the digit view."""
    rng = random.Random(5)
    alphabet = "0123456789814 -a一幺两洞拐壹贰零八九玖"
    found = 0
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(8, 30)))
        if PHONE.search(digit_view(text)):
            found += 1
            assert ten_digits().search(text), text
    assert found > 20
    for number in ("13800138000", "4001234567", "幺三八零零幺三八零零零", "壹3800138000"):
        assert PHONE.search(digit_view(number)) and ten_digits().search(number)
    assert not ten_digits().search("幺三八零零 幺三八零零零")


class _Everything:
    def __contains__(self, item) -> bool:
        return True


def test_allowlist_is_searched_whenever_a_phrase_could_cover_a_match():
    lexicons = Lexicons.from_lines(
        {"prohibited": ["qq", "学习", "好好"], "allowlist": ["好好学习", "天天向上"]}
    )
    quick = TermMatcher(lexicons, ["prohibited"])
    always = TermMatcher(lexicons, ["prohibited"])
    always._allow_parts = _Everything()
    texts = [
        "好好学习",  # inside the phrase: nothing
        "好好🐧学习",  # a symbol read as qq inside the phrase (an empty span in the word view)
        "好🐧",
        "天天🐧向上",  # the symbol's reading is the only match, its span empty
        "学习好好",
        "天天qq向上",
        "好好学习，学习",
    ]
    for text in texts:
        folded = fold(text)
        assert quick.find(folded.text, folded) == always.find(folded.text, folded), text
    assert quick.find(*_word("好好学习")) == []
    assert quick.find(*_word("好好🐧学习")) == quick.find(*_word("天天🐧向上")) == []
    assert [m.term for m in quick.find(*_word("好🐧"))] == ["qq"]


def _word(text: str):
    folded = fold(text)
    return folded.text, folded


def test_a_sound_code_written_in_a_text_is_not_read_as_its_syllable():
    """Sound codes are ordinary two-byte characters (U+0500 on): written in a text, the
    sound view does not take one for the syllable it codes."""
    codes = set(tables().syllables.values())
    assert codes and all(len(code.encode()) == 2 for code in codes)
    assert all(sound_view(code).text == NOT_READ for code in codes)
    matcher = TermMatcher(Lexicons.from_lines({"organs": ["外交部"]}), ["organs"])
    assert [m.technique for m in matcher.find(*_word("外交布"))] == ["homophone"]
    assert matcher.find(*_word("外交" + tables().syllables["bu"])) == []
