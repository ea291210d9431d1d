"""Hostile text: the linear algorithms give what the quadratic ones gave, hits are capped
per rule and field with a count, and overlong account information is refused.

Each fixed function is checked against a direct (quadratic) statement of what it
answers, on texts that repeat terms, mix fields and nest matches.  Speed is measured
by ``benchmarks/hostile_text.py``, not here.
"""

from __future__ import annotations

import random
import re

import pytest

from workbench.models.account import ACCOUNT_INFO_LIMITS, info_length_problem
from workbench.rules.contact import EMAIL, URL, ContactFind, _outermost
from workbench.rules.engine import AccountInput, AccountInputError, Screener, _dedupe
from workbench.rules.hits import MAX_HITS_PER_RULE
from workbench.rules.matcher import _Cover
from workbench.rules.namefold import PREFIXES, SUFFIXES, _strip_affixes
from workbench.rules.normalise import contact_view, fold, segment_pinyin, split_view
from workbench.rules.tables import tables
from workbench.rules.text_rules import SUFFIX_GAP, MatchIndex

PIECES = [
    "美国", "国防部", "外交部", "官方", "新华社", "新闻", "人民日报", "北京市", "公安局", "大使馆",
    "法国", "驻华", "不是", "最好", "第一", "我爱", "电影", " ", "，", "\u200b", "wai", "jiao",
    "bu", "弓长", "中国", "中央空调", "记者", "律师", "赌博", "微信", "abc12345", "a@b.com",
    "www.x.com", "138-0013-8000", "adot", "com",
]  # fmt: skip


@pytest.fixture(scope="module")
def screener():
    return Screener()


def hostile_texts(n: int = 60, seed: int = 4) -> list[str]:
    """Texts of repeated and interleaved lexicon terms, separators and contacts."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        unit = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 4)))
        out.append(unit * rng.randint(2, 12))
    return out


# -- the match index against the comparisons it replaced ------------------------------


def _brute_state_before(matches, m, w_start):
    return any(
        o.end <= m.start <= o.end + 1
        and o.start >= w_start
        and any(r[0] == "states" for r in o.refs)
        for o in matches
    )


def _brute_inside_news(matches, m):
    return any(
        o.start <= m.start
        and m.end <= o.end
        and o is not m
        and any(r[0] == "news_media" for r in o.refs)
        for o in matches
    )


def _brute_suffixes(matches, lo, hi):
    return [
        o for o in matches if lo <= o.start <= hi and any(r[0] == "org_suffixes" for r in o.refs)
    ]


def test_the_match_index_answers_as_every_pair_compared(screener):
    """2022/8(2)-(4): state before organ (美国国防部), news word inside a medium's name,
    organ ending after a place: the same answers as comparing every match with every other."""
    seen = {"state before": 0, "inside a medium": 0, "ending after": 0}
    for text in hostile_texts(80):
        word = fold(text).text
        matches = screener.matcher.find(word)
        index = MatchIndex(matches)
        for m in matches:
            for w_start in (0, max(0, m.start - 3)):
                expected = _brute_state_before(matches, m, w_start)
                assert index.state_before(m, w_start) == expected
                seen["state before"] += expected
            expected = _brute_inside_news(matches, m)
            assert index.inside_news_medium(m) == expected
            seen["inside a medium"] += expected
            lo, hi = m.end, m.end + SUFFIX_GAP
            expected = _brute_suffixes(matches, lo, hi)
            assert index.suffixes_between(lo, hi) == expected
            seen["ending after"] += bool(expected)
    assert all(n >= 10 for n in seen.values()), seen


def _brute_dedupe(hits):
    hits = sorted(hits, key=lambda h: (h.field, h.category, h.start, -(h.end - h.start)))
    out, seen = [], set()
    for h in hits:
        key = (h.category, h.rule, h.field, h.start, h.end)
        if key in seen:
            continue
        if any(
            o.category == h.category
            and o.field == h.field
            and o.start <= h.start
            and h.end <= o.end
            and o.end > o.start
            for o in out
        ):
            continue
        seen.add(key)
        out.append(h)
    return out


def test_deduplication_keeps_what_the_pairwise_version_kept(screener):
    """Identical and covered hits collapse as before, on hits of every text rule."""
    rng = random.Random(9)
    for text in hostile_texts(40, seed=9):
        account = AccountInput(name=text[:40], bio=text, certification=text[::-1][:30])
        hits = screener.screen(account).hits
        shuffled = hits + rng.sample(hits, len(hits))  # repeats, in another order
        assert _dedupe(shuffled) == _brute_dedupe(shuffled)


# -- normalisation, matching and contact details ----------------------------------------


def _brute_cover(spans, s, e):
    return any(a <= s and e <= b for a, b in spans)


def test_allowlisted_spans_cover_as_a_scan_would():
    rng = random.Random(2)
    for _ in range(300):
        spans = [(a, a + rng.randint(1, 6)) for a in (rng.randint(0, 40) for _ in range(8))]
        cover = _Cover(spans)
        for s in range(45):
            for e in range(s + 1, s + 8):
                assert cover.covers(s, e) == _brute_cover(spans, s, e)


def _brute_outermost(finds):
    finds = sorted(finds, key=lambda f: (f.start, -f.end))
    out = []
    for f in finds:
        if not any(o.start <= f.start and f.end <= o.end for o in out):
            out.append(f)
    return out


def test_outermost_contact_finds_as_a_scan_would():
    """2022/8(6): a phone number inside a WeChat ID is one find, not two."""
    rng = random.Random(3)
    for _ in range(300):
        finds = [
            ContactFind("phone", a, a + rng.randint(1, 12), "x")
            for a in (rng.randint(0, 50) for _ in range(10))
        ]
        assert _outermost(list(finds)) == _brute_outermost(finds)


def _brute_segment(run, syllables, excluded):
    n = len(run)
    best = [None] * (n + 1)
    best[n] = ()
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + 6), i, -1):
            piece, rest = run[i:j], best[j]
            if rest is None or piece not in syllables or piece in excluded:
                continue
            if best[i] is None or len(rest) + 1 < len(best[i]):
                best[i] = (piece, *rest)
    return best[0]


@pytest.mark.parametrize(
    "run", ["weixin", "zhongguo", "waijiaobu", "hello", "xianggang", "aaaaaaa", "xq", "ng", ""]
)
def test_pinyin_runs_split_as_before(run):
    from workbench.rules.normalise import EXCLUDED_SYLLABLES

    assert segment_pinyin(run) == _brute_segment(run, tables().syllables, EXCLUDED_SYLLABLES)
    long_run = run * 40  # past the memo: the linear path
    assert segment_pinyin(long_run) == _brute_segment(
        long_run, tables().syllables, EXCLUDED_SYLLABLES
    )


def test_split_characters_map_back_to_their_pair():
    view = split_view("弓长三和口天四" * 50 + "弓长")
    assert view is not None and view.text == "张三和吴四" * 50 + "张"
    for vi, ws, we in view.pieces:
        assert view.to_word(vi, vi + 1) == (ws, we)


def _brute_strip(text):
    number_hao = re.compile(r"[零〇一二三四五六七八九十百两壹贰叁肆伍陆柒捌玖拾]+号$")
    changed = True
    while changed:
        changed = False
        m = number_hao.search(text)
        if m and m.start() >= 2:
            text, changed = text[: m.start()], True
        for suffix in SUFFIXES:
            if text.endswith(suffix) and len(text) - len(suffix) >= 2:
                text, changed = text[: -len(suffix)], True
                break
        for prefix in PREFIXES:
            if text.startswith(prefix) and len(text) - len(prefix) >= 2:
                text, changed = text[len(prefix) :], True
                break
    return text


@pytest.mark.parametrize(
    "name",
    [
        "张三二号", "官方张三官方旗舰店", "号号号号号", "二号二号二号", "张三二二二号", "一号",
        "官方官方官方", "小王工作室账号", "李四2号", "officialzhangsanofficial", "张号",
        "官方" * 30 + "张三" + "号" * 30,
    ],
)  # fmt: skip
def test_closed_name_affixes_strip_as_before(name):
    """2022/10: the closed-account key strips 官方, 旗舰店, 二号 ... as before."""
    assert _strip_affixes(name) == _brute_strip(name)


@pytest.mark.parametrize(
    ("text", "url", "email"),
    [
        ("baidudotcom", "baidudotcom", None),
        ("wwwdotbaidudotcom", "wwwdotbaidudotcom", None),
        ("加 example 点 com", "example 点 com", None),
        ("adot com", "adot com", None),
        ("mysite.com/a?b=1", "mysite.com/a?b=1", None),
        ("anecdote.com", "anecdote.com", None),
        ("www dot baidu", "www dot baidu", None),
        ("联系 abc(at)qq dot com", "qq dot com", "abc(at)qq dot com"),
        ("x@qq.com", None, "x@qq.com"),
        ("adot" * 50, None, None),
    ],
)
def test_urls_and_emails_with_spelled_out_dots(text, url, email):
    """2022/8(6): a dot written as 点 or dot still makes a URL; a run of 'dot' makes none."""
    view = contact_view(text).text
    assert next((m.group() for m in URL.finditer(view)), None) == url
    assert next((m.group() for m in EMAIL.finditer(view)), None) == email


# -- what a hostile field gives --------------------------------------------------------


def test_a_repeated_term_lists_the_first_hits_and_counts_the_rest(screener):
    """2022/8(2), 2022/8(7): 30 times 外交部官方 in a name is listed 20 times per rule,
    the last listed hit saying how many more there are."""
    name = "外交部官方" * 30
    hits = screener.screen(AccountInput(name=name)).hits
    by_rule: dict[str, list] = {}
    for h in hits:
        by_rule.setdefault(h.rule, []).append(h)
        assert name[h.start : h.end] == h.matched
    organ = by_rule["organs_name"]
    assert len(organ) == MAX_HITS_PER_RULE
    assert [h.start for h in organ] == [5 * i for i in range(MAX_HITS_PER_RULE)]
    assert organ[-1].details["omitted"] == 30 - MAX_HITS_PER_RULE
    assert "另有 10 处" in organ[-1].explanation and "10 more" in organ[-1].explanation
    assert all("omitted" not in h.details for h in organ[:-1])
    assert all(len(v) <= MAX_HITS_PER_RULE for v in by_rule.values())


def test_a_few_repeats_are_all_listed(screener):
    hits = screener.screen(AccountInput(name="外交部官方" * 3)).hits
    organ = [h for h in hits if h.rule == "organs_name"]
    assert len(organ) == 3 and all("omitted" not in h.details for h in hits)


@pytest.mark.parametrize("field", ["name", "bio", "signature", "certification", "extra"])
def test_hostile_fields_keep_spans_in_the_original_text(screener, field):
    """Through invisible characters, full-width forms and repeats, each hit's span is
    its matched text in the field as written."""
    text = "外\u200b交\u200b部\u200b官方，ＶＸ：abc12345 " * 40 + "美国国防部" * 40
    account = (
        AccountInput(extra={"operator_name": text})
        if field == "extra"
        else AccountInput(**{field: text})
    )
    hits = screener.screen(account).hits
    assert hits
    for h in hits:
        assert text[h.start : h.end] == h.matched


# -- limits ----------------------------------------------------------------------------


def test_account_information_limits_are_the_platforms():
    assert ACCOUNT_INFO_LIMITS == {"name": 64, "bio": 500, "signature": 200, "certification": 200}
    assert info_length_problem("bio", "x" * 500) is None
    zh, en = info_length_problem("bio", "x" * 100_000)
    assert "简介（bio）" in zh and "100,000" in zh and "500" in zh
    assert "bio is 100,000 characters long" in en and "limit of 500" in en


@pytest.mark.parametrize("field", sorted(ACCOUNT_INFO_LIMITS))
def test_workbench_screen_refuses_overlong_account_information(field):
    limit = ACCOUNT_INFO_LIMITS[field]
    assert getattr(AccountInput.from_json({field: "中" * limit}), field) == "中" * limit
    with pytest.raises(AccountInputError) as refused:
        AccountInput.from_json({"id": 1, field: "中" * (limit + 1)})
    message = str(refused.value)
    assert field in message and str(limit) in message and f"{limit + 1:,}" in message
