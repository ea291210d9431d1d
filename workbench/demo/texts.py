"""Chinese account information for the demo: clean profiles, and profiles that
break one rule category of docs/domain.md each (with the evasions the rules must see
through), plus near misses that must not be hits.
"""

from __future__ import annotations

import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉玲晨宇浩然欣怡梓涵子轩雨萱思远嘉怡俊杰诗琪博文天佑梦瑶晓东文博一鸣家豪若曦安琪"
CITIES = (
    "杭州",
    "成都",
    "西安",
    "长沙",
    "苏州",
    "厦门",
    "青岛",
    "大连",
    "昆明",
    "南宁",
    "合肥",
    "济南",
    "郑州",
    "福州",
    "贵阳",
    "兰州",
    "太原",
    "无锡",
    "宁波",
    "佛山",
)
PROVINCES = (
    "北京",
    "上海",
    "广东",
    "浙江",
    "江苏",
    "四川",
    "湖北",
    "湖南",
    "山东",
    "河南",
    "福建",
    "陕西",
    "重庆",
    "天津",
    "云南",
    "广西",
    "安徽",
    "辽宁",
    "黑龙江",
    "海南",
)
HOBBIES = (
    "摄影",
    "烘焙",
    "跑步",
    "钓鱼",
    "养猫",
    "养花",
    "露营",
    "骑行",
    "读书",
    "手账",
    "画画",
    "旅行",
    "咖啡",
    "吉他",
    "书法",
    "徒步",
    "做饭",
    "滑雪",
    "登山",
    "观鸟",
)
NICK_PATTERNS = (
    "{given}的小日子",
    "爱{hobby}的{given}",
    "{city}{hobby}人{given}",
    "{surname}{given}",
    "{given}不吃香菜",
    "阿{given}的{hobby}日记",
    "{hobby}小分队{n}",
    "{city}小{given}",
    "今天也要{hobby}",
    "{surname}同学{n}",
)
BIOS = (
    "记录生活，分享日常。",
    "热爱{hobby}，偶尔写写字。",
    "一个在{city}打拼的普通人。",
    "喜欢{hobby}和{hobby2}，欢迎交流。",
    "慢慢来，比较快。",
    "分享{hobby}心得，纯属个人爱好。",
    "{city}土著，带你看不一样的{city}。",
    "周末{hobby}，工作日搬砖。",
    "小众{hobby}爱好者。",
    "认真生活的每一天都值得被记录。",
)
SIGNATURES = (
    "保持热爱，奔赴山海",
    "日拱一卒",
    "知足常乐",
    "今天也是元气满满的一天",
    "做一个温柔的人",
    "",
    "愿你被世界温柔以待",
    "慢慢变好",
    "好好吃饭",
    "越努力越幸运",
)
PROFESSIONS = ("教师", "程序员", "设计师", "厨师", "会计", "护士", "司机", "律师", "医生", "记者")
COMPANY_WORDS = ("云栖", "星河", "青禾", "博远", "恒信", "嘉禾", "启明", "远航", "锦程", "微光")
COMPANY_TRADES = ("科技", "文化传媒", "餐饮管理", "信息技术", "教育咨询", "商贸", "旅游开发")
ORG_NATURES = ("有限责任公司", "股份有限公司", "个人独资企业", "社会团体", "民办非企业单位")
INDUSTRIES = ("信息技术", "文化传媒", "餐饮", "教育", "零售", "旅游", "制造业")
CONTENT_CATEGORIES = (
    "美食",
    "旅游",
    "科技",
    "财经",
    "教育",
    "健康",
    "生活",
    "汽车",
    "体育",
    "娱乐",
)
# What a public account's bio says for each content category (matching its category).
CATEGORY_BIOS = {
    "美食": "探店打卡，分享{city}好吃的。",
    "旅游": "走遍{city}周边，攻略持续更新。",
    "科技": "数码测评与科技资讯解读。",
    "财经": "宏观经济与理财知识科普。",
    "教育": "家庭教育与学习方法分享。",
    "健康": "健身与营养知识，科学生活。",
    "生活": "家居收纳与生活小技巧。",
    "汽车": "新车试驾与用车常识。",
    "体育": "赛事点评与运动科普。",
    "娱乐": "影视综艺推荐。",
}
# A field a bio can claim outside the registered category (content_category_mismatch).
OFF_CATEGORY_CLAIMS = {
    "美食": ("财经", "每日股票推荐，带你炒股赚钱。"),
    "旅游": ("健康", "专业医疗咨询，包治慢性病。"),
    "娱乐": ("时政", "独家时政新闻解读，第一时间发布。"),
    "汽车": ("教育", "中高考志愿填报专业辅导。"),
}


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def company_name(rng: random.Random) -> str:
    return f"{rng.choice(CITIES)}{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_TRADES)}有限公司"


def address(rng: random.Random) -> str:
    road = rng.choice(("文三路", "人民路", "中山路", "解放路", "建设路", "滨江大道", "科技园路"))
    return f"{rng.choice(PROVINCES)}省{rng.choice(CITIES)}市{road}{rng.randrange(1, 300)}号"


def _fill(rng: random.Random, pattern: str, real_name: str) -> str:
    h1, h2 = rng.sample(HOBBIES, 2)
    return pattern.format(
        given=real_name[1:] or real_name,
        surname=real_name[0],
        hobby=h1,
        hobby2=h2,
        city=rng.choice(CITIES),
        n=rng.randrange(1, 99),
    )


def clean_profile(rng: random.Random, real_name: str) -> dict:
    """Account information with nothing to find."""
    return {
        "name": _fill(rng, rng.choice(NICK_PATTERNS), real_name),
        "bio": _fill(rng, rng.choice(BIOS), real_name),
        "signature": rng.choice(SIGNATURES),
        "certification": "",
    }


def public_profile(rng: random.Random, category: str, org: str) -> dict:
    city = rng.choice(CITIES)
    return {
        "name": f"{city}{category}{rng.choice(('圈', '志', '说', '汇', '笔记', '指南'))}",
        "bio": CATEGORY_BIOS[category].format(city=city),
        "signature": rng.choice(SIGNATURES),
        "certification": f"{org}官方账号" if rng.random() < 0.3 else "",
    }


# Violations, by rule category.  Each entry is (field, text); several spell the
# same thing with the evasions 2022/8(6) names (homophones, letters, digits).
VIOLATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "impersonate_organisation": (
        ("name", "国务院办公厅服务号"),
        ("name", "外交部发言人办公室"),
        ("name", "中国工商银行客服中心"),
        ("name", "最高人民法院通知"),
        ("name", "共青团中央宣传部"),
        ("name", "wai交部信息发布"),
        ("certification", "公安部指定信息发布平台"),
    ),
    "impersonate_state": (
        ("name", "美国驻华大使馆"),
        ("name", "联合国儿童基金会中国办"),
        ("name", "法国驻华大使馆签证处"),
        ("name", "欧盟驻华代表团"),
    ),
    "impersonate_news_media": (
        ("name", "人民日报评论"),
        ("name", "新华社快讯"),
        ("name", "央视新闻直播间"),
        ("name", "{city}新闻报道"),
        ("name", "澎湃新闻热点"),
    ),
    "misuse_place_name": (
        ("name", "天安门广场发布"),
        ("name", "中南海内参"),
        ("name", "人民大会堂资讯"),
        ("name", "{city}天安门广场观察"),
    ),
    "embedded_contact": (
        ("bio", "合作请加微信 abc{n}88"),
        ("bio", "合作加薇信：xiaomei{n}"),
        ("bio", "V信：hao{n}"),
        ("signature", "wx: lucky_{n}"),
        ("bio", "加扣扣 一三八{n}六六八八"),
        ("bio", "咨询 Q Q：{n}77889"),
        ("signature", "vx→hao{n}"),
        ("bio", "官网 www.example-shop{n}.com 详询"),
        ("bio", "联系邮箱 shop{n}@example.com"),
        ("signature", "电话 138 0013 {n:04d}"),
        ("bio", "tele gram: @deal{n}"),
    ),
    "misleading_claim": (
        ("name", "全网第一{hobby}"),
        ("bio", "最权威的{hobby}指南，官方认证。"),
        ("bio", "保证收益，稳赚不赔，年化30%。"),
        ("name", "{city}第一{hobby}店"),
        ("certification", "官方唯一指定{hobby}账号"),
    ),
    "prohibited_content": (
        ("bio", "代开发票，量大从优。"),
        ("bio", "网上赌场，百家乐真人在线。"),
        ("signature", "出售仿真枪配件"),
        ("bio", "办理假证，毕业证包过。"),
    ),
    "strict_verification": (
        ("name", "中国{hobby}协会"),
        ("name", "中华{hobby}联盟"),
        ("name", "全国{hobby}大赛组委会"),
        ("name", "国家{hobby}研究中心"),
        ("name", "中央{hobby}频道"),
        ("name", "zhong国{hobby}网"),
    ),
    "qualification_required": (
        ("bio", "三甲医院主任医师，在线问诊开药。"),
        ("bio", "执业律师，免费法律咨询。"),
        ("bio", "资深理财顾问，荐股带你赚钱。"),
        ("bio", "本地新闻报道，每日更新{city}大小事。"),
        ("bio", "出版社编辑，代理图书出版。"),
        ("bio", "名校教师，中高考一对一辅导。"),
    ),
}

# Texts close to a violation that the rules must leave alone.
NEAR_MISSES: tuple[tuple[str, str], ...] = (
    ("name", "我爱法国电影"),
    ("bio", "不敢说第一，只求用心做好每一道菜。"),
    ("name", "微微一笑很倾城"),
    ("bio", "喜欢看新闻联播的退休老人。"),
    ("bio", "去过天安门广场看升旗，很震撼。"),
    ("signature", "QQ 音乐重度用户"),
    ("bio", "不保证收益，理性投资。"),
    ("name", "中二少年{given}"),
)

# Names of accounts closed on an earlier system, imported as the closed-name list,
# and the look-alike names demo accounts use to come back (closed_account_similar).
CLOSED_NAMES = ("暴富小王子", "刷单联盟", "代购阿强", "彩票大师兄", "黑卡老张")
CLOSED_LOOKALIKES = (
    "暴富小王子2024",
    "刷单聯盟",
    "代购阿强强",
    "彩票大師兄",
    "黑卡老章",
    "bao富小王子",
)


def violation_text(rng: random.Random, category: str, real_name: str) -> tuple[str, str]:
    field, text = rng.choice(VIOLATIONS[category])
    h = rng.choice(HOBBIES)
    return field, text.format(
        city=rng.choice(CITIES), n=rng.randrange(10, 9999), hobby=h, given=real_name[1:]
    )


def near_miss_text(rng: random.Random, real_name: str) -> tuple[str, str]:
    field, text = rng.choice(NEAR_MISSES)
    return field, text.format(given=real_name[1:])


REPORT_TEXTS = {
    "embedded_contact": "该账号在简介里留联系方式引流，疑似诈骗。",
    "impersonate_organisation": "冒充政府机关发布信息，请核查。",
    "impersonate_state": "账号名称冒充外国使馆。",
    "impersonate_news_media": "冒充新闻媒体发布不实消息。",
    "misuse_place_name": "擅自使用地名和机关驻地名称。",
    "misleading_claim": "夸大宣传，误导消费者。",
    "prohibited_content": "账号信息含有违法违禁内容。",
    "strict_verification": "名称使用“中国”字样，未见相关资质。",
    "qualification_required": "无资质提供医疗/法律/财经服务。",
    "closed_account_similar": "被封账号换个名字又回来了。",
    "profession_mismatch": "自称医生，实际并非医生。",
    "org_mismatch": "机构账号名称与注册主体不符。",
    "false_identity": "冒用他人身份注册。",
    "account_misuse": "我的账号被盗用了，请处理。",
    "unlicensed_news": "无资质发布新闻。",
    "fake_traffic": "粉丝数一夜暴涨，疑似刷量。",
    "incitement_or_abuse": "多次辱骂他人。",
    "false_information": "散布不实信息。",
    "paid_posting_or_extortion": "收钱发帖、删帖敲诈。",
    "account_trading": "在群里公开买卖账号。",
    "illegal_information": "发布违法信息。",
    "other": "其他问题，请核实。",
}


def report_text(rng: random.Random, category: str) -> str:
    base = REPORT_TEXTS.get(category, REPORT_TEXTS["other"])
    extra = rng.choice(("", "证据见截图。", "已截图留证。", "麻烦尽快处理，谢谢。", "多人被骗。"))
    return base + extra
