"""Is a name the verified organisation's own?  (Precision, issue 16, item 3.)

A body's name in an account is no impersonation, and an organisation account's name
no mismatch (2022/8(2)), when the name is the verified organisation's by one of:

- **the same words**: the registered name holds the name or the name its core (the
  registered name without place prefixes and company endings), they are alike
  (rapidfuzz partial ratio of 80 or more), or they share a
  distinctive word of two characters or more that is no place name and no generic
  company word (携程旅行 by 上海携程商务有限公司, 高德地图 by 高德软件有限公司);
- **an abbreviation**: the characters of one are those of the other in order
  (中国石化 for 中国石油化工股份有限公司, 国网 for 国家电网, 广州中院 for 广州市中级人民法院);
- **a public body's own short form**: same place, and the name's rest is how a body
  of the registered kind names itself (深圳警方 by 深圳市公安局, 温州头条 by 温州日报社,
  湖南卫视 by 湖南广播电视台): ``resources/precision/body_short_forms.txt``;
- **the brand's operator**: a lexicon entry's ``operator=`` attribute names the
  companies that run the brand (抖音 ``operator=字节跳动,微播视界``).
"""

from __future__ import annotations

from functools import cache

from rapidfuzz import fuzz

from workbench.resources import resource
from workbench.rules.lexicons import Entry, Lexicons, parse_line
from workbench.rules.normalise import fold

ORG_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "总公司", "分公司", "集团", "公司")
NAME_DECORATIONS = ("官方旗舰店", "旗舰店", "官方账号", "官方号", "官方", "官微", "账号", "客服")
# Words many companies' names hold: sharing one says nothing about being the same body.
GENERIC_WORDS = frozenset(
    {
        "中国", "中华", "国际", "科技", "网络", "信息", "技术", "商务", "文化", "传媒", "电子",
        "数码", "软件", "服务", "管理", "发展", "实业", "贸易", "控股", "股份", "有限", "责任",
        "公司", "集团", "人民", "政府", "委员", "委员会", "办公", "办公室", "中心", "新闻",
        "电视", "广播", "日报", "报社", "网络科技", "信息技术", "市场", "经营", "投资",
    }
)  # fmt: skip
MATCH_RATIO = 80  # rapidfuzz partial ratio of the core and the bare name
PLACE_ENDINGS = ("省", "市", "区", "县", "自治区", "自治州", "特别行政区")


@cache
def short_forms() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(markers of a kind of public body, the short forms it names itself by)."""
    out = []
    text = resource("precision/body_short_forms.txt").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        entry = parse_line(line, f"body_short_forms.txt:{number}")
        if entry is not None:
            forms = tuple(f for f in entry.attrs.get("forms", "").split(",") if f)
            out.append((entry.terms, forms))
    return tuple(out)


class OrgNames:
    """Decides whether names belong to a verified organisation (all text folded)."""

    def __init__(self, lexicons: Lexicons):
        places = {t for t in (fold(x).text for x in lexicons.terms("places")) if len(t) >= 2}
        self._place_set = frozenset(places)
        self._places_by_first: dict[str, list[str]] = {}  # longest first
        for p in sorted(places, key=len, reverse=True):
            self._places_by_first.setdefault(p[0], []).append(p)
        self._memo: dict[tuple, bool] = {}

    def owns(self, verified: str, names, entry: Entry | None = None) -> bool:
        """``verified`` (a registered organisation's name) is the body one of ``names``
        (a name as written, or a lexicon entry's terms) names."""
        if not verified:
            return False
        key = (verified, tuple(names), id(entry))
        known = self._memo.get(key)
        if known is None:
            if len(self._memo) > 100_000:
                self._memo.clear()
            known = self._memo[key] = self._owns(verified, names, entry)
        return known

    def _owns(self, verified: str, names, entry: Entry | None) -> bool:
        if entry is not None:
            for operator in entry.attrs.get("operator", "").split(","):
                if operator and fold(operator).text in verified:
                    return True
        core = self.core(verified)
        for name in names:
            bare = self.bare(name)
            if not bare:
                continue
            if bare in verified or len(bare) >= 3 and _in_order(bare, verified):
                return True
            distinctive = len(core) >= 2 and core not in GENERIC_WORDS
            if distinctive and (core in name or fuzz.partial_ratio(core, bare) >= MATCH_RATIO):
                return True
            if distinctive and _in_order(core, bare):
                return True
            if self._shares_a_word(core, bare) or self._own_short_form(verified, name):
                return True
        return False

    def core(self, verified: str) -> str:
        """The registered name without its company ending and place prefixes."""
        core = verified
        for suffix in ORG_SUFFIXES:
            if core.endswith(suffix) and len(core) > len(suffix) + 1:
                core = core[: -len(suffix)]
                break
        for _ in range(3):
            place = self.place_prefix(core)
            if place is None or len(core) <= len(place) + 1:
                break
            core = core[len(place) :]
        return core

    @staticmethod
    def bare(name: str) -> str:
        for deco in NAME_DECORATIONS:
            name = name.replace(deco, "")
        return name

    def place_prefix(self, text: str) -> str | None:
        """The longest place name ``text`` starts with, with its 省/市/县 ending if written."""
        for p in self._places_by_first.get(text[:1], ()):
            if text.startswith(p):
                for ending in PLACE_ENDINGS:
                    if text.startswith(ending, len(p)):
                        return p + ending
                return p
        return None

    def _shares_a_word(self, core: str, bare: str) -> bool:
        """A common run of two characters or more, not a place and not a generic word
        (the runs of the registered core looked for in the name: the core is short)."""
        for size in range(min(len(core), len(bare), 6), 1, -1):
            for i in range(len(core) - size + 1):
                piece = core[i : i + size]
                if piece in bare and piece not in GENERIC_WORDS and piece not in self._place_set:
                    return True
        return False

    def _own_short_form(self, verified: str, name: str) -> bool:
        place = self.place_prefix(name)
        if place is None:
            return False
        bare_place = place.rstrip("".join(PLACE_ENDINGS))
        if not verified.startswith(bare_place):
            return False
        rest = self.bare(name[len(place) :])
        for markers, forms in short_forms():
            if any(m in verified for m in markers) and rest.startswith(forms):
                return True
        return False


def _in_order(short: str, long: str) -> bool:
    """The characters of ``short`` (two or more) appear in ``long`` in order."""
    if len(short) < 2 or len(short) >= len(long):
        return False
    it = iter(long)
    return all(c in it for c in short)
