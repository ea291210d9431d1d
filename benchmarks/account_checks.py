"""Bulk account checks over stock accounts: facts loading, checking, filing.

Run:  .venv/bin/python benchmarks/account_checks.py [--accounts 5000] [--days 90]
          [--database URL] [--seed 3]

Fills a fresh database (a temporary SQLite file unless ``--database`` names an
empty, migrated one) with synthetic accounts, their subjects, ``--days`` of
daily follower snapshots each and some transfers, with about 5% of the
accounts triggering one check.  Then prints:

* the pure check rate (AccountFacts -> hits, no database), accounts per second;
* the first bulk run (facts loading, checking, storing hits, opening cases);
* the second run over the same data (nothing new to file);

and first, per category, the checks' precision and recall on ``--labelled``
synthetic labelled screen lines of every kind the checks judge (content
category against every category, a regulated word in another sense,
placeholder and missing disclosures, verification with no number, one person
under two subject ids, traffic, transfers ...).  :func:`evaluate_account_checks`
takes any labelled set in the text rules' format, for ``labelled_set.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from workbench.cases.bulk_checks import load_account_facts, run_account_checks  # noqa: E402
from workbench.db import make_engine, session_scope  # noqa: E402
from workbench.models import Account, AccountTransfer, FollowerSnapshot, Subject  # noqa: E402
from workbench.rules.account_checks import (  # noqa: E402
    ACCOUNT_CHECK_CATEGORIES,
    account_check_hits,
)
from workbench.rules.account_facts import facts_from_screen, subject_groups  # noqa: E402
from workbench.rules.account_policy import default_policy  # noqa: E402
from workbench.rules.evaluation import Evaluation, Tally, report  # noqa: E402
from workbench.rules.idcodes import generate_id_number  # noqa: E402
from workbench.schema import upgrade  # noqa: E402

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def fill(engine, accounts: int, days: int, rng: random.Random) -> None:
    subjects = [
        {
            "id": i + 1,
            "kind": "individual",
            "verified_name": f"主体{i}",
            "id_number": generate_id_number(rng),
        }
        for i in range(accounts // 2 + 1)
    ]
    rows, snaps, transfers = [], [], []
    start = NOW.date() - timedelta(days=days)
    for i in range(accounts):
        odd = rng.random() < 0.05
        rows.append(
            {
                "id": i + 1,
                "platform_id": f"bench{i}",
                "kind": "public" if i % 3 == 0 else "individual",
                "subject_id": i // 2 + 1,
                "name": "每日财经观察" if odd and i % 3 == 0 else f"生活日记{i}",
                "bio": "分享生活",
                "verification_method": "none" if odd and i % 3 == 1 else "mobile",
                "verification_status": "unverified" if odd and i % 3 == 1 else "verified",
                "publishes": True,
                "ip_location": "北京",
                "operator_name": "张三",
                "registered_address": "北京市",
                "content_category": "美食",
                "contact": "a@example.com",
                "org_business_scope": "",
                "restrictions": [],
                "registered_at": NOW - timedelta(days=700),
                "last_active_at": NOW - timedelta(days=rng.randint(1, 100)),
                "updated_at": NOW,
            }
        )
        count = rng.randint(100, 100_000)
        for d in range(days):
            count += rng.randint(0, max(1, count // 200))
            if odd and i % 3 == 2 and d == days - 5:
                count += 40_000
            snaps.append(
                {"account_id": i + 1, "day": start + timedelta(days=d), "follower_count": count}
            )
        if i % 3 == 0 and rng.random() < 0.1:
            transfers.append(
                {
                    "account_id": i + 1,
                    "from_operator": "张三",
                    "to_operator": "另一人",
                    "approved": rng.random() < 0.7,
                    "changed_at": NOW - timedelta(days=9),
                }
            )
    with session_scope(engine) as s:
        s.execute(insert(Subject), subjects)
        s.execute(insert(Account), rows)
        for k in range(0, len(snaps), 20_000):
            s.execute(insert(FollowerSnapshot), snaps[k : k + 20_000])
        if transfers:
            s.execute(insert(AccountTransfer), transfers)


# -- per-category figures on labelled accounts ------------------------------------------

ACCOUNT_CATEGORIES = frozenset(c.value for c in ACCOUNT_CHECK_CATEGORIES)
VALID_ID, VALID_CREDIT = "11010519491231002X", "91350100M000100Y43"
TOPIC_ACCOUNTS = {  # registered category -> (name, bio) plainly about it
    "汽车": [("老王说车", "新车试驾、用车保养"), ("车友会小刘", "二手车怎么挑，提车作业")],
    "宠物": [("喵星人日记", "两只猫咪的日常"), ("柯基小短腿", "遛狗、狗粮测评，铲屎官看过来")],
    "体育": [("篮球小课", "NBA 赛事解读，球迷聊球"), ("跑者阿明", "马拉松训练，每天跑步十公里")],
    "美食": [("小城美食日记", "分享家常菜做法"), ("深夜食堂", "探店吃货，火锅烧烤甜品")],
    "旅游": [("周末去哪儿", "景点攻略、民宿推荐"), ("背包客", "穷游打卡，徒步露营")],
    "游戏": [("峡谷上分王", "手游开黑，王者荣耀上分"), ("电竞小白", "主机游戏通关实况")],
    "音乐": [("小李吉他弹唱", "翻唱新歌，吉他教学"), ("乐队日记", "编曲作曲，演唱会返图")],
    "育儿": [("宝妈小记", "宝宝辅食和带娃经验"), ("萌娃成长记", "亲子游戏与早教")],
    "美妆": [("口红试色", "彩妆护肤分享"), ("化妆小技巧", "眼影粉底妆容教程")],
    "数码": [("一起开箱", "手机电脑测评"), ("极客笔记", "显卡芯片评测")],
}
REGULATED_CLAIMS = [  # (name, bio) claiming a regulated field outside an ordinary category
    ("每日财经观察", "股市收评"),
    ("小城美食日记", "执业律师在线解答"),
    ("营养师老王", "教你吃出健康：降血糖食谱"),
    ("考研上岸指南", "考研辅导，包过"),
]
OTHER_SENSE = [  # a regulated word in another sense, under the category it belongs to
    ("法律英语小课堂", "每天十个法律英语词汇", "教育"),
    ("追剧小分队", "医疗剧《仁心》剧评", "影视"),
    ("剧评君", "《医生》《律师》两部新剧的观后感", "影视"),
]
PLACEHOLDER_CONTACTS = ["暂无", "无", "待定", "123456", "000", "—"]


def _public(rng: random.Random, ref: str, **extra) -> dict:
    category = rng.choice(sorted(TOPIC_ACCOUNTS))
    name, bio = rng.choice(TOPIC_ACCOUNTS[category])
    line = {
        "id": ref,
        "kind": "public",
        "name": name,
        "bio": bio,
        "verification": "mobile",
        "operator": rng.choice(["张三", "某某传媒有限公司", "李四"]),
        "registered_address": "杭州市西湖区文三路 1 号",
        "content_category": category,
        "contact": rng.choice(["service@example.com", "13800138000", "0571-88886666"]),
        "ip_location": "浙江",
        "last_active_at": (NOW - timedelta(days=rng.randint(1, 150))).isoformat(),
    }
    line.update(extra)
    return line


def labelled_accounts(count: int = 600, seed: int = 5) -> list[dict]:
    """Labelled screen lines ``{"account", "expect", "note"}`` of every kind the account
    checks judge, with near misses, in the labelled set's format (expect: categories)."""
    rng = random.Random(seed)
    out: list[dict] = []

    def add(line: dict, expect: tuple[str, ...], note: str) -> None:
        out.append({"account": line, "expect": list(expect), "note": note})

    kinds = [
        "clean", "clean_partial", "mismatch", "regulated", "other_sense", "placeholder",
        "missing", "no_number", "number_present", "unverified", "idle", "spike", "steady",
        "transfer", "approved", "invalid_id", "cap_same_number", "two_subjects",
    ]  # fmt: skip
    for i in range(count):
        kind, ref = kinds[i % len(kinds)], f"L{i}"
        if kind == "clean":
            add(_public(rng, ref), (), kind)
        elif kind == "clean_partial":  # a public line without the disclosure fields
            add({"id": ref, "kind": "public", "name": "小城美食日记"}, (), kind)
        elif kind == "mismatch":
            registered = rng.choice(sorted(TOPIC_ACCOUNTS))
            other = rng.choice(sorted(set(TOPIC_ACCOUNTS) - {registered}))
            name, bio = rng.choice(TOPIC_ACCOUNTS[other])
            line = _public(rng, ref, name=name, bio=bio, content_category=registered)
            add(line, ("content_category_mismatch",), f"{other} under {registered}")
        elif kind == "regulated":
            name, bio = rng.choice(REGULATED_CLAIMS)
            add(_public(rng, ref, name=name, bio=bio), ("content_category_mismatch",), kind)
        elif kind == "other_sense":
            name, bio, category = rng.choice(OTHER_SENSE)
            add(_public(rng, ref, name=name, bio=bio, content_category=category), (), kind)
        elif kind == "placeholder":
            line = _public(rng, ref, contact=rng.choice(PLACEHOLDER_CONTACTS))
            add(line, ("public_account_incomplete",), kind)
        elif kind == "missing":
            line = _public(rng, ref, **{rng.choice(["operator", "registered_address"]): ""})
            add(line, ("public_account_incomplete",), kind)
        elif kind == "no_number":
            method = rng.choice(["id_number", "credit_code"])
            add({"id": ref, "verification": method, method: ""}, ("identity_unverified",), kind)
        elif kind == "number_present":
            add({"id": ref, "verification": "id_number", "id_number": VALID_ID}, (), kind)
        elif kind == "unverified":
            add({"id": ref, "verification": "none"}, ("identity_unverified",), kind)
        elif kind == "invalid_id":
            line = {"id": ref, "verification": "id_number", "id_number": VALID_ID[:-1] + "3"}
            add(line, ("identity_unverified",), kind)
        elif kind == "idle":
            line = _public(rng, ref, last_active_at=(NOW - timedelta(days=200)).isoformat())
            add(line, ("inactive_six_months",), kind)
        elif kind in ("spike", "steady"):
            count_, history = 10_000, []
            for d in range(40):
                count_ += rng.randint(100, 140) + (40_000 if kind == "spike" and d == 35 else 0)
                history.append([(NOW.date() - timedelta(days=40 - d)).isoformat(), count_])
            add({"id": ref, "follower_history": history},
                ("traffic_anomaly",) if kind == "spike" else (), kind)  # fmt: skip
        elif kind in ("transfer", "approved"):
            transfer = {"changed_at": "2026-09-01", "from_operator": "甲", "to_operator": "乙",
                        "approved": kind == "approved"}  # fmt: skip
            add(_public(rng, ref, transfers=[transfer]),
                ("unapproved_transfer",) if kind == "transfer" else (), kind)  # fmt: skip
        elif kind == "cap_same_number":  # one person under two subject ids, three accounts
            number = generate_id_number(rng)
            for k, subject in enumerate((f"S{i}a", f"S{i}a", f"S{i}b")):
                line = {"id": f"{ref}-{k}", "subject_id": subject, "id_number": number}
                add(line, ("subject_account_cap",), kind)
        else:  # two different people, two accounts each: under the cap
            for k, subject in enumerate((f"S{i}a", f"S{i}a", f"S{i}b", f"S{i}b")):
                number = generate_id_number(rng) if k % 2 == 0 else out[-1]["account"]["id_number"]
                add({"id": f"{ref}-{k}", "subject_id": subject, "id_number": number}, (), kind)
    return out


def evaluate_account_checks(records: list[dict], policy=None, now: datetime = NOW) -> Evaluation:
    """Per-category precision and recall of the account-level checks on labelled screen
    lines (the labelled set's format); only the account-check categories are counted, so a
    set labelled for the text rules too can be passed whole.  ``labelled_set.py`` can print
    ``report(evaluate_account_checks(records))`` beside the text rules' table."""
    policy = policy or default_policy()
    lines = [r["account"] for r in records]
    groups = subject_groups(lines)
    ev = Evaluation()
    for rec, line in zip(records, lines, strict=True):
        subject = line.get("subject_id")
        facts = facts_from_screen(
            line, subject_accounts=groups.get(str(subject)) if subject else None
        )
        got = {h.category for h in account_check_hits(facts, policy, now=now)}
        expected = set(rec["expect"]) & ACCOUNT_CATEGORIES
        ev.accounts += 1
        ev.clean += not expected
        for category in expected | got:
            tally = ev.per_category.setdefault(category, Tally())
            total = ev.total
            if category in expected and category in got:
                tally.tp, total.tp = tally.tp + 1, total.tp + 1
            elif category in got:
                tally.fp, total.fp = tally.fp + 1, total.fp + 1
                ev.mistakes.append(f"FP {category}: {rec.get('note', '')} {line}")
            else:
                tally.fn, total.fn = tally.fn + 1, total.fn + 1
                ev.mistakes.append(f"FN {category}: {rec.get('note', '')} {line}")
    return ev


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=5000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--database", help="an empty, migrated database (default: temp SQLite)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--labelled", type=int, default=900, help="labelled accounts (0: none)")
    parser.add_argument("--mistakes", action="store_true", help="list every wrong answer")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    if args.labelled:
        ev = evaluate_account_checks(labelled_accounts(args.labelled, args.seed))
        print("account-level checks per category, labelled screen lines:")
        print(report(ev))
        if args.mistakes:
            print("\n".join(ev.mistakes))
        print()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{tmp}/bench.sqlite3"
        engine = make_engine(url)
        upgrade(engine, backup=False)
        t = time.perf_counter()
        fill(engine, args.accounts, args.days, rng)
        print(
            f"filled {args.accounts:,} accounts x {args.days} days in "
            f"{time.perf_counter() - t:.1f} s ({engine.dialect.name})"
        )
        policy = default_policy()
        with session_scope(engine, write=False) as s:
            t = time.perf_counter()
            facts = load_account_facts(s, list(range(1, args.accounts + 1)), policy=policy, now=NOW)
            load_s = time.perf_counter() - t
        t = time.perf_counter()
        hits = sum(len(account_check_hits(f, policy, now=NOW)) for f in facts)
        check_s = time.perf_counter() - t
        print(f"facts loaded in one go: {len(facts) / load_s:,.0f} accounts/s")
        print(f"checks alone: {len(facts) / check_s:,.0f} accounts/s ({hits:,} hits)")
        for label in ("first run", "second run"):
            t = time.perf_counter()
            summary = run_account_checks(engine, policy=policy, now=NOW)
            took = time.perf_counter() - t
            print(
                f"{label}: {summary.accounts_checked:,} accounts in {took:.1f} s "
                f"({summary.accounts_checked / took:,.0f}/s); {summary.hits_found:,} hits, "
                f"{summary.cases_opened:,} cases opened, {summary.already_filed:,} filed before"
            )
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
