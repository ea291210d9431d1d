"""The cheap checks that let the screener pass over work a text cannot need: each says
"maybe" wherever the full search it stands before could find something."""

from __future__ import annotations

import random

from workbench.rules.contact import ADDRESS_START, MAYBE_ADDRESS, PHONE, TEN_DIGITS
from workbench.rules.normalise import fold
from workbench.rules.tables import tables

# What can follow the first character of each of MAYBE_ADDRESS's alternatives.
ADDRESS_TAILS = ("", "ot", "OT", "at)", "At]", "特", "10 ", "１0-", "２3４)")


def test_address_start_says_maybe_wherever_an_address_could_start():
    for code in range(0x10000):
        for tail in ADDRESS_TAILS:
            text = chr(code) + tail
            if MAYBE_ADDRESS.match(text):
                assert ADDRESS_START.match(text), repr(text)


def test_ten_digits_say_maybe_wherever_a_phone_number_is():
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice("0123456789814 -a") for _ in range(rng.randint(8, 30)))
        if PHONE.search(text):
            assert TEN_DIGITS.search(text), text
    assert TEN_DIGITS.search("13800138000") and TEN_DIGITS.search("4001234567")


def test_sound_codes_are_characters_no_folded_text_holds():
    codes = set(tables().syllables.values())
    assert codes and all(fold(code).text == "" for code in codes)
