"""Banned-content compounds as sellers write them: a trade word joined to a banned item.

Read by scripts/build_open_prohibited.py as the source ``patterns`` (compiled here), whose
terms go through the same filters as the open lists' and are written to
``prohibited.patterns.txt``.  Only compounds that say the trade outright are made: a verb
of selling, buying, forging or renting next to an item that is banned in itself or banned
to trade (Criminal Law 125-130 weapons, 280 documents, 303 gambling, 341 wildlife, 347-357
drugs, 253-1 and 287-2 the fraud supply chain, 363-364 obscene services).

What is left out on purpose, because the compound is also an everyday phrase:
* documents with 办理/代办/提供/开具 (身份证办理, 代办护照, 签证代办, 可提供增值税发票 are
  lawful services) and with a bare 假 (暑假驾照, 寒假学生证 hold 假驾照, 假学生证);
* 出租 before anything (出租车牌 is the taxi's plate), 子弹 and 钢珠 after a verb (批发子弹杯,
  批发钢珠 are shot glasses and bearings), 象牙/虎皮/玳瑁/熊胆 after a verb (象牙白, 虎皮鹦鹉,
  玳瑁猫, farmed 熊胆粉), 炸弹 (沐浴炸弹批发 is bath bombs), 消音器 (a car's), 四件套 and 三件套
  (bedding and suits: the bank-card set is listed as 银行卡四件套), 手机卡 and 电话卡 (shops sell
  them), game weapons (ak47, 沙漠之鹰, 匕首, 蝴蝶刀 are skins traded in shooting games);
* who is offered with words that also sell lawful services or clothes (女大学生上门 is tutoring,
  美女上门 and 小妹上门 manicure and cleaning, 空姐全套 and 学生妹全套 are costumes), and
  电子游艺 (licensed arcades);
* 上分 with games that have ranked play (麻将, 斗地主, 赛车, 扫雷: 上分 is also climbing the
  ladder), and brands that are also a company or a common shop name (开云 is Kering, 银河娱乐
  and 永利 are listed companies, 大发, 利来).
"""

from __future__ import annotations


def words(text: str) -> list[str]:
    return text.split()


# Documents a person holds; forging, selling or buying one is the crime (Criminal Law 280).
PERSONAL_DOCUMENTS = words("""
身份证 驾驶证 驾照 行驶证 毕业证 学位证 学历证书 结婚证 离婚证 户口本 户口簿 房产证 不动产证
护照 港澳通行证 台胞证 军官证 警官证 士兵证 退伍证 记者证 律师证 教师资格证 医师资格证
执业医师证 护士证 会计证 导游证 健康证 上岗证 特种作业证 电工证 焊工证 叉车证 厨师证
残疾证 出生证明 准生证 死亡证明 学生证 工作证 居住证 暂住证 职称证 资格证书 四六级证书
英语四级证书 英语六级证书 留学文凭 国外文凭 成绩单 录取通知书 病历 诊断证明 病假条
体检报告 无犯罪证明 收入证明 在职证明 银行流水 车辆合格证 机动车登记证 营业执照 开户许可证
卫生许可证 食品经营许可证 房屋租赁合同 公章 合同章 财务章 发票专用章 普通话证书 计算机二级证书
教师证 执业药师证 建造师证 一级建造师证书 二级建造师证书 消防工程师证 安全员证 施工员证 监理证
造价师证 离职证明 实习证明 工资条 存款证明 资产证明 征信报告 婚姻证明 单身证明 户籍证明
疫苗接种证明 核酸检测报告 驾驶证副本 回乡证 海员证 船员证 保安证 退休证 学籍档案 毕业证书
学位证书 结业证书 培训证书 荣誉证书 社保证明 完税证明 本科毕业证 大专毕业证 硕士毕业证 博士毕业证
中专毕业证 高中毕业证 初中毕业证 硕士学位证 博士学位证 机动车驾驶证 医师执业证 护士执业证 学历认证报告
""")
FORGING = words("办假 做假 制作假 定做假 卖假 买假 出售假 假冒 仿造 仿制 高仿")
OFFICIAL_DOCUMENTS = words("""
身份证 驾驶证 行驶证 毕业证 学位证 结婚证 离婚证 户口本 房产证 不动产证 护照 病历 诊断证明 病假条
体检报告 无犯罪证明 收入证明 在职证明 银行流水 成绩单 征信报告 存款证明 资产证明 工资条 离职证明
核酸检测报告 疫苗接种证明 婚姻证明 单身证明 户籍证明 社保证明 完税证明 本科毕业证 硕士学位证
""")  # with 代做 or 造假 after them; print shops make certificates and staff cards lawfully
SELLING_PERSONAL = words("出售 买卖 收购 回收 批发")  # selling a real document is trade in it
SOLD_DOCUMENTS = words("身份证 驾驶证 驾照 户口本 护照 学生证 毕业证 学位证 结婚证 离婚证")
# Invoices: issuing one for a business that never traded (虚开, 代开) or selling it.
INVOICES = words("""
增值税发票 增值税专用发票 增值税普通发票 增值税电子发票 专用发票 普通发票 电子发票 机打发票
定额发票 国税发票 地税发票 运输发票 建筑发票 餐饮发票 住宿发票 酒店发票 医疗发票 医院发票
广告发票 服务业发票 劳务发票 租赁发票 材料发票 咨询费发票 会议费发票 办公用品发票 油费发票
加油发票 过路费发票 出租车发票 进项发票 进项票 销项票 完税证明
""")
INVOICE_VERBS = words("代开 虚开 出售 买卖 低价代开 收购")
INVOICE_AFTER = words("代开 虚开 出售 买卖 低价出售")

# Weapons banned to trade (Criminal Law 125-128): guns, ammunition, explosives, bows, knives.
WEAPONS = words("""
步枪 冲锋枪 狙击枪 霰弹枪 散弹枪 汽枪 枪械 枪管 电棍 电警棍 弩箭 弩弓 手弩 军弩 跳刀 枪支零件
五连发 单管猎 双管猎 锯短枪 复合弩 反曲弩 手枪弩 猎弩 弩配件 弩片 弩机 三棱刺 开刃武士刀 开刃唐刀
开刃刀具 开刃长刀 导爆索 黑索金 梯恩梯
""")
WEAPON_BEFORE = words(
    "出售 出卖 批发 专卖 销售 买卖 转让 求购 收购 代购 订购 供应 购买 网购 哪里买 哪里有卖 自制 组装 改装"
)
WEAPON_AFTER = words(
    "出售 专卖 批发 转让 货到付款 网购 代购 哪里买 哪里有卖 购买渠道 专卖店 商城 交易 买卖 图纸 现货 "
    "货源 有售 在售 包邮 私聊购买 一手货源"
)
AMMUNITION = words("子弹 铅弹 火药 黑火药")  # only with the trade word after
# Drugs and psychotropics that are controlled or sold for drugging (Criminal Law 347-357).
DRUGS = words("""
鸦片 罂粟籽 罂粟果 罂粟苗 古柯叶 阿普唑仑 咪达唑仑 氟硝西泮 氯硝西泮 溴西泮 硝西泮 劳拉西泮
奥沙西泮 地西泮 艾司唑仑 唑吡坦 佐匹克隆 右美沙芬 苯巴比妥 司可巴比妥 羟考酮 氢可酮 纳布啡
布托啡诺 替来他明 唑拉西泮 丙泊酚 安钠咖 lsd 麦司卡林 二甲基色胺 失忆水 迷魂药 迷幻药 蒙汗药
迷昏药 昏睡药 神仙水 一粒眠 忽悠悠 丁丙诺啡 美沙酮 恰特草 裸盖菇 致幻蘑菇 迷幻蘑菇 迷情粉
催情粉 催情液 迷情药 迷魂香 乖乖水 fm2 伪麻黄碱 麦角新碱 麦角胺 甲基麻黄碱 去甲麻黄碱 安眠酮
甲喹酮 氯氮卓 喷他佐辛 替利定 氨酚羟考酮 奥施康定 阿片 双氢可待因 复方可待因 氟硝安定 丁内酯
gbl 尼美西泮 甲丙氨酯 哌醋甲酯 哌甲酯 莫达非尼 阿德拉 专注达 曲马朵 邻氯苯基环戊酮 胡椒醛
黄樟素 溴代苯丙酮 甲氧麻黄酮 合成卡西酮 4-cmc 4-mec α-pvp a-pvp 2c-b 25i-nbome 5-meo-dmt 5f-adb
mdmb-4en-pinaca adb-butinaca ab-fubinaca jwh-018 4-fa 6-apb 甲基卡西酮 乙基卡西酮 氟卡西酮
催情香水 催情喷雾 迷情香水 乖乖粉 失身粉 迷幻粉 一滴倒 安眠水 昏迷药 迷晕药 嗨药 嗨粉
""")
DRUG_BEFORE = words("出售 批发 供应 代购 求购 哪里买 哪里有卖 货到付款 网购 代发")
DRUG_AFTER = words(
    "出售 批发 供应 代购 货到付款 网购 代发 免处方 无需处方 不要处方 哪里买 哪里有卖 购买渠道 正品出售 "
    "现货 货源 有售 在售 包邮 私聊购买 加微购买 一手货源"
)

# Gambling: games that exist only to gamble, with the services of a gambling platform.
GAMBLING_GAMES = words("""
百人牛牛 抢庄牛牛 炸金花 推筒子 pc28 加拿大28 幸运28 幸运飞艇 极速快三 分分彩 私彩 真人视讯
真人娱乐 体育博彩 足球博彩 二八杠 牌九 番摊 色碟 十三水
""")
GAMBLING_SERVICES = words("""
上分 下分 上下分 代理 开户 充值 代充 回水 返水 出款 提款 包赢 必赢 计划群 带单 投注 下注
押注 平台 网站 官网 app 技巧 稳赚 赢钱 群
""")
# Casino and bookmaker brands that name nothing else here.
GAMBLING_BRANDS = words("""
葡京 新葡京 皇冠 亚博 乐鱼 天博 博天堂 bet365 188bet 美高梅 博狗 威廉希尔 立博 乐天堂 澳门金沙
威尼斯人 ag真人 bbin 开元棋牌 ky棋牌 乐游棋牌 bob体育 雷竞技 金博宝 必威 竞博 澳门银河 澳门永利
yabo w88 fun88 dafabet sbobet bwin betway 1xbet manbetx 12bet m88
""")
BRAND_SERVICES = words(
    "娱乐城 开户 真人 棋牌 赌场 体育 娱乐 投注 下注 上分 代理 网址 官网注册 平台注册 app下载 注册送"
)

# Obscene services (Criminal Law 358-364): who is offered and how.
PORN_WHO = words("小姐 学生妹 少妇 嫩模 外围女 楼凤 援交妹 兼职妹 人妻 熟妇 商务模特 伴游 良家")
PORN_HOW = words("上门 包夜 快餐 陪睡 过夜 一条龙 裸聊")

# The fraud supply chain (253-1 personal data, 287-2 accounts and cards for fraud).
DATA = words("""
公民信息 车主信息 业主信息 股民信息 学生信息 家长信息 老板信息 快递信息 网贷数据 贷款数据
股民名单 业主名单 车主名单 学生名单 老板名单 手机号码数据 身份证信息 身份证照片 手持身份证照片
手持照 实名信息 银行卡信息 社工数据 开房数据 户籍信息 通话记录 快递面单 面单数据 保险客户 股民数据
基民数据 老年人数据 考生数据 考生信息 新生儿信息 孕妇信息 病人信息 患者信息 客户资料 房主信息
""")
ACCOUNTS = words("""
微信号 qq号 支付宝账号 支付宝号 抖音号 快手号 小红书号 微博号 陌陌号 探探号 实名微信 实名qq
实名支付宝 实名手机卡 物联网卡 银行卡 对公账户 u盾 网银 收款码 收款账户 实名账号 淘宝号 闲鱼号
京东账号 美团账号 拼多多账号 企业微信 商户号 聚合码 跑分码 商户码 一类卡 二类卡 对公户 对私账户
手机黑卡 微信小号 企业支付宝 视频号 头条号 百家号 企鹅号 大鱼号 知乎账号 b站账号 微博账号
""")
ACCOUNT_VERBS = words("出售 收购 回收 租用 出租 买卖 高价收 长期收 求购 代注册")
DATA_VERBS = words("出售 收购 买卖 批发 供应 低价出售")

# Wildlife (Criminal Law 341): only with the trade word after (象牙白, 虎皮鹦鹉).
WILDLIFE = words("象牙 犀角 犀牛角 穿山甲 羚羊角 盔犀鸟 红珊瑚 豹皮 鹰隼 猫头鹰 玳瑁")
WILDLIFE_AFTER = words("出售 收购 批发 买卖 转让 制品出售 手串出售 雕件出售")


# (kind, trade words before the item, items, trade words after it)
GROUPS = [
    ("fake_documents", FORGING, PERSONAL_DOCUMENTS, []),
    ("fake_documents", [], OFFICIAL_DOCUMENTS, words("代做 造假")),
    ("fake_documents", SELLING_PERSONAL, SOLD_DOCUMENTS, words("出售 买卖 收购")),
    ("fake_documents", INVOICE_VERBS, INVOICES, INVOICE_AFTER),
    ("weapons", WEAPON_BEFORE, WEAPONS, WEAPON_AFTER),
    ("weapons", [], AMMUNITION, WEAPON_AFTER),
    ("drugs", DRUG_BEFORE, DRUGS, DRUG_AFTER),
    ("gambling", [], GAMBLING_GAMES, GAMBLING_SERVICES),
    ("gambling", [], GAMBLING_BRANDS, BRAND_SERVICES),
    ("pornography", [], PORN_WHO, PORN_HOW),
    ("fraud", ACCOUNT_VERBS, ACCOUNTS, words("出售 收购 回收 出租 买卖")),
    ("fraud", DATA_VERBS, DATA, words("出售 收购 买卖 批发 供应")),
    ("wildlife", [], WILDLIFE, WILDLIFE_AFTER),
]


def candidates() -> dict[str, str]:
    """{term: kind} of the verb-item and item-verb compounds, in the order they are made."""
    out: dict[str, str] = {}
    for kind, before, items, after in GROUPS:
        for term in [v + i for v in before for i in items] + [i + v for i in items for v in after]:
            out.setdefault(term, kind)
    return out


def items() -> dict[str, list[str]]:
    """{kind: the banned items its compounds are made of}."""
    out: dict[str, list[str]] = {}
    for kind, _, things, _ in GROUPS:
        out.setdefault(kind, []).extend(things)
    return out
