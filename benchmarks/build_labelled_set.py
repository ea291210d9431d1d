"""Write tests/data/rules_labelled_generated.jsonl: 2,000+ labelled accounts (issue 16, item 7).

Every account is built from a template and the word pools in labelled_pools.py, through
the evasions accounts use today (separators and invisible characters, traditional forms,
pinyin, homophones, split characters, emoji stand-ins, digit styles, 幺洞拐, contacts split
across fields), or is a clean account that a naive keyword scan would flag (everyday words
and product names holding a listed term, mentions, bodies run by the named organisation or
by a differently named company, qualified professionals, negations).

Kept apart from the lexicons: this script and its pools never read
workbench/resources/lexicons (nor import the rule engine); the labels come from the
template that made the account, i.e. from what the account IS, not from what the
engine finds.  It prints how many of the set's target terms the shipped lexicons list
verbatim, so a reader can see how far the set reaches beyond them.

Run: .venv/bin/python benchmarks/build_labelled_set.py  (deterministic: seed 16)
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

sys.path.insert(0, str(Path(__file__).resolve().parent))
import labelled_pools as P  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "rules_labelled_generated.jsonl"
STRICT = ("中国", "中华", "中央", "全国", "国家")
SEPARATORS = ["·", "丨", "-", "_", "❤", "★", "/", "。", "~", "🔥"]
SPLITS = {
    "法": "氵去", "赌": "贝者", "枪": "木仓", "冰": "冫水", "江": "氵工", "海": "氵每",
    "湖": "氵胡", "信": "亻言", "好": "女子", "明": "日月", "林": "木木", "粉": "米分",
    "购": "贝勾", "时": "日寸", "晴": "日青", "理": "王里", "财": "贝才", "股": "月殳",
    "炮": "火包", "约": "纟勺", "级": "纟及", "红": "纟工", "络": "纟各", "钱": "钅戋",
    "银": "钅艮", "吸": "口及", "警": "敬言", "院": "阝完", "部": "咅阝", "姐": "女且",
    "妹": "女未", "娱": "女吴", "婚": "女昏", "贷": "代贝", "货": "化贝", "贩": "贝反",
    "赚": "贝兼", "药": "艹约", "证": "讠正", "话": "讠舌", "试": "讠式", "诈": "讠乍",
    "骗": "马扁", "码": "石马", "精": "米青", "情": "忄青", "性": "忄生", "汽": "氵气",
    "油": "氵由", "洗": "氵先", "清": "氵青", "治": "氵台", "沙": "氵少", "体": "亻本",
    "代": "亻弋", "仿": "亻方", "假": "亻叚", "伙": "亻火", "济": "氵齐", "波": "氵皮",
}  # fmt: skip
# Emoji written for a character of banned goods (出❄️, 🔫支), and Cyrillic letters that look
# like Latin ones (vх, Еmbassy).
EMOJI = {"枪": "🔫", "冰": "❄️", "药": "💊", "赌": "🎲", "钱": "💰", "弹": "💣", "刀": "🔪",
         "烟": "🚬", "酒": "🍺", "卡": "💳", "车": "🚗", "马": "🐎", "鱼": "🐟", "牛": "🐮"}  # fmt: skip
CYRILLIC = str.maketrans("aceopxyiABEHKMOPCTX", "асеорхуіАВЕНКМОРСТХ")
EVASIONS = [
    "plain", "plain", "spaces", "separator", "invisible", "traditional",
    "pinyin_one", "homophone", "split", "pinyin_all",
]  # fmt: skip
CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨"
PARENS = ["(0)", "⑴", "⑵", "⑶", "⑷", "⑸", "⑹", "⑺", "⑻", "⑼"]
SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹"
CHINESE = "零一二三四五六七八九"
CAPITAL = "零壹贰叁肆伍陆柒捌玖"
SLANG = {"0": "洞", "1": "幺", "2": "两", "7": "拐", "9": "勾"}


class Builder:
    def __init__(self, seed: int = 16):
        self.rng = random.Random(seed)
        self.records: list[dict] = []
        self.targets: set[str] = set()  # the listed-thing terms the set is about
        self._homophones = _homophone_table()
        import opencc

        self._s2t = opencc.OpenCC("s2t")

    # -- evasions -----------------------------------------------------------------
    def evade(self, term: str, how: str) -> str:
        r = self.rng
        han = [i for i, c in enumerate(term) if "\u4e00" <= c <= "\u9fff"]
        if how == "spaces":
            return " ".join(term)
        if how == "separator":
            return r.choice(SEPARATORS).join(term)
        if how == "invisible":
            return r.choice(["\u200b", "\u200d", "\u2060", "\ufe0f"]).join(term)
        if how == "traditional":
            return self._s2t.convert(term)
        if how == "pinyin_one" and han:
            i = r.choice(han)
            return term[:i] + lazy_pinyin(term[i])[0] + term[i + 1 :]
        if how == "pinyin_all" and han:
            return "".join(lazy_pinyin(term))
        if how == "homophone":
            options = [i for i in han if self._homophones.get(term[i])]
            if options:
                i = r.choice(options)
                return term[:i] + r.choice(self._homophones[term[i]]) + term[i + 1 :]
        if how == "split":
            options = [i for i in han if term[i] in SPLITS]
            if options:
                i = r.choice(options)
                return term[:i] + SPLITS[term[i]] + term[i + 1 :]
        if how == "emoji":
            options = [i for i in han if term[i] in EMOJI]
            if options:
                i = r.choice(options)
                return term[:i] + EMOJI[term[i]] + term[i + 1 :]
        if how == "cyrillic":
            return term.translate(CYRILLIC)
        if how == "fullwidth":
            return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in term)
        return term

    def evasion(self, kinds=None) -> str:
        return self.rng.choice(kinds or EVASIONS)

    def digits(self, number: str, style: str) -> str:
        out = []
        for i, d in enumerate(number):
            n = int(d)
            pick = style if style != "mixed" else self.rng.choice(DIGIT_STYLES_MIXED)
            if pick == "circled":
                out.append(CIRCLED[n])
            elif pick == "parenthesised":
                out.append(PARENS[n])
            elif pick == "fullwidth":
                out.append(chr(ord(d) + 0xFEE0))
            elif pick == "superscript":
                out.append(SUPER[n])
            elif pick == "keycap":
                out.append(d + "\ufe0f\u20e3")
            elif pick == "chinese":
                out.append(CHINESE[n])
            elif pick == "capital":
                out.append(CAPITAL[n])
            elif pick == "slang":
                out.append(SLANG.get(d, CHINESE[n]))
            elif pick == "spaced":
                out.append(d + (" " if i < len(number) - 1 else ""))
            elif pick == "dashed":
                out.append(d + ("-" if i % 4 == 2 and i < len(number) - 1 else ""))
            else:
                out.append(d)
        return "".join(out)

    # -- records ------------------------------------------------------------------
    def add(self, account: dict, expect, note: str, target: str = "") -> None:
        account = {k: v for k, v in account.items() if v not in ("", None)}
        account["id"] = f"G{len(self.records) + 1:04d}"
        account = {"id": account.pop("id"), **account}
        self.records.append({"account": account, "expect": sorted(set(expect)), "note": note})
        if target:
            self.targets.add(target)

    def nick(self) -> str:
        return self.rng.choice(P.NICKS)

    def filler(self) -> str:
        return self.rng.choice(P.FILLER_BIO)

    def strict(self, *plain: str) -> list[str]:
        """2022/10: account information holding one of the five words needs strict checks."""
        return ["strict_verification"] if any(w in t for t in plain for w in STRICT) else []


DIGIT_STYLES_MIXED = ["plain", "circled", "fullwidth", "chinese", "slang", "keycap"]


def _homophone_table() -> dict[str, list[str]]:
    """Common characters by toneless pinyin (jieba's single-character entries)."""
    import jieba

    chars = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            w, freq = line.split(" ")[:2]
            if len(w) == 1 and "\u4e00" <= w <= "\u9fff" and int(freq) > 3000:
                chars.append(w)
    by_sound: dict[str, list[str]] = {}
    for c in chars:
        by_sound.setdefault(lazy_pinyin(c)[0], []).append(c)
    return {c: [o for o in by_sound[lazy_pinyin(c)[0]] if o != c] for c in chars}


def generate() -> Builder:
    """Every record of the set, built afresh (same seed, same records)."""
    from build_labelled_kinds import build_all

    b = Builder()
    build_all(b)
    return b


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> None:
    b = generate()
    OUT.write_text(render(b.records), encoding="utf-8")
    clean = sum(1 for r in b.records if not r["expect"])
    print(f"{OUT.name}: {len(b.records)} accounts, {clean} clean")
    listed = _listed_terms()
    if listed is not None:
        hit = sum(1 for t in b.targets if t.lower() in listed)
        print(f"target terms: {len(b.targets)}, listed verbatim in the lexicons: {hit}")


def _listed_terms() -> set[str] | None:
    """Every term of the shipped lexicon files, read as plain text (only for the report)."""
    folder = Path(__file__).resolve().parents[1] / "workbench" / "resources" / "lexicons"
    terms: set[str] = set()
    for path in folder.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                terms.update(t.strip().lower() for t in line.split("\t")[0].split("|"))
    return terms


if __name__ == "__main__":
    main()
