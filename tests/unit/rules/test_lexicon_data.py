"""The shipped lexicon data (issue 16, item 1) and the generated labelled set (item 7).

Every file in workbench/resources/lexicons loads and is named in its README with a source
and a licence; the generated provincial organs and the generated labelled set are what
their scripts make; everyday words, product names and place names do not hit after the
lexicons grew (2022/8: only what the account presents itself as is a violation).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.unit.rules.test_labelled_set import CATEGORIES as ALL_CATEGORIES
from workbench.rules.engine import AccountInput, Screener
from workbench.rules.lexicons import LIST_NAMES, Lexicons, parse_line


def words(text: str) -> list[str]:
    return text.split()


ROOT = Path(__file__).resolve().parents[3]
FOLDER = ROOT / "workbench" / "resources" / "lexicons"
GENERATED = ROOT / "tests" / "data" / "rules_labelled_generated.jsonl"
# The text categories: the first set's, less the two that need a closed-name list or
# a registered organisation the generated accounts do not carry.
CATEGORIES = ALL_CATEGORIES - {"closed_account_similar", "org_mismatch"}


def _module(path: Path, name: str):
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up by name
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


@pytest.fixture(scope="module")
def screener():
    return Screener()


def test_every_file_loads_into_a_known_list():
    lex = Lexicons.load()
    files = sorted(p for p in FOLDER.glob("*.txt"))
    assert files
    for path in files:
        entries = [
            e
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if (e := parse_line(line, f"{path.name}:{i}"))
        ]
        assert entries, path.name
        assert path.name.split(".")[0] in LIST_NAMES, path.name
        assert all(e in lex.get(path.name.split(".")[0]) for e in entries), path.name


def test_every_file_is_named_in_the_readme_with_source_and_licence():
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 6:
            rows[cells[0].strip("`")] = cells
    for path in FOLDER.iterdir():
        if path.name == "README.md" or path.name.startswith("__"):
            continue
        if path.suffix == ".txt":
            assert path.name in rows, f"{path.name} has no row in the lexicons README"
            source, licence = rows[path.name][4], rows[path.name][5]
            assert len(source) > 20 and licence, f"{path.name}: source or licence missing"
        else:
            mention = [ln for ln in readme.splitlines() if f"`{path.name}`" in ln]
            assert mention and "source" in " ".join(mention), path.name


def test_provincial_organs_are_what_their_script_makes():
    script = _module(ROOT / "scripts" / "build_provincial_organs.py", "build_provincial_organs")
    assert (FOLDER / "organs.provincial.txt").read_text(encoding="utf-8") == script.render()


def test_lexicons_reach_platform_bodies():
    """Samples of each kind the issue names are listed (not every one: see the README)."""
    terms = {name: set(Lexicons.load().terms(name)) for name in LIST_NAMES}
    expected = {
        "organs": {"东部战区", "网警", "中央军委", "广东高院", "最高检", "国家移民管理局", "武警"},
        "news_media": {"新闻联播", "焦点访谈", "澎湃", "观察者网", "湖北日报", "湖南卫视"},
        "landmarks": {"人民大会堂", "钓鱼台", "新华门", "玉泉山", "北戴河"},
        "states": {"乌拉圭", "france"},
        "international_organisations": {"world health organization", "embassy of france"},
        "regulated_fields": {"荐股", "带单", "主任医师", "一对一辅导"},
        "prohibited": {"百家乐", "上头电子烟", "仿真枪", "学信网可查", "刷单返利", "跑分平台"},
    }
    for name, sample in expected.items():
        assert sample <= terms[name], (name, sample - terms[name])
    assert len(terms["prohibited"]) >= 700
    assert len(terms["news_media"]) >= 350


# ~200 everyday names, product names, place names and phrases that hold a listed term
# (or its sound) without meaning it; each must stay clean as a name and in a bio.
EVERYDAY = words("""
我爱法国电影 法国面包店 法国香水分享 意大利面做法 泰国菜小馆 日本旅游攻略 韩国烤肉店 西班牙语学习
德国啤酒节 英国文学笔记 俄罗斯套娃手工 澳洲留学生活 加拿大枫糖浆 新西兰牛奶 越南河粉 印度咖喱
北京烤鸭店 兰州拉面馆 新疆大盘鸡 重庆火锅老店 杭州美食探店 我在广州的日子 成都慢生活 上海小笼包
武汉热干面 长沙臭豆腐 西安肉夹馍 青岛啤酒屋 厦门鼓浪屿游记 苏州园林摄影 桂林山水风光 云南旅行日记
哈尔滨冰雪节 三亚海边日记 天津大麻花 东北大米 山东煎饼 陕西凉皮 广西螺蛳粉 湖南米粉
小米手机玩机 华为手机维修 小米粉丝团 京东购物分享 淘宝好物推荐 拼多多购物心得 支付宝用户交流 腾讯粉丝团
美团骑手日常 建设银行房贷经验 工商银行网点排队 移动营业厅排队记 顺丰用户交流 比亚迪车友会 茅台品鉴爱好者
联想维修 网易粉丝团 抖音热门歌曲 百度用户交流 阿里巴巴研究笔记 字节跳动研究笔记
中央空调清洗 中华田园犬日记 发展中国家研究 其他国家的故事 全国包邮小店 中央厨房 中华鲟保护 国家地理爱好者
冰糖雪梨 溜冰场周末 冰壶比赛观后感 蘑菇种植技术 邮票收藏 菠菜种植 白粉病防治 气球派对布置
反洗钱知识科普 办证大厅指南 远离毒品珍爱生命 拒绝赌博 警惕刷单诈骗 识破杀猪盘 防范电信诈骗 禁毒宣传
心潮澎湃的小李 激情澎湃 小米体验店 海军蓝穿搭 钓鱼空军日记 空军一号模型 火箭发射观看攻略
故宫旅游攻略 长城脚下的农家院 焦点访谈观后感 东方卫视节目单 湖南卫视综艺吐槽 新闻联播观后感
第一次下厨 最好的时光 第一天上班 第一名的烦恼 不是最好但最用心 第一印象
法律英语学习 律政剧推荐 医学生的日常 护理专业学习笔记 股票入门读书笔记 理财小白记账 基金定投记录
考研上岸经验 教资备考日记 老师节日礼物 读书会
微信读书笔记 QQ音乐歌单 飞机模型爱好者 企鹅宝宝观察 纸飞机折法 绿泡泡手工皂 身高180体重70
生于1998 iPhone15使用体验 5G套餐对比 365天打卡 2024年的目标 今年24岁 周末去爬山
biochemistry student love life 2024 coffee and books hello world daily walk
平安夜快乐 人民公园晨练 和平路小吃 解放路夜市 胜利大街 国庆节出游 中秋节快乐 春节回家
外卖小哥的一天 程序员的日常 设计师小王 厨师老李 健身教练阿杰 摄影爱好者 跑步爱好者 读书笔记
猫咪咖啡 小小厨房 手工达人 绘画小屋 旅行者小李 吃货日记 慢生活 阳光少年 清风明月 山间小路
海边的风 夏日微风 星空下的梦 云朵朵 一只小熊 咖啡时光 花开半夏 南山有鹿 听雨轩 木子李
宝妈育儿经 老张修车 宠物医院日常 动物医院志愿者 篮球少年 足球小将 钢琴陪练日记 古筝爱好者
家常菜谱 烘焙新手 奶茶店老板 花店日常 书店一角 露营装备分享 钓鱼佬 骑行西藏 自驾川藏线
汉服同袍 手账分享 多肉植物 金毛日记 布偶猫 园艺小白 二手书交换 数码测评 相机镜头分享
""")


def test_about_two_hundred_everyday_words_stay_clean(screener):
    assert len(EVERYDAY) >= 200
    flagged = []
    for word in EVERYDAY:
        for account in (AccountInput(name=word), AccountInput(name="小王", bio=word)):
            hits = screener.screen(account).hits
            if hits:
                flagged.append((word, [(h.category, h.matched) for h in hits]))
    assert not flagged


def test_generated_set_is_what_its_script_makes():
    builder = _module(ROOT / "benchmarks" / "build_labelled_set.py", "build_labelled_set")
    records = builder.generate().records
    assert GENERATED.read_text(encoding="utf-8") == builder.render(records)


def test_generated_set_covers_the_kinds_of_the_issue():
    records = [json.loads(line) for line in GENERATED.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 2000
    assert len({r["account"]["id"] for r in records}) == len(records)
    seen = {c for r in records for c in r["expect"]}
    assert seen == CATEGORIES
    assert sum(1 for r in records if not r["expect"]) >= 500
    notes = " ".join(r["note"] for r in records)
    for kind in ("homophone", "split", "pinyin", "keycap", "circled", "slang", "traditional",
                 "invisible", "contact", "clean verified body", "clean everyday", "clean negated"):  # fmt: skip
        assert kind in notes, kind
    assert any(r["note"].endswith(" split") and r["note"].startswith("contact") for r in records)


def test_generator_is_kept_apart_from_the_lexicons():
    """The pools and templates never come from the lexicons: no module of the generator
    imports the rule engine, and the pools are not read from any file."""
    for name in ("labelled_pools.py", "build_labelled_kinds.py", "build_labelled_set.py"):
        tree = ast.parse((ROOT / "benchmarks" / name).read_text(encoding="utf-8"))
        imported = {
            n.module if isinstance(n, ast.ImportFrom) else a.name
            for n in ast.walk(tree)
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in (n.names if isinstance(n, ast.Import) else [n])
        }
        assert not any(m and m.startswith("workbench") for m in imported), (name, imported)
    pools = (ROOT / "benchmarks" / "labelled_pools.py").read_text(encoding="utf-8")
    assert "open(" not in pools and "read_text" not in pools


# Accounts of the body itself, or of the company that runs a brand: the name is theirs.
VERIFIED_OWN_NAMES = [
    ("中国银行北京分行", "中国银行股份有限公司北京市分行"),
    ("工商银行深圳分行", "中国工商银行股份有限公司深圳市分行"),
    ("建设银行上海分行", "中国建设银行股份有限公司上海市分行"),
    ("中国移动", "中国移动通信集团广东有限公司"),
    ("抖音", "北京微播视界科技有限公司"),
    ("美团外卖", "北京三快在线科技有限公司"),
    ("拼多多", "上海寻梦信息技术有限公司"),
    ("京东", "北京京东世纪贸易有限公司"),
    ("今日头条", "北京字节跳动科技有限公司"),
    ("澎湃新闻", "上海东方报业有限公司"),
    ("东部战区", "中国人民解放军东部战区"),
    ("广州中院", "广州市中级人民法院"),
    ("江苏网警", "江苏省公安厅网络安全保卫总队"),
    ("法国驻华大使馆", "法兰西共和国驻中华人民共和国大使馆"),
]


def test_a_verified_body_or_brand_operator_does_not_impersonate_itself(screener):
    """2022/8(2)-(4) are about presenting as someone else; 2022/10's words are verified by
    the registered name (org_mismatch, 2022/7, is the account checks' own rule)."""
    for name, org in VERIFIED_OWN_NAMES:
        account = AccountInput(name=name, kind="organisation", verified_org_name=org)
        hits = {h.category for h in screener.screen(account).hits}
        assert not hits & {
            "impersonate_organisation",
            "impersonate_news_media",
            "impersonate_state",
            "strict_verification",
        }, (name, hits)


# Brands run by a company of another name, as the shipped lexicons' operator= names it.
OPERATED_BRANDS = [
    ("抖音", "北京微播视界科技有限公司"),
    ("美团外卖", "北京三快在线科技有限公司"),
    ("饿了么", "上海拉扎斯信息科技有限公司"),
    ("小红书", "行吟信息科技（上海）有限公司"),
    ("知乎", "北京智者天下科技有限公司"),
    ("新闻联播", "中央广播电视总台"),
    ("焦点访谈", "中央电视台"),
    ("红星新闻", "成都商报社"),
    ("湖南卫视", "湖南广播电视台"),
    ("看看新闻", "上海广播电视台"),
]


def test_a_brand_run_by_a_differently_named_company_is_that_companys_own(screener):
    """The company that runs a brand (operator=) may name its account after the brand: no
    impersonation (2022/8(2)-(3)) and no organisation name mismatch (2022/7); the same
    name verified to an unrelated company is both."""
    for name, org in OPERATED_BRANDS:
        own = AccountInput(name=name, kind="organisation", verified_org_name=org)
        assert screener.screen(own).hits == [], (name, org)
        other = AccountInput(
            name=name, kind="organisation", verified_org_name="杭州某某贸易有限公司"
        )
        categories = {h.category for h in screener.screen(other).hits}
        assert "org_mismatch" in categories, (name, categories)
        assert categories & {"impersonate_organisation", "impersonate_news_media"}, name


# --- Open lexicons (issue 16, item 1): banned-content slang from open word lists --------------

OPEN_LISTS = {  # file: (licence as the README names it, licence text file)
    "prohibited.houbb.txt": ("Apache-2.0", "houbb-sensitive-word.txt"),
    "prohibited.konsheng.txt": ("MIT", "konsheng-Sensitive-lexicon.txt"),
    "prohibited.houbb2024.txt": ("Apache-2.0", "houbb-sensitive-word.txt"),
    "prohibited.importcjj.txt": ("MIT", "importcjj-sensitive.txt"),
    "prohibited.toolgood.txt": ("Apache-2.0", "toolgood-ToolGood.Words.txt"),
}
PROHIBITED_KINDS = {"gambling", "drugs", "fake_documents", "weapons", "pornography", "fraud", "wildlife"}  # fmt: skip


def test_open_lists_name_their_source_keep_their_licence_and_stay_in_the_rule():
    """Each open list says where it came from, ships its licence text (Apache-2.0 asks for it
    and for a notice of changes), and holds only this rule's kinds, no term under 3 characters."""
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for name, (licence, licence_file) in OPEN_LISTS.items():
        text = (FOLDER / name).read_text(encoding="utf-8")
        header = "\n".join(ln for ln in text.splitlines() if ln.startswith("#"))
        assert "commit " in header and f"Licence: {licence}" in header, name
        assert "scripts/build_open_prohibited.py" in header, name
        row = next(ln for ln in readme.splitlines() if ln.startswith(f"| `{name}`"))
        assert row.rstrip(" |").endswith(licence), name
        legal = (FOLDER / "LICENSES" / licence_file).read_text(encoding="utf-8")
        assert name in legal and ("Apache License" in legal or "MIT License" in legal), licence_file
        entries = Lexicons.from_lines({"p": text.splitlines()}).get("p")
        assert len(entries) >= 10, name
        assert {e.attrs.get("kind") for e in entries} <= PROHIBITED_KINDS, name
        assert all(len(e.name) >= 3 and not e.aliases for e in entries), name


def test_licence_texts_ship_with_the_package():
    import tomllib

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["workbench.resources"]
    shipped = {p for g in globs for p in (ROOT / "workbench" / "resources").glob(g)}
    for _, licence_file in OPEN_LISTS.values():
        assert FOLDER / "LICENSES" / licence_file in shipped, licence_file


# Slang of each kind as sellers write it, read by a term of an open list (not a shipped one).
OPEN_SLANG = {
    "drugs": ["卡西酮", "氟硝西泮", "供应冰古"],
    "weapons": ["54短狗提供qq", "买卖蝴蝶跳刀", "三步倒弩箭专卖"],
    "fake_documents": ["办假警官证", "卖假驾照", "供应留学文凭"],
    "fraud": ["手机卧底软件销售qq", "肾源买卖qq", "车主数据供应"],
    "gambling": ["传授赌技", "白金娱乐城", "娱乐城现金下注"],
    "pornography": ["激情真人陪聊", "美女裸图", "淫荡视频"],
}


def test_open_slang_of_each_kind_is_prohibited_content(screener):
    """2022/8(1),(8): banned content in the account's own information is a hit of its kind."""
    for kind, samples in OPEN_SLANG.items():
        for term in samples:
            hits = screener.screen(AccountInput(name="小王", bio=f"本店{term}，欢迎咨询")).hits
            got = {(h.rule, h.details.get("term")) for h in hits}
            assert (f"prohibited_{kind}", term) in got, (kind, term, got)
            negated = screener.screen(AccountInput(name="小王", bio=f"警惕{term}")).hits
            assert not [h for h in negated if h.details.get("term") == term], term


def test_open_list_filter_leaves_out_what_is_not_this_rules_slang():
    """The script's filters: short, Latin under 5, insults, political, wrong-kind and lesson
    terms are dropped; what is already listed is not repeated; a seller's term stays."""
    script = _module(ROOT / "scripts" / "build_open_prohibited.py", "build_open_prohibited")
    terms = {
        "冰粉": "drugs",  # two characters: an everyday dessert
        "abcd": "pornography",  # Latin under five
        "他妈的逼": "pornography",  # an insult
        "操达赖喇嘛": "pornography",  # holds a political term
        "金粉世家": "drugs",  # a novel: no word of its kind
        "学历认证": "fake_documents",  # a lawful service: no word of trade
        "火药原理": "weapons",  # a history lesson
        "仿真枪": "weapons",  # already listed
        "卖假驾照": "fake_documents",
        "火药的配方": "weapons",
    }
    kept = script.basic_filter(terms, {script.key("仿真枪")}, {script.key("达赖")})
    assert kept == {"卖假驾照": "fake_documents", "火药的配方": "weapons"}
    words = {"教师", "卡西", "答案", "消防"}
    three = {"淫教师": "pornography", "卡西酮": "drugs", "卖答案": "fake_documents", "消防枪": "weapons"}  # fmt: skip
    assert script.char_and_word(three, words) == {"淫教师", "消防枪"}  # 什么教师 reads as 淫教师
    # The political lists mix in sellers' words: those are no political terms.
    assert not script.is_political("出售") and not script.is_political("手枪")
    assert not script.is_political("64")  # 六四, and the 64式 pistol
    assert script.is_political("达赖喇嘛")
    assert script.sorted_kind("qq供应麻古") == "drugs"
    assert script.sorted_kind("激情裸聊") == "pornography"
    assert script.sorted_kind("周末去爬山") is None
    assert script.crime_kind("qq出售手枪") == "weapons"
    assert script.crime_kind("卖警察制服") is None
    assert script.drop_redundant(
        {"出售仿真枪": "weapons", "卖假驾照": "fake_documents"}, {"仿真枪"}
    ) == {"卖假驾照": "fake_documents"}


# Compounds of scripts/prohibited_patterns.py: a trade word joined to a banned item.
PATTERN_SLANG = {
    "drugs": ["丙泊酚代购", "出售唑吡坦"],
    "weapons": ["出售锯短枪", "复合弩现货"],
    "fake_documents": ["虚开餐饮发票", "办假护士证"],
    "fraud": ["租用u盾", "业主信息批发"],
    "gambling": ["推筒子上分", "美高梅开户"],
    "pornography": ["人妻一条龙"],
    "wildlife": ["象牙收购"],
}
# ...and the everyday phrases the patterns leave out on purpose (see the module's docstring).
PATTERN_EVERYDAY = words("""
沐浴炸弹批发 女大学生上门家教 床上四件套出售 暑假驾照班 批发子弹杯 出租车牌照 汽车消音器批发
手机卡出售 象牙白瓷砖出售 虎皮鹦鹉出售 王者上分 麻将上分技巧 开云集团官网 空姐全套制服
""")


def test_pattern_compounds_are_prohibited_and_their_everyday_neighbours_are_not(screener):
    text = (FOLDER / "prohibited.patterns.txt").read_text(encoding="utf-8")
    assert "GENERATED by scripts/build_open_prohibited.py" in text
    listed = {
        e.name: e.attrs["kind"] for e in Lexicons.from_lines({"p": text.splitlines()}).get("p")
    }
    for kind, samples in PATTERN_SLANG.items():
        for term in samples:
            assert listed.get(term) == kind, term
            hits = screener.screen(AccountInput(name="小王", bio=f"本店{term}，欢迎咨询")).hits
            assert f"prohibited_{kind}" in {h.rule for h in hits}, (kind, term)
    for phrase in PATTERN_EVERYDAY:
        for account in (AccountInput(name=phrase), AccountInput(name="小王", bio=phrase)):
            hits = screener.screen(account).hits
            assert not [h for h in hits if h.category == "prohibited_content"], phrase
