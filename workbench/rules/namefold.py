"""Folding account names to the keys the closed-account similarity check compares.

A re-registered closed account rarely reuses its exact name: it writes it in
full-width letters or traditional characters, swaps a character for a
look-alike or a homophone, or adds 官方, 工作室, 2号 or a number.  Each stage
below undoes one such change, and :class:`FoldedName` keeps the stages so a
match can say which change it saw (``traditional form``, ``look-alike`` ...).

Stages:

1. ``base``: NFKC (width, compatibility forms, circled digits), case folded,
   invisible format characters removed;
2. ``simplified``: traditional and variant characters to simplified (OpenCC);
3. ``stripped``: only letters kept (digits, punctuation, symbols, emoji and
   spaces dropped) and common suffixes and prefixes removed (官方, 号, 账号,
   旗舰店, 工作室 ...); generic stems such as 用户 keep their digits;
4. ``key``: look-alike characters mapped to one representative.

``pinyin`` is the toneless pinyin of the key, one reading per character;
:func:`pinyin_variants` adds the other readings of heteronyms for a query.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import product

from opencc import OpenCC
from pypinyin import Style, pinyin

SUFFIXES = (
    "官方旗舰店",
    "官方账号",
    "官方帐号",
    "官方号",
    "旗舰店",
    "专卖店",
    "专营店",
    "工作室",
    "官方",
    "账号",
    "帐号",
    "小号",
    "大号",
    "本人",
    "official",
    "号",
)
PREFIXES = ("官方", "正版", "official")
# Default names a platform hands out: stripping their numbers would make every
# such account look like every other.
GENERIC_STEMS = frozenset(
    {"用户", "手机用户", "微信用户", "匿名用户", "新用户", "网友", "游客", "user", "guest"}
)
# Chinese numerals directly before 号 ("二号") count as a number suffix.
_NUMBER_CHARS = frozenset("零〇一二三四五六七八九十百两壹贰叁肆伍陆柒捌玖拾")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_NOT_WORD = re.compile(r"[\W_]+")

# Look-alike characters, each group mapped to its first member.  CJK groups
# are characters commonly swapped in evasions; Latin groups are Cyrillic and
# Greek letters that render like Latin ones.
LOOKALIKE_GROUPS = (
    "己已巳",
    "戊戌戍",
    "未末",
    "土士",
    "日曰",
    "人入",
    "干千于",
    "大太犬",
    "王玉主",
    "木本术",
    "白自",
    "刀力",
    "天夭",
    "今令",
    "折拆析",
    "侯候",
    "拔拨",
    "祟崇",
    "冶治",
    "汩汨",
    "茶荼",
    "壁璧",
    "辩辨辫",
    "即既",
    "ilı",
    "aаα",
    "eеε",
    "oоοσ",
    "pрρ",
    "cсϲ",
    "yуγ",
    "xхχ",
    "iіι",
    "jј",
    "sѕ",
    "dԁ",
    "qԛ",
    "wԝω",
    "kκк",
    "tτт",
    "vν",
    "bЬв",
    "hһн",
    "mм",
    "nп",
)


@cache
def _tables() -> tuple[dict[int, None], dict[int, str], dict[int, str]]:
    """Invisible-character, traditional-to-simplified and look-alike tables, built once."""
    invisible = {cp: None for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Cf"}
    converter = OpenCC("t2s")
    t2s: dict[int, str] = {}
    for lo, hi in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)):
        for cp in range(lo, hi):
            ch = chr(cp)
            simple = converter.convert(ch)
            if simple != ch and len(simple) == 1:
                t2s[cp] = simple
    look: dict[int, str] = {}
    for group in LOOKALIKE_GROUPS:
        for ch in group[1:]:
            for form in {ch, ch.casefold()}:
                if form != group[0]:
                    look.setdefault(ord(form), group[0])
    return invisible, t2s, look


@cache
def _char_readings(ch: str) -> tuple[str, ...]:
    """Toneless pinyin readings of one character, the usual one first."""
    if not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"):
        return (ch,)
    readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="default")[0]
    seen = list(dict.fromkeys(r for r in readings if r))
    return tuple(seen) or (ch,)


def pinyin_key(text: str) -> str:
    """The toneless pinyin of ``text``, usual reading of each character, no separators."""
    return "".join(_char_readings(ch)[0] for ch in text)


def pinyin_variants(text: str, *, limit: int = 4) -> list[str]:
    """Pinyin keys of ``text`` over the readings of its heteronyms, at most ``limit``."""
    options = [_char_readings(ch) for ch in text]
    if all(len(o) == 1 for o in options):
        return ["".join(o[0] for o in options)]
    keys: list[str] = []
    for combo in product(*options):
        keys.append("".join(combo))
        if len(keys) >= limit:
            break
    return keys


def _strip_affixes(text: str) -> str:
    """``text`` without its suffixes, numbered 号 endings and prefixes, repeatedly.

    Works on the bounds of ``text`` rather than on copies of it, so a name of
    thousands of 号 costs linear time.
    """
    start, end = 0, len(text)
    changed = True
    while changed:
        changed = False
        if end > start and text[end - 1] == "号":
            i = end - 1
            while i > start and text[i - 1] in _NUMBER_CHARS:
                i -= 1
            if i < end - 1 and i - start >= 2:  # 二号 after at least two characters
                end = i
                changed = True
        for suffix in SUFFIXES:
            if text.endswith(suffix, start, end) and end - start - len(suffix) >= 2:
                end -= len(suffix)
                changed = True
                break
        for prefix in PREFIXES:
            if text.startswith(prefix, start, end) and end - start - len(prefix) >= 2:
                start += len(prefix)
                changed = True
                break
    return text[start:end]


@dataclass(frozen=True, slots=True)
class FoldedName:
    """One name through the folding stages (see the module docstring)."""

    original: str
    base: str
    simplified: str
    stripped: str
    key: str

    @property
    def pinyin(self) -> str:
        return pinyin_key(self.key)


def fold_name(name: str) -> FoldedName:
    """Fold ``name`` through every stage; the ``key`` is what the index compares."""
    invisible, t2s, look = _tables()
    base = unicodedata.normalize("NFKC", name).casefold().translate(invisible).strip()
    simplified = base.translate(t2s)
    letters = _NOT_LETTER.sub("", simplified)
    if letters and letters not in GENERIC_STEMS:
        stripped = _strip_affixes(letters)
    else:
        # A generic stem or a name of digits only keeps its digits.
        stripped = _NOT_WORD.sub("", simplified) or simplified
    key = stripped.translate(look)
    return FoldedName(name, base, simplified, stripped, key)


def fold_key(name: str) -> str:
    """Just the comparison key of ``name``."""
    return fold_name(name).key


@cache
def _syllable_codes() -> dict[str, str]:
    """Every toneless pinyin syllable, each given one private-use character."""
    from pypinyin.pinyin_dict import pinyin_dict

    syllables = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            bare = unicodedata.normalize("NFD", reading)
            syllables.add(
                "".join(c for c in bare if not unicodedata.combining(c)).replace("ü", "v")
            )
    return {s: chr(0xF0000 + i) for i, s in enumerate(sorted(syllables)) if s.isascii()}


def syllable_key(text: str) -> str | None:
    """Latin ``text`` read as pinyin syllables, one private-use character per syllable.

    None unless the whole text splits into syllables.  Names written in
    pinyin differ by whole syllables (mingsheng, mingfeisheng), so the index
    compares them syllable by syllable as it does Chinese characters.
    """
    if not text or len(text) > 40 or not (text.isascii() and text.isalpha()):
        return None
    codes = _syllable_codes()
    failed: set[int] = set()

    def split(i: int) -> list[str] | None:
        if i == len(text):
            return []
        if i in failed:
            return None
        for n in range(min(6, len(text) - i), 0, -1):
            code = codes.get(text[i : i + n])
            if code is not None:
                rest = split(i + n)
                if rest is not None:
                    return [code, *rest]
        failed.add(i)
        return None

    parts = split(0)
    return "".join(parts) if parts else None
