"""Closed-account similarity: each evasion is seen and named, innocents pass, the index agrees
with a brute-force scan."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opencc import OpenCC
from rapidfuzz import fuzz, process

from workbench.rules.closed_names import (
    ClosedNameIndex,
    closed_similarity_hits,
    required_score,
)
from workbench.rules.namefold import fold_name

CLOSED = [
    ("美食探店小王", "account 101 closed 2026-03-01"),
    ("国务院新闻中心", "account 102 blacklisted 2026-02-11"),
    ("王者荣耀", "account 103 closed 2026-01-05"),
    ("张三丰", "account 104 closed 2025-12-30"),
    ("popcorn", "account 105 closed 2026-03-02"),
    ("李己", "account 106 closed 2026-03-03"),
    ("用户8812", "account 107 closed 2026-03-04"),
]


@pytest.fixture(scope="module")
def index():
    return ClosedNameIndex.build(CLOSED)


@pytest.mark.parametrize(
    ("name", "closed", "reason"),
    [
        ("國務院新聞中心", "国务院新闻中心", "traditional form"),
        ("美食探店小王官方", "美食探店小王", "suffix/number added"),
        ("美食探店小王2号", "美食探店小王", "suffix/number added"),
        ("美食探店小王 三号", "美食探店小王", "suffix/number added"),
        ("美食探店小王_8888", "美食探店小王", "suffix/number added"),
        ("美食探店小李", "美食探店小王", "one character changed"),
        ("张三风", "张三丰", "same pinyin"),
        ("wangzherongyao", "王者荣耀", "same pinyin"),
        ("李巳", "李己", "look-alike"),
        ("Рорсоrn", "popcorn", "look-alike"),  # Cyrillic letters
        ("ＰＯＰＣＯＲＮ", "popcorn", "same name"),  # full width, upper case
        ("美食\u200b探店\u200d小王", "美食探店小王", "same name"),  # zero-width characters
    ],
)
def test_each_evasion_is_found_and_named(index, name, closed, reason):
    matches = index.query(name)
    assert matches, f"{name} should resemble {closed}"
    best = matches[0]
    assert best.name == closed
    assert reason in best.reason.split(", ")
    assert 0 < best.score <= 100


@pytest.mark.parametrize(
    "name",
    ["李四", "完全无关的名字", "用户1234", "美食", "我爱法国电影", "", "   ", "🙂", "xyz"],
)
def test_unrelated_names_are_not_matched(index, name):
    assert index.query(name) == []


def test_names_folding_alike_report_every_closed_account(index):
    twice = ClosedNameIndex.build([*CLOSED, ("美食探店小王!", "account 201 closed 2026-03-09")])
    labels = {m.label for m in twice.query("美食探店小王")}
    assert labels == {"account 101 closed 2026-03-01", "account 201 closed 2026-03-09"}
    assert len(twice) == len(CLOSED) + 1


def test_best_match_first_and_limit_respected():
    index = ClosedNameIndex.build([(f"数码测评老张{c}", f"a{c}") for c in "甲乙丙丁戊己庚"])
    matches = index.query("数码测评老张甲", limit=3)
    assert len(matches) == 3
    assert matches[0].name == "数码测评老张甲" and matches[0].score == 100
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_a_name_added_after_the_build_is_found_also_after_merging(index):
    grown = ClosedNameIndex.build(CLOSED)
    assert grown.query("深夜电台主播") == []
    assert grown.add("深夜電臺主播", "account 301 closed 2026-03-10")
    assert grown.add("  ", "account 302") is False
    assert grown.query("深夜电台主播")[0].label == "account 301 closed 2026-03-10"
    grown._merge_overlay()
    assert grown.query("深夜电台主播官方")[0].label == "account 301 closed 2026-03-10"
    assert grown.query("张三丰")[0].name == "张三丰"


def test_empty_index_answers_nothing():
    assert ClosedNameIndex.build([]).query("任何名字") == []


def test_hit_names_the_closed_account_and_its_basis(index):
    hits = closed_similarity_hits(index, "國務院新聞中心", "name")
    assert len(hits) == 1
    hit = hits[0]
    assert hit.category == "closed_account_similar" and hit.basis == "2022/10"
    assert (hit.start, hit.end, hit.matched) == (0, 7, "國務院新聞中心")
    assert "国务院新闻中心" in hit.explanation and "account 102" in hit.explanation
    assert hit.details["closed_label"] == "account 102 blacklisted 2026-02-11"
    assert hit.severity == "high" and hit.score == 1.0
    assert closed_similarity_hits(index, "完全无关的名字") == []
    assert closed_similarity_hits(None, "國務院新聞中心") == []


def test_one_hit_per_field_lists_the_other_closed_accounts():
    index = ClosedNameIndex.build([("健身教练阿强", "a1"), ("健身教练阿强", "a2")])
    hits = closed_similarity_hits(index, "健身教練阿強", "signature")
    assert len(hits) == 1 and hits[0].field == "signature"
    assert [o["label"] for o in hits[0].details["others"]] == ["a2"]


def _synthetic(count: int, rnd: random.Random) -> list[str]:
    words = [
        "美食",
        "旅行",
        "摄影",
        "数码",
        "健身",
        "读书",
        "育儿",
        "汽车",
        "财经",
        "游戏",
        "音乐",
        "电影",
        "宠物",
        "穿搭",
        "家居",
    ]
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国文辉力红玉萍波宁志云鹏飞"
    places = ["北京", "上海", "广州", "深圳", "成都", "重庆", "杭州", "武汉", "西安", "南京"]
    ends = ["工作室", "日记", "分享", "频道", "小屋", "笔记", "生活", "君", "哥", "姐"]
    names = set()
    while len(names) < count:
        pick = rnd.random()
        if pick < 0.4:
            names.add(rnd.choice(places) + rnd.choice(words) + rnd.choice(ends))
        elif pick < 0.7:
            names.add("小" + rnd.choice(given) + rnd.choice(words) + rnd.choice(ends))
        else:
            names.add("".join(rnd.choices(given, k=rnd.randint(2, 5))))
    return sorted(names)


def test_index_finds_what_a_brute_force_scan_finds():
    """The candidates are complete: with the shared part not weighed, the index reports
    what scoring every closed name would."""
    rnd = random.Random(11)
    names = _synthetic(6000, rnd)
    index = ClosedNameIndex.build(((n, f"a{i}") for i, n in enumerate(names)), max_shared_keys=None)
    to_traditional = OpenCC("s2t")
    found = expected = 0
    for name in rnd.sample(names, 150):
        chars = list(name)
        chars[rnd.randrange(len(chars))] = rnd.choice("伟芳娜秀英敏静丽强磊")
        for query in ("".join(chars), to_traditional.convert(name) + "官方"):
            key = fold_name(query).key
            scan = process.extract(
                key, index.keys, scorer=fuzz.ratio, score_cutoff=index.min_score, limit=None
            )
            brute = {k for k, s, _ in scan if s >= required_score(index, key, k)}
            mine = {fold_name(m.name).key for m in index.query(query, limit=None)}
            expected += len(brute)
            found += len(brute & mine)
    assert expected > 500
    assert found / expected >= 0.98


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_is_answered_and_hits_span_the_field(index, text):
    for match in index.query(text, limit=None):
        assert 0 < match.score <= 100 and match.reason
    for hit in closed_similarity_hits(index, text, "name"):
        assert 0 <= hit.start <= hit.end == len(text)
    grown = ClosedNameIndex.build(CLOSED)
    if grown.add(text, "new"):
        assert any(m.label == "new" for m in grown.query(text, limit=None))


def test_index_sent_to_a_process_with_another_hash_seed_still_answers(index, tmp_path):
    path = tmp_path / "index.pickle"
    with_overlay = ClosedNameIndex.build(CLOSED)
    with_overlay.add("深夜電臺主播", "account 301")
    path.write_bytes(pickle.dumps(with_overlay))
    script = (
        "import pickle, sys; index = pickle.loads(open(sys.argv[1], 'rb').read()); "
        "print(index.query('國務院新聞中心')[0].label); print(index.query('深夜电台主播')[0].label)"
    )
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.split("\n")[:2] == ["account 102 blacklisted 2026-02-11", "account 301"]


@pytest.fixture(scope="module")
def crowded():
    """6,000 closed names built from everyday words of names, and two distinctive ones."""
    names = _synthetic(6000, random.Random(11))
    names += ["鹬蚌相争茶馆", "饕餮纪元"]
    return ClosedNameIndex.build((n, f"a{i}") for i, n in enumerate(names))


def _reported(index, query):
    assert fold_name(query).key not in set(index.keys), "the query must be a fresh name"
    return [m.name for m in index.query(query, limit=None)]


ENDS = ["工作室", "日记", "分享", "频道", "小屋", "笔记", "生活", "君", "哥", "姐"]


@pytest.mark.parametrize(
    "common", ["北京美食", "小伟旅行", "武汉家居", "西安电影", "小杰健身", "深圳数码"]
)
def test_a_fresh_name_sharing_only_common_words_is_left_alone(crowded, common):
    """2022/10 asks about names closely related to closed ones; words many closed names
    share are no relation (issue 16: a fresh 某某的猫 against a closed 某某的小屋).  The
    fresh name is the common part with an ending closed names use, in a combination no
    closed name has."""
    keys = set(crowded.keys)
    query = next(common + end for end in ENDS if fold_name(common + end).key not in keys)
    today = ClosedNameIndex.build(((k, "") for k in crowded.keys), max_shared_keys=None)
    assert today.query(query), "scored alone, the name resembles some closed name"
    assert _reported(crowded, query) == []


@pytest.mark.parametrize(
    ("query", "closed"),
    [
        ("鹬蚌相斗茶馆", "鹬蚌相争茶馆"),  # a rare core shared, one ordinary character changed
        ("饕餮纪年", "饕餮纪元"),
        ("北京美食笔玘", "北京美食笔记"),  # an evader's stand-in no closed name uses
        ("北京美食玘笔记", "北京美食笔记"),  # ... or inserted
    ],
)
def test_a_rare_shared_core_or_an_evaders_edit_is_reported(crowded, query, closed):
    found = crowded.query(query)
    assert found and found[0].name == closed
    assert found[0].shared_keys is not None and found[0].shared_keys >= 1


def test_the_hit_says_how_few_closed_names_hold_the_shared_part(crowded):
    (hit,) = closed_similarity_hits(crowded, "鹬蚌相斗茶馆")
    assert hit.details["shared_by"] == 1
    assert "相同部分仅见于 1 个已关闭名称" in hit.explanation
    assert "the shared part is in 1 closed name only" in hit.explanation


def test_the_shared_parts_rarity_is_measured_on_the_index_itself():
    """In an index of a few names every shared part is rare: what counts as common is learnt
    from the closed names, not from a list."""
    small = ClosedNameIndex.build([("北京美食笔记", "a1"), ("上海汽车频道", "a2")])
    assert [m.name for m in small.query("北京美食日记")] == ["北京美食笔记"]
