"""Character tables of the normaliser, built once per process.

Every table maps one character to one character (or to ``DROP``), so a
folded text keeps the length of the original and hits map straight back to
their span in the original text.

Sources:
- Unicode NFKC and case folding (``unicodedata``): full/half width, math and
  enclosed alphanumerics, Kangxi radicals, compatibility ideographs.
- OpenCC's character tables (``opencc-python-reimplemented``): traditional to
  simplified (TSCharacters) and regional variants (TW/HK/JP variants).
- ``workbench/resources/normalise/confusables.tsv`` (curated), ``confusables_glyph.tsv``
  (derived from rendered glyphs by ``scripts/build_glyph_confusables.py``) and
  ``splits.tsv``: look-alike and split characters (see the README there).
- ``workbench/resources/evasion/standins.tsv`` (emoji and symbols read as a
  character or word: 薇❤, 🐧, 手🔫) and ``evasion/splits.tsv`` (more split
  characters; each radical also written as its full character, 水去 for 法).
- pypinyin's character dictionary: toneless readings, for homophones and
  pinyin written in Latin letters; of a heteronym only the readings in use
  (``normalise/readings.tsv``, from pypinyin's phrases by ``scripts/build_readings.py``).  Sound codes are shared by the syllables
  that the common confusable initials and finals make alike (zh/z, ch/c,
  sh/s, n/l, f/h, an/ang, en/eng, in/ing), so near-homophones match too.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from workbench.resources import Traversable, resource

DROP = "\x00"  # a character removed from the folded view (separators, invisibles)
BOUNDARY = "\x1f"  # between two fields: never dropped, never part of a term


# Characters used as filler strokes or separators between the characters of a word.
FILLER_CHARS = "丶丨丿乀乁乛亅\u3164\u115f\u1160\uffa0\u2800\u180e\u3000"
# Latin letters look-alikes from other scripts (Cyrillic, Greek).
LATIN_CONFUSABLES = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "α": "a", "ο": "o", "ν": "v", "ρ": "p", "τ": "t", "υ": "u",
    "ι": "i", "κ": "k", "χ": "x", "ε": "e", "β": "b", "η": "n", "ω": "w",
}  # fmt: skip
# Digits as written in Chinese (plain, financial, spoken on the phone).
CHINESE_DIGITS = {
    "零": "0", "〇": "0", "洞": "0", "一": "1", "壹": "1", "幺": "1", "么": "1",
    "二": "2", "贰": "2", "两": "2", "三": "3", "叁": "3", "四": "4", "肆": "4",
    "五": "5", "伍": "5", "六": "6", "陆": "6", "七": "7", "柒": "7", "拐": "7",
    "八": "8", "捌": "8", "九": "9", "玖": "9", "勾": "9", "貳": "2", "參": "3", "陸": "6",
}  # fmt: skip
# Radicals written as the full character they come from, in split characters (水去 for 法).
RADICAL_FULL_FORMS = {
    "氵": "水", "亻": "人", "讠": "言", "扌": "手", "钅": "金", "纟": "丝", "饣": "食",
    "忄": "心", "犭": "犬", "礻": "示", "衤": "衣", "刂": "刀", "阝": "耳",
}  # fmt: skip
# Confusable initials and finals: a syllable's sound code is that of its plain form.
FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("f", "h"))
FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"), ("v", "u"))  # lv/lu
# Letters in enclosed forms NFKC leaves alone (negative circled and squared): letters
# in the word view.
ENCLOSED_LETTERS = (0x1F150, 0x1F170)
EXTRA_RANGES = (
    range(0x1D400, 0x1D800),  # mathematical alphanumerics
    range(0x1F000, 0x1FC00),  # enclosed alphanumerics, emoji, symbols
    range(0x2F800, 0x2FA20),  # CJK compatibility ideographs supplement
    range(0xE0000, 0xE01F0),  # tags and variation selectors supplement
)
DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me", "Mc"}
# Sound codes are characters of two UTF-8 bytes (U+0500 on, a few hundred of them), so the
# sound automaton reads two bytes a syllable (three for the private-use area, four for a
# plane above).  Text can hold those characters: the sound view writes each one that is
# not read as a syllable as NOT_READ, which no sound key holds.
SYLLABLE_BASE = 0x0500
NOT_READ = DROP


def _opencc_dir() -> Path:
    import opencc

    return Path(opencc.__file__).resolve().parent / "dictionary"


def _read_pairs(path: Path | Traversable) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 2:
            pairs.append((parts[0].strip(), parts[1].strip()))
    return pairs


def _simplify_map() -> dict[str, str]:
    """Traditional and regional variant characters -> simplified standard form."""
    folder = _opencc_dir()
    t2s: dict[str, str] = {}
    for trad, simp in _read_pairs(folder / "TSCharacters.txt"):
        first = simp.split(" ")[0]
        if len(trad) == 1 and len(first) == 1:
            t2s[trad] = first
    # A regional variant that is itself the simplified standard form of a character is a
    # character of everyday simplified text, never folded into another one: 么 (of 麼) is
    # Taiwan's variant of 幺, 沪 (of 滬) Japan's of 濾, 芸 (of 蕓) Japan's of 藝; folded,
    # 什么 read as 什幺 and by sound as 什淫, 沪 (hu) as 滤 (lv).
    simplified = set(t2s.values())
    for name in ("TWVariants.txt", "HKVariants.txt", "JPVariants.txt"):
        for standard, variants in _read_pairs(folder / name):
            for v in variants.split(" "):
                if len(v) == 1 and len(standard) == 1 and v != standard and v not in simplified:
                    t2s.setdefault(v, t2s.get(standard, standard))
    return t2s


def _fold_char(ch: str, t2s: dict[str, str]) -> str:
    if ch == BOUNDARY:
        return ch
    if ch in FILLER_CHARS:
        return DROP
    out = unicodedata.normalize("NFKC", ch).casefold()
    if len(out) == 3 and out[0] == "(" and out[2] == ")" or len(out) == 2 and out[1] == ".":
        out = out[1] if out[0] == "(" else out[0]  # parenthesised ⑴ ㈠, with a stop ⒈
    elif len(out) == 1 and unicodedata.category(out) == "No" and unicodedata.digit(out, -1) >= 0:
        out = str(unicodedata.digit(out))  # dingbat circled digits ❶ ➀ ➊ ⓵
    for base in ENCLOSED_LETTERS:
        if base <= ord(ch) < base + 26:
            out = chr(ord("a") + ord(ch) - base)
    if len(out) != 1:
        out = ch.casefold() if len(ch.casefold()) == 1 else ch
    cat = unicodedata.category(out)
    if cat in DROP_CATEGORIES or cat[0] in "PS" or out in FILLER_CHARS:
        return DROP
    out = LATIN_CONFUSABLES.get(out, out)
    if not out.isascii() and unicodedata.category(out) == "Ll":
        decomposed = unicodedata.normalize("NFD", out)
        if decomposed.startswith("u\u0308"):
            out = "v"  # pinyin's ü (with or without tone), as typed on keyboards
        elif decomposed[0].isascii():
            out = decomposed[0]  # tone marks and accents: zhōngguó -> zhongguo
    for _ in range(2):
        out = t2s.get(out, out)
    return out


@dataclass(frozen=True)
class Tables:
    fold: dict[int, str]  # for str.translate: the word view
    contact_fold: dict[int, str]  # keeps ASCII punctuation and spaces for URLs/e-mails
    digits: dict[int, str]  # Chinese digit styles -> ASCII digits
    lookalike: dict[int, str]  # look-alike character -> lexicon character
    splits: dict[str, str]  # two-character split -> whole character
    standins: dict[str, str]  # emoji or symbol -> the text it stands in for
    sound: dict[int, str]  # character -> sound code (toneless syllable)
    syllables: dict[str, str]  # toneless syllable -> sound code
    readings: dict[str, tuple[str, ...]]  # character -> all toneless readings


def toneless(reading: str) -> str:
    """A pinyin reading without tone marks, ü written v."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("ü", "v").replace("u\u0308", "v").lower()


def _sound_tables():
    from pypinyin.pinyin_dict import pinyin_dict

    in_use = {ch: tuple(rs.split(" ")) for ch, rs in _read_tsv("normalise/readings.tsv")}
    readings: dict[str, tuple[str, ...]] = {}
    syllables: dict[str, str] = {}
    codes: dict[str, str] = {}  # plain (fuzzy) syllable -> sound code
    for cp, text in pinyin_dict.items():
        seen = []
        for r in text.split(","):
            t = toneless(r)
            if t.isascii() and t.isalpha() and t not in seen:
                seen.append(t)
        if not seen:
            continue
        # The usual reading, and the others only where a word takes them (readings.tsv):
        # 淫 is read yin alone, not yao as 幺 is.
        readings[chr(cp)] = in_use.get(chr(cp), (seen[0],))
        for t in seen:
            if t not in syllables:
                plain = fuzzy_syllable(t)
                codes.setdefault(plain, chr(SYLLABLE_BASE + len(codes)))
                syllables[t] = codes[plain]
    sound = {ord(ch): syllables[rs[0]] for ch, rs in readings.items()}
    for cp in range(SYLLABLE_BASE, SYLLABLE_BASE + len(codes)):
        sound.setdefault(cp, NOT_READ)  # a code's own character, written in a text
    return sound, syllables, readings


def fuzzy_syllable(syllable: str) -> str:
    """The plain form of a toneless syllable: confusable initials and finals made one."""
    for a, b in FUZZY_INITIALS:
        if syllable.startswith(a) and len(syllable) > len(a):
            syllable = b + syllable[len(a) :]
            break
    for a, b in FUZZY_FINALS:
        if syllable.endswith(a):
            return syllable[: -len(a)] + b
    return syllable


def _splits() -> dict[str, str]:
    """Split characters, each radical also written as its full character."""
    splits: dict[str, str] = {}
    for name in ("normalise/splits.tsv", "evasion/splits.tsv"):
        for a, b in _read_tsv(name):
            if len(a) == 2 and len(b) == 1:
                splits.setdefault(a, b)
    for a, b in list(splits.items()):
        for i in (0, 1):
            full = RADICAL_FULL_FORMS.get(a[i])
            if full is not None:
                splits.setdefault(a[:i] + full + a[i + 1 :], b)
    return splits


def _standins(fold: dict[int, str]) -> dict[str, str]:
    out = {}
    for symbol, reading in _read_tsv("evasion/standins.tsv"):
        if len(symbol) == 1 and reading:
            out[symbol] = "".join(fold.get(ord(c), c) for c in reading)
    for i in range(26):  # regional indicators, dropped as flags in the word view
        out[chr(0x1F1E6 + i)] = chr(ord("a") + i)
    return out


def _read_tsv(name: str) -> list[tuple[str, str]]:
    return _read_pairs(resource(name))


@cache
def tables() -> Tables:
    """The process-wide tables (built on first use, about a quarter of a second)."""
    t2s = _simplify_map()
    codepoints = set(range(0x10000))
    for r in EXTRA_RANGES:
        codepoints.update(r)
    codepoints.update(ord(c) for c in t2s)
    fold: dict[int, str] = {}
    contact: dict[int, str] = {}
    for cp in codepoints:
        ch = chr(cp)
        out = _fold_char(ch, t2s)
        if out != ch:
            fold[cp] = out
        nfkc = unicodedata.normalize("NFKC", ch)
        if ch.isspace() or (len(nfkc) == 1 and nfkc.isspace()):
            contact[cp] = " "
        elif len(nfkc) == 1 and nfkc.isascii() and not nfkc.isalnum() and nfkc != BOUNDARY:
            contact[cp] = nfkc
        elif out != ch:
            contact[cp] = out
    for ch in "。｡．·":
        contact[ord(ch)] = "."
    digits = {ord(k): v for k, v in CHINESE_DIGITS.items()}
    lookalike: dict[int, str] = {}
    # Curated pairs first; pairs found by glyph overlap only where no curated pair exists.
    for name in ("normalise/confusables.tsv", "normalise/confusables_glyph.tsv"):
        for variant, canonical in _read_tsv(name):
            v = fold.get(ord(variant), variant)
            if len(v) == 1 and v != canonical:
                lookalike.setdefault(ord(v), canonical)
    splits = _splits()
    standins = _standins(fold)
    sound, syllables, readings = _sound_tables()
    return Tables(fold, contact, digits, lookalike, splits, standins, sound, syllables, readings)
