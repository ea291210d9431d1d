"""Write prohibited.<source>.txt from open lexicons, filtered to this rule's categories.

Sources (data, used with their source and licence recorded; no code is taken from them),
each read at the commit named in ``SOURCES``:

* houbb/sensitive-word (Apache-2.0): ``src/main/resources/sensitive_word_tags.txt`` at the
  last commit that ships it, whose tags are 0 political, 1 drugs, 2 pornography, 3
  gambling, 4 crime.  Tag 0 terms are excluded everywhere; tag 4 is sorted into this rule's
  kinds by the words below, and what sorts into none (poisons, police uniforms, violence) is
  left out.  Its later, untagged word list ``src/test/resources/dict_v20240407.txt``
  (source ``houbb2024``) is sorted by the same words.
* konsheng/Sensitive-lexicon (MIT): ``Vocabulary/涉枪涉爆.txt`` (guns and explosives),
  ``色情类型.txt`` and ``色情词库.txt`` (pornography); ``补充词库.txt``, ``其他词库.txt`` and
  ``广告类型.txt`` sorted by the words below.  Its political, religious, dissent and
  corruption lists are read only as exclusions (a term in one is dropped); its
  ``零时-Tencent.txt`` and ``网易前端过滤敏感词库.txt`` are not read (lists taken out of
  other companies' software, whose authors never licensed them), nor ``非法网址.txt``.
* fwwdn/sensitive-stop-words (Apache-2.0) was read too and is not: every term of its
  涉枪涉爆 and 色情 lists that survives the filters is in the lists above already.
* importcjj/sensitive (MIT): ``dict/dict.txt``, untagged, sorted by the words below.
* toolgood/ToolGood.Words (Apache-2.0): the word lists its benchmark and tests ship,
  ``csharp/ToolGood.Words.Benchmark/BadWord.txt`` and
  ``csharp/ToolGood.Words.Test/_Illegal/IllegalKeywords.txt``, untagged, sorted likewise.
* ``patterns`` (compiled here): scripts/prohibited_patterns.py, a trade word joined to a
  banned item (出售阿普唑仑, 代开运输发票, 收购对公账户); its items count as words of their
  kind, every other filter is the same.

Filtering, in order: fold like the screened text; drop terms of one or two characters (two
too often make an ordinary word with a neighbour: 加冰, 冰粉, 干爽), pure Latin or digit terms
shorter than 5, terms already in the shipped ``prohibited`` list or an earlier source, insults
and curses, everyday things and lawful services (``ORDINARY``), diagnoses filed as
pornography (``CLINICAL``), terms holding a political term, terms without a word of their kind
(``KIND_WORDS``); drop every term that hits everyday text: a term inside a dictionary word
(jieba's dictionary), a three-character term that is one character and a dictionary word of
``DICT_MIN_FREQ`` and up (read by sound into ordinary text: 什么教师 as 淫教师), and a term
the screener reports on dictionary words as names, on seeded bios of dictionary words and of
the commonest ones, and on the everyday names of tests/unit/rules/test_lexicon_data.py;
finally drop a term that contains another listed term (a text holding it is already
reported, under the shorter term).

Run: .venv/bin/python scripts/build_open_prohibited.py --konsheng DIR --houbb DIR \\
         --importcjj DIR --toolgood DIR
(each the git directory of the repository, as the ``fetch`` tool or ``git clone --bare``
gives).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ahocorasick_rs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.rules.engine import AccountInput, Screener  # noqa: E402
from workbench.rules.lexicons import Lexicons  # noqa: E402
from workbench.rules.normalise import fold  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import prohibited_patterns  # noqa: E402

LEXICONS = ROOT / "workbench" / "resources" / "lexicons"
SORTED = None  # a list whose terms are sorted into kinds by the words of CRIME_WORDS


@dataclass(frozen=True)
class Source:
    """One open word list: where it is, under what licence, which of its files are read
    (path -> kind, or SORTED) and which only as exclusions."""

    repo: str
    commit: str
    licence: str
    licence_file: str
    lists: dict[str, str | None]
    excluded: tuple[str, ...] = ()


HOUBB_TAGS = "src/main/resources/sensitive_word_tags.txt"
HOUBB_KINDS = {"1": "drugs", "2": "pornography", "3": "gambling"}
# In order: a term is written for the first source that has it.
SOURCES = {
    "houbb": Source(
        "houbb/sensitive-word",
        "a4fddc0ee2fa3a47b54ef66f9debb3985565f649",  # the last commit that ships the tags
        "Apache-2.0",
        "houbb-sensitive-word.txt",
        {HOUBB_TAGS: SORTED},  # tags, read by read_houbb_tags
    ),
    "konsheng": Source(
        "konsheng/Sensitive-lexicon",
        "5a8da94c61c160e203a6b2fcfafbea642404d50c",
        "MIT",
        "konsheng-Sensitive-lexicon.txt",
        {
            "Vocabulary/涉枪涉爆.txt": SORTED,  # guns and explosives, with lessons and chemicals
            "Vocabulary/色情类型.txt": "pornography",
            "Vocabulary/色情词库.txt": "pornography",
            "Vocabulary/补充词库.txt": SORTED,
            "Vocabulary/其他词库.txt": SORTED,
            "Vocabulary/广告类型.txt": SORTED,
        },
        excluded=(
            "Vocabulary/政治类型.txt",
            "Organized/政治类型.txt",
            "Vocabulary/反动词库.txt",
            "Vocabulary/新思想启蒙.txt",
            "Vocabulary/贪腐词库.txt",
            "Vocabulary/暴恐词库.txt",
        ),
    ),
    "houbb2024": Source(
        "houbb/sensitive-word",
        "b47900e2b2499a3912784c14f200943310c8994f",  # release 0.13.2
        "Apache-2.0",
        "houbb-sensitive-word.txt",
        {"src/test/resources/dict_v20240407.txt": SORTED},
    ),
    "importcjj": Source(
        "importcjj/sensitive",
        "42d1c505be7b2d2a3f7fe106e3b02499975b2f24",
        "MIT",
        "importcjj-sensitive.txt",
        {"dict/dict.txt": SORTED},
    ),
    "toolgood": Source(
        "toolgood/ToolGood.Words",
        "33019cd23b74048d82e298fcb4a673517aa587bf",
        "Apache-2.0",
        "toolgood-ToolGood.Words.txt",
        {
            "csharp/ToolGood.Words.Benchmark/BadWord.txt": SORTED,
            "csharp/ToolGood.Words.Test/_Illegal/IllegalKeywords.txt": SORTED,
        },
    ),
}
PATTERNS = "patterns"  # compiled here (scripts/prohibited_patterns.py), written last
# Tag 4 ("crime") sorted into this rule's kinds by what the term is about; first match wins.
CRIME_WORDS = (
    ("wildlife", "象牙 犀角 犀牛角 虎骨 虎皮 熊胆 穿山甲 玳瑁 羚羊角 盔犀鸟 砗磲 红珊瑚"),
    (
        "drugs",
        "毒品 冰毒 麻古 k粉 海洛因 吗啡 鸦片 大麻 摇头丸 氯胺酮 可卡因 可待因 他敏 唑仑 西泮 哌替啶 "
        "麦角 安纳咖 杜冷丁 芬太尼 曲马多 迷魂 迷幻 迷药 迷奸 听话水 失忆水 开心水 happy水 催情 "
        "苍蝇水 春药 麻黄 黄皮 古柯",
    ),
    ("gambling", "赌 博彩 真钱 百家乐 六合彩 老虎机 时时彩 赛车 捕鱼"),
    (
        "weapons",
        "枪 qiang 木仓 短狗 长狗 气狗 汽狗 手狗 猎狗 步狗 狗粮 狗管 弩 子弹 铅弹 钢珠 弹药 弹夹 "
        "炸 雷管 火药 黑索金 tnt 刀 军刺 手刺 电棍 电击器 瞄准",
    ),
    (
        "fake_documents",
        "证 文凭 学历 学位 发票 税票 发漂 刻章 公章 印章 假币 假钞 假钱 硬币 护照 驾照 "
        "答案 考题 替考 枪手 代考",
    ),
    (
        "fraud",
        "卧底 监听 窃听 监控软件 定位 黑客 盗号 木马 强开 解码器 开锁 信息 资料 数据 名单 名录 "
        "删除 屏蔽 删帖 负面 套现 洗钱 贷款 信用卡 银行卡 肝 肾 器官 代孕 刷单 变号",
    ),
)
# Insults and curses are not this rule's business (the open lists mix them in).
INSULTS = "妈的 妈了个 你妈 他妈 她妈 它妈 妳妈 尼玛 你娘 傻逼 傻屄 傻b 煞笔 蠢猪 吃屎 大便 全家 贱人 王八 狗日 滚蛋 废物"
# Holders of public office and organs: a term naming one is a scandal headline or rumour about
# officials (庐江县委书记…艳照), not a seller's slang.
OFFICES = "书记 县长 市长 省长 局长 厅长 部长 主席 总理 常委 公安机关 政府 记者"
# A term is kept only with a word of its kind in it (for documents, also a word of trade):
# the open lists hold titles of books and films (金粉世家, 血色黎明), products and chemicals
# (奶油冰, 潜水刀, 刀具直销, 活性碳粉, 丙酮氰醇), medicines (安眠药, 黄体酮), lawful services
# (学历认证, 证券从业, 开锁工具), adult education (成人高考), people's names and fragments.
KIND_WORDS = {
    "pornography": "淫 屄 骚逼 操逼 肥逼 嫩逼 插逼 舔逼 小逼 屌 肏 鸡巴 阴道 阴茎 阴蒂 阴唇 阴毛 乳房 乳头 巨乳 爆乳 乳交 奶子 裸 "
    "小穴 肉穴 淫穴 美穴 嫩穴 骚穴 插穴 舔穴 的穴 性交 性爱 做爱 口交 肛交 射精 精液 av "
    "色情 黄色 情色 激情 三级 a片 无码 妓 嫖 援交 约炮 夜情 一夜 上门 出台 包夜 骚 春药 催情 "
    "迷奸 强奸 乱伦 自慰 高潮 性服务 性息",
    "drugs": "毒 麻古 鸦片 海洛 k粉 冰毒 嗑药 摇头 可卡 吗啡 大麻 西泮 唑仑 他敏 氯胺酮 卡西酮 "
    "麦角 芬太尼 曲马多 杜冷丁 哌替啶 可待因 安纳咖 迷幻 迷魂 迷香 迷药 迷晕 迷情 听话 失忆 "
    "昏睡 蒙汗 蒙汉 抢劫药 安乐死 安乐药 春药 催情 开心水 happy水 冰古 白冰 臊冰 冰钻",
    "gambling": "赌 博彩 彩票 六合 百家乐 时时彩 老虎机 下注 庄家 真人 娱乐城 真钱 菠菜",
    "weapons": "枪 qiang 弩 子弹 弹药 炸弹 炸药 雷管 火药 军刺 手刺 电棍 短狗 长狗 气狗 汽狗 手狗 "
    "狗粮 3棱 三棱 跳刀 弹簧刀 蝴蝶刀 匕首 管制刀 开刃",
    "fake_documents": "证 文凭 学历 学位 发票 税票 发漂 护照 驾照 章 答案 考题 假币 假钞 假钱 硬币",
    "wildlife": "象牙 犀角 犀牛角 虎骨 虎皮 熊胆 穿山甲 玳瑁 羚羊角 盔犀鸟 砗磲 红珊瑚",
    "fraud": "肾源 卖肾 买肾 卖肝 肾 肝 器官 代孕 卧底 监听 窃听 黑客 盗号 木马 套现 洗钱 刷单 资料 信息 数据 名单 "
    "名录 删除 屏蔽 删帖 负面 解码器 强开 银行卡 信用卡 贷",
}
# Everyday things and lawful services the open lists file as trade: the second-generation ID
# card (its 代 is no trade), an export document, audio gear, a physics lesson, mosquito coils;
# and terms that are a lawful service as they stand (a car's papers, recognising a degree).
ORDINARY = ("二代身份证", "商业发票", "监听头", "原子弹的", "蚊香")
ORDINARY_TERMS = frozenset(("监听设备", "办行驶证", "办理国外学历", "办理国外学位", "办理留学学历"))
# Health words: a term holding one is a diagnosis or anatomy (阴道炎, 阴茎筋膜), not pornography.
CLINICAL = "炎 症 瘤 疹 癌 筋膜 系带 纵膈 滴虫 念珠菌 霉菌 硬结 冷感 延迟"
TRADE_WORDS = "假 办 卖 售 买 代 做 制 供 仿 真 批 订 购 刻 开 提供 专营 转让 直销 交易 qq 包过 速"
NEEDS_TRADE = ("fake_documents", "wildlife")  # 象牙塔, 虎皮鹦鹉 are no trade
# Explosives are history and chemistry lessons too (火药原理): only with selling or making.
LESSON_WORDS = ("火药", "炸药", "炸弹")
# Organs and people's data are banned goods only when traded (治疗乙肝, 领导班子名单 are not).
TRADED_ONLY = ("肾", "肝", "器官", "信息", "资料", "数据", "名单", "名录")  # 肾源 is enough
# Words that file a term of an untagged list under pornography: not those of lawful services
# (送货上门, 网吧包夜, 激情澎湃, 黄色预警, 高潮迭起, 一夜之间).
WEAK_PORN = ("上门", "包夜", "出台", "激情", "黄色", "高潮", "一夜", "夜情")
MAKING_WORDS = "配方 制作 自制 制造 diy 怎么做 如何做"
# Words of a banned kind or of the trade in it: a term holding one is no political term.
SELLING = "出售 批发 办理 转让 代办 代开 代理 销售 提供 供应 专卖 直销 交易 购买 价格 电话 兼职 上门 高仿 视频 聊天 售"
BANNED_WORDS = frozenset(
    w
    for words in (*KIND_WORDS.values(), *(cues for _, cues in CRIME_WORDS), MAKING_WORDS, SELLING)
    for w in words.split()
)
DICT_MIN_FREQ = 20  # the words screened as names (72,000); every word is searched for terms
MIN_LENGTH = 3  # two characters too often make an ordinary word with a neighbour (加冰, 冰粉, 干爽)
BIOS = 60_000  # seeded bios of dictionary words screened for a cross-word hit
COMMON_FREQ, COMMON_BIOS = 2000, 150_000  # and of the commonest words (sound-alike hits: 么东方)
HEADER = """\
# Banned-content slang from an open lexicon, filtered to this rule's categories
# (2022/8(1),(8); Criminal Law 125-130, 266, 280, 303, 341, 347-357, 363-364).
# GENERATED by scripts/build_open_prohibited.py: edit the script, not this file.
# Source: https://github.com/{repo} commit {commit}
#   {paths}
# Licence: {licence} (full text and notices: LICENSES/{licence_file}).
"""
PATTERNS_HEADER = """\
# Banned-content compounds as sellers write them: a trade word joined to a banned item
# (2022/8(1),(8); Criminal Law 125-130, 253-1, 280, 287-2, 303, 341, 347-357, 363-364).
# GENERATED by scripts/build_open_prohibited.py from the patterns of
# scripts/prohibited_patterns.py: edit those, not this file.  Compiled here.
"""


def git_show(git_dir: Path, commit: str, path: str) -> str:
    try:
        out = subprocess.run(
            ["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        sys.exit(f"build_open_prohibited: cannot read {commit}:{path} in {git_dir}: {exc}")
    return out.decode("utf-8", errors="replace").lstrip("\ufeff")


def clean(term: str) -> str:
    """The term as written to the file: NFKC, lower case, no spaces; '' if unusable."""
    term = unicodedata.normalize("NFKC", term).strip().lower()
    term = re.sub(r"\s+", "", term)
    return "" if not term or any(c in term for c in "|#\t") else term


def key(term: str) -> str:
    """The term as the matcher sees it (folded word view)."""
    return fold(term).text


def crime_kind(term: str) -> str | None:
    for kind, cues in CRIME_WORDS:
        if any(cue in term for cue in cues.split()):
            return kind
    return None


def read_terms(git_dir: Path, source: Source, path: str) -> list[str]:
    text = git_show(git_dir, source.commit, path)
    return [t for t in (clean(line) for line in text.splitlines()) if t]


def sorted_kind(term: str) -> str | None:
    """The kind of a term of an untagged list: by the crime words, else pornography."""
    kind = crime_kind(term)
    porn = [w for w in KIND_WORDS["pornography"].split() if w in term]
    if kind is None and [w for w in porn if w not in WEAK_PORN]:
        kind = "pornography"
    return kind


def read_houbb_tags(git_dir: Path, source: Source, excluded: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in git_show(git_dir, source.commit, HOUBB_TAGS).splitlines():
        word, _, tags = line.strip().rpartition(" ")
        tag_set = set(tags.split(","))
        term = clean(word)
        if not term or "0" in tag_set:
            excluded.add(term)
            continue
        kinds = [HOUBB_KINDS[t] for t in sorted(tag_set) if t in HOUBB_KINDS]
        kind = kinds[0] if kinds else crime_kind(term) if "4" in tag_set else None
        if kind:
            out.setdefault(term, kind)
    return out


def read_sources(dirs: dict[str, Path]) -> tuple[dict[str, dict[str, str]], set[str]]:
    """{source: {term: kind}} of the candidate terms, and the political terms (left out, and
    so is every term holding one)."""
    excluded: set[str] = set()
    for name, source in SOURCES.items():
        for path in source.excluded:
            excluded.update(read_terms(dirs[name], source, path))
    found: dict[str, dict[str, str]] = {}
    for name, source in SOURCES.items():
        if HOUBB_TAGS in source.lists:
            found[name] = read_houbb_tags(dirs[name], source, excluded)
            continue
        terms: dict[str, str] = {}
        for path, kind in source.lists.items():
            for term in read_terms(dirs[name], source, path):
                if term not in excluded and (k := kind or sorted_kind(term)):
                    terms.setdefault(term, k)
        found[name] = terms
    # A word some list files as banned content is not political (GFW补充词库 holds both).
    banned = {key(t) for terms in found.values() for t in terms}
    political = {k for k in (key(t) for t in excluded if t) if is_political(k) and k not in banned}
    return found, political


def is_political(k: str) -> bool:
    """A term of the political lists that is about politics: two characters or more, one of
    them Chinese, and no word of a banned kind or of trade.  The lists mix in banned-content
    words and the sellers' commerce words (出售, 批发, 办理, 手枪, 无码), and 64 (六四) is also a
    pistol model (64式手枪): as exclusions they left out most of the open lists' trade slang."""
    if len(k) < 2 or not any("\u4e00" <= c <= "\u9fff" for c in k):
        return False
    return not any(w in k for w in BANNED_WORDS)


def dictionary_words(min_freq: int = 1) -> list[str]:
    import jieba

    out = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, freq = line.split(" ")[:2]
            if len(word) >= 2 and "\u4e00" <= word[0] <= "\u9fff" and int(freq) >= min_freq:
                out.append(word)
    return out


def basic_filter(
    terms: dict[str, str],
    taken: set[str],
    political: set[str],
    kind_words: dict[str, str] = KIND_WORDS,
) -> dict[str, str]:
    out = {}
    for term, kind in terms.items():
        k = key(term)
        if len(k) < MIN_LENGTH or k in taken:
            continue
        if k.isascii() and k.isalnum() and len(k) < 5:
            continue
        if not_slang(k, kind):
            continue
        if political.intersection(substrings(k)):
            continue
        if not of_its_kind(k, kind, kind_words):
            continue
        taken.add(k)
        out[term] = kind
    return out


def not_slang(k: str, kind: str) -> bool:
    """Insults, officials, everyday things and lawful services, diagnoses (for pornography)."""
    if k in ORDINARY_TERMS or any(w in k for w in (*INSULTS.split(), *OFFICES.split(), *ORDINARY)):
        return True
    return kind == "pornography" and any(w in k for w in CLINICAL.split())


def of_its_kind(k: str, kind: str, kind_words: dict[str, str] = KIND_WORDS) -> bool:
    """``k`` holds a word of its kind (and of trade where the kind needs one)."""
    found = [w for w in kind_words[kind].split() if w in k]
    if not found:
        return False
    traded = any(w in k for w in TRADE_WORDS.split())
    if all(any(w in f for w in LESSON_WORDS) for f in found):
        return traded or any(w in k for w in MAKING_WORDS.split())
    if all(f in TRADED_ONLY for f in found):
        return traded
    return kind not in NEEDS_TRADE or traded


def substrings(text: str) -> set[str]:
    return {text[i:j] for i in range(len(text)) for j in range(i + 2, len(text) + 1)}


def inside_words(terms: dict[str, str], words: list[str]) -> set[str]:
    """Terms whose folded form occurs inside a dictionary word."""
    keys = list({key(t): t for t in terms}.items())
    ac = ahocorasick_rs.AhoCorasick([k for k, _ in keys])
    found: set[str] = set()
    for word in words:
        for index, _, _ in ac.find_matches_as_indexes(key(word), overlapping=True):
            found.add(keys[index][1])
    return found


def char_and_word(terms: dict[str, str], words: set[str]) -> set[str]:
    """Three-character terms that are one character of their kind and an ordinary word: read
    by sound into ordinary text (什么教师 as 淫教师) or the name of an ordinary thing (消防枪)."""
    out = set()
    for term, kind in terms.items():
        k = key(term)
        if len(k) == 3:
            found = [w for w in KIND_WORDS[kind].split() if w in k]
            for rest, single in ((k[1:], k[0]), (k[:2], k[2])):
                if rest in words and all(w == single for w in found):
                    out.add(term)
    return out


def screened_hits(terms: dict[str, str], texts: list[AccountInput]) -> set[str]:
    """Terms the screener reports on ``texts`` with only ``terms`` as the prohibited list."""
    lexicons = Lexicons.load()
    lexicons.lists["prohibited"] = Lexicons.from_lines(
        {"prohibited": [f"{t}\tkind={k}" for t, k in terms.items()]}
    ).get("prohibited")
    screener = Screener(lexicons)
    found = set()
    for account in texts:
        for hit in screener.screen(account).hits:
            if hit.category == "prohibited_content":
                found.add(hit.details.get("term", hit.matched))
    return found


def everyday_accounts(words: list[str]) -> list[AccountInput]:
    from tests.unit.rules.test_lexicon_data import EVERYDAY

    rng = random.Random(16)
    out = [AccountInput(name=w) for w in words]
    out += [AccountInput(name=w) for w in EVERYDAY] + [
        AccountInput(name="小王", bio=w) for w in EVERYDAY
    ]
    for _ in range(BIOS):
        out.append(AccountInput(name="小王", bio="".join(rng.choices(words, k=rng.randint(2, 6)))))
    common = dictionary_words(COMMON_FREQ)
    for _ in range(COMMON_BIOS):
        out.append(
            AccountInput(name="小王", bio="".join(rng.choices(common, k=rng.randint(3, 12))))
        )
    return out


def drop_redundant(terms: dict[str, str], shipped: set[str]) -> dict[str, str]:
    """Terms that hold no other listed term (the shipped list's or a shorter kept one)."""
    keys = sorted({key(t): t for t in terms}.items(), key=lambda kv: (len(kv[0]), kv[0]))
    base = sorted(shipped | {k for k, _ in keys})
    ac = ahocorasick_rs.AhoCorasick(base)
    kept = set(shipped)
    out = {}
    for k, term in keys:
        inner = {base[i] for i, _, _ in ac.find_matches_as_indexes(k, overlapping=True)}
        if not (inner - {k}) & kept:
            kept.add(k)
            out[term] = terms[term]
    return out


def pattern_kind_words() -> dict[str, str]:
    """KIND_WORDS with the items of the patterns (阿普唑仑, 对公账户, 5f-adb as 5fadb): a
    compound is made of an item of its kind, so the item is its word of that kind."""
    items = {kind: [key(i) for i in things] for kind, things in prohibited_patterns.items().items()}
    return {kind: " ".join([words, *items.get(kind, [])]) for kind, words in KIND_WORDS.items()}


def render(name: str, terms: dict[str, str]) -> str:
    lines = [f"{t}\tkind={k}" for t, k in sorted(terms.items(), key=lambda tk: (tk[1], tk[0]))]
    if name == PATTERNS:
        return PATTERNS_HEADER + "\n".join(lines) + "\n"
    source = SOURCES[name]
    paths = ", ".join(source.lists)
    if HOUBB_TAGS in source.lists:
        paths += " (tags 1-4; tag 0, political, left out)"
    header = HEADER.format(
        repo=source.repo,
        commit=source.commit,
        paths=paths,
        licence=source.licence,
        licence_file=source.licence_file,
    )
    return header + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in dict.fromkeys(n.rstrip("0123456789") for n in SOURCES):
        repo = next(s.repo for n, s in SOURCES.items() if n.startswith(name))
        parser.add_argument(f"--{name}", type=Path, required=True, help=f"git dir of {repo}")
    parser.add_argument("--out", type=Path, default=LEXICONS)
    args = parser.parse_args()
    dirs = {name: getattr(args, name.rstrip("0123456789")) for name in SOURCES}
    sources, political = read_sources(dirs)
    sources[PATTERNS] = prohibited_patterns.candidates()
    shipped_lines = (LEXICONS / "prohibited.txt").read_text(encoding="utf-8").splitlines()
    shipped = {key(t) for t in Lexicons.from_lines({"p": shipped_lines}).terms("p")}
    taken, listed = set(shipped), set(shipped)
    words = dictionary_words()
    common = set(dictionary_words(DICT_MIN_FREQ))
    everyday = everyday_accounts(dictionary_words(DICT_MIN_FREQ))
    report = []
    for source, terms in sources.items():
        raw = len(terms)
        kind_words = pattern_kind_words() if source == PATTERNS else KIND_WORDS
        terms = basic_filter(terms, taken, political, kind_words)
        inside = inside_words(terms, words) | char_and_word(terms, common)
        terms = {t: k for t, k in terms.items() if t not in inside}
        hits = screened_hits(terms, everyday)
        terms = {t: k for t, k in terms.items() if t not in hits}
        kept = drop_redundant(terms, listed)
        listed |= {key(t) for t in kept}
        sources[source] = kept
        report.append(
            f"{source}: {raw} read, {len(inside)} inside or beside dictionary words, {len(hits)} hit everyday"
            f" text, {len(terms)} left, {len(kept)} written (the rest hold a listed term)"
        )
    for source, terms in sources.items():
        (args.out / f"prohibited.{source}.txt").write_text(render(source, terms), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
