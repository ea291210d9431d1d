"""The cheap checks that let the screener pass over work a text cannot need: each says
"maybe" wherever the full search it stands before could find something."""

from __future__ import annotations

from workbench.rules.normalise import fold
from workbench.rules.tables import tables


def test_sound_codes_are_characters_no_folded_text_holds():
    codes = set(tables().syllables.values())
    assert codes and all(fold(code).text == "" for code in codes)
