"""Word pools of the generated labelled set (benchmarks/build_labelled_set.py).

Written here by hand from the real world (bodies, brands, slang, everyday phrases), NOT
read from workbench/resources/lexicons: the set measures how much of that world the
lexicons and the normaliser reach, so a pool holds things the lexicons may lack (county
courts, city police short forms, slang no list has yet) as well as things they have.
Nothing in this module or the generator imports the rule engine's lexicons
(tests/unit/rules/test_lexicon_data.py checks that).
"""

from __future__ import annotations


def words(text: str) -> list[str]:
    """The words of a pool written as one block of text."""
    return text.split()


# -- bodies -------------------------------------------------------------------------
ORGANS = words("""外交部 国防部 公安部 国家安全部 司法部 财政部 商务部 教育部 民政部 水利部 审计署
生态环境部 应急管理部 退役军人事务部 自然资源部 交通运输部 农业农村部 文化和旅游部
国务院 国务院办公厅 国务院新闻办公室 国务院台湾事务办公室 国家发展和改革委员会
中央纪委国家监委 中央组织部 中央宣传部 中央统战部 中央政法委 中央网信办 中央编办
全国人大常委会 全国政协 最高人民法院 最高人民检察院 国家税务总局 海关总署
国家市场监督管理总局 国家金融监督管理总局 中国证券监督管理委员会 国家医疗保障局
国家移民管理局 国家消防救援局 国家疾病预防控制局 国家数据局 国家信访局 国家邮政局
中国民用航空局 国家铁路局 国家能源局 国家文物局 国家知识产权局 国家药品监督管理局
中国人民银行 国家外汇管理局 国家广播电视总局 国家体育总局 国家统计局 国家烟草专卖局""")
ORGAN_SHORT = words("""网警 网安 最高法 最高检 中纪委 国安部 发改委 人社部 卫健委 证监会 央行 国台办
网信办 工信部 住建部 文旅部 国资委 税务总局 市场监管总局 金融监管总局 国家医保局 中组部
中宣部 中联部 团中央 全国妇联 中国科协 中国残联 中消协 全国总工会 国家反诈中心""")
MILITARY = words("""中央军委 中央军委联合参谋部 中央军委政治工作部 中央军委后勤保障部 中央军委装备发展部
中央军委训练管理部 中央军委国防动员部 东部战区 南部战区 西部战区 北部战区 中部战区
中国人民解放军 解放军陆军 解放军海军 解放军空军 火箭军 信息支援部队 联勤保障部队
武警部队 武警总部 中国海警局 东部战区海军 南部战区空军 北部战区陆军 驻香港部队
国防大学 军事科学院""")
BANKS_PLATFORMS = words("""工商银行 农业银行 建设银行 交通银行 招商银行 中信银行 浦发银行 兴业银行 民生银行
邮储银行 平安银行 支付宝 腾讯 阿里巴巴 百度 京东 华为 美团 拼多多 网易 抖音
中国移动 中国联通 中国电信 国家电网 顺丰 中国石化 中国人寿 中国平安""")
PROVINCES = words("""北京 天津 河北 山西 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北
湖南 广东 广西 海南 重庆 四川 贵州 云南 陕西 甘肃 青海 宁夏 新疆 内蒙古 西藏""")
CITIES = words("""广州 深圳 杭州 南京 苏州 成都 武汉 西安 长沙 郑州 青岛 厦门 宁波 合肥 济南
沈阳 大连 哈尔滨 长春 石家庄 太原 南昌 福州 昆明 贵阳 南宁 海口 兰州 西宁 银川
乌鲁木齐 呼和浩特 拉萨 无锡 佛山 东莞 温州 绍兴 嘉兴 珠海 汕头 惠州 泉州 洛阳 徐州
常州 烟台 潍坊 唐山 保定 桂林 三亚 遵义 绵阳 宜昌 襄阳 岳阳 赣州 芜湖""")
COUNTIES = words("""朝阳区 海淀区 浦东新区 天河区 南山区 西湖区 鼓楼区 武侯区 江汉区 雁塔区 岳麓区
金水区 市南区 思明区 鄞州区 蜀山区 历下区 和平区 南岗区 昆山市 义乌市 晋江市 慈溪市
江阴市 张家港市 寿光市 迁安市 瑞安市 宜兴市 永康市""")
# "{place}{ending}": endings city and county organs and their accounts use.
CITY_ORGAN_ENDINGS = words("""公安局 警方 网警 中院 中级人民法院 人民检察院 市场监管局 税务局 教育局 卫健委
人民政府 发改委 交警支队 消防救援支队 纪委监委 应急管理局 医保局 人社局 司法局 城管局""")
COUNTY_ORGAN_ENDINGS = words(
    """人民法院 公安分局 人民检察院 派出所 税务局 人民政府 交警大队 教育局"""
)
PROVINCE_ORGAN_ENDINGS = words(
    """高院 高级人民法院 网警 公安 人民检察院 纪委监委 政协 人大常委会"""
)

COUNTRIES = words("""法国 德国 英国 美国 日本 韩国 意大利 西班牙 葡萄牙 荷兰 比利时 瑞士 瑞典 挪威 丹麦
芬兰 波兰 希腊 奥地利 爱尔兰 俄罗斯 乌克兰 土耳其 以色列 埃及 南非 巴西 阿根廷 墨西哥 智利
秘鲁 新加坡 马来西亚 泰国 越南 老挝 柬埔寨 缅甸 菲律宾 印度尼西亚 巴基斯坦 印度 尼泊尔
加拿大 澳大利亚 新西兰 沙特阿拉伯 阿联酋 伊朗 哈萨克斯坦 乌兹别克斯坦 蒙古国 匈牙利 捷克
塞尔维亚 罗马尼亚 古巴 委内瑞拉 哥伦比亚 肯尼亚 尼日利亚 埃塞俄比亚 摩洛哥 卡塔尔 科威特
斯里兰卡 孟加拉国 白俄罗斯 阿尔及利亚""")
COUNTRY_EN = words("""France Germany Japan Italy Spain Canada Australia Brazil Mexico Singapore Malaysia
Thailand Vietnam Indonesia Philippines Pakistan India Russia Poland Sweden Norway Denmark
Finland Switzerland Austria Ireland Greece Portugal Netherlands Belgium Israel Egypt""")
ADJECTIVE_EN = words("""French German Japanese Italian Spanish Canadian Australian Brazilian Mexican
Swiss Swedish Norwegian Danish Finnish Polish Irish Greek Portuguese Dutch Belgian Israeli
Thai Vietnamese Indonesian Philippine Pakistani Indian Russian Korean British American""")
MISSION_CITIES = words("上海 广州 成都 重庆 沈阳 武汉 香港 西安 青岛 厦门")
INTL_ORGS = words("""联合国 联合国教科文组织 联合国儿童基金会 世界卫生组织 世界贸易组织 国际货币基金组织
世界银行 亚洲基础设施投资银行 国际奥委会 国际足联 国际刑警组织 欧盟 东盟 上海合作组织
联合国开发计划署 联合国难民署 国际劳工组织 世界知识产权组织 国际原子能机构 联合国粮农组织
世界粮食计划署 国际红十字委员会 亚洲开发银行 经合组织 北约 非盟 国际电信联盟 万国邮政联盟
世界气象组织 国际民航组织""")
INTL_ORGS_EN = ["UNICEF", "UNESCO", "UNHCR", "UNDP", "FIFA", "OECD", "APEC", "IAEA", "WIPO",
                "World Health Organization", "World Bank", "United Nations",
                "International Monetary Fund", "Interpol"]  # fmt: skip

NEWS_BRANDS = words("""新闻联播 焦点访谈 新闻1+1 东方时空 朝闻天下 新闻调查 今日说法 经济半小时 澎湃新闻
观察者网 人民日报 新华社 光明日报 经济日报 中国日报 解放军报 环球时报 参考消息 中国青年报
新京报 南方周末 南方都市报 财新 第一财经 界面新闻 红星新闻 封面新闻 上游新闻 极目新闻 九派新闻
潇湘晨报 北京青年报 扬子晚报 钱江晚报 新民晚报 羊城晚报 广州日报 齐鲁晚报 华商报 楚天都市报
大河报 华西都市报 成都商报 解放日报 文汇报 浙江日报 南方日报 湖北日报 湖南卫视 浙江卫视
东方卫视 江苏卫视 北京卫视 凤凰卫视 央视新闻 央视财经 中国之声 侠客岛 人民网 新华网
中新网 央广网 每日经济新闻 21世纪经济报道 证券时报 中国证券报 上海证券报 半月谈""")
NEWS_BRANDS_NO_NEWS_WORD = words("""新闻联播 焦点访谈 东方时空 朝闻天下 今日说法 澎湃 观察者网 侠客岛 财新
第一财经 界面 半月谈 参考消息 求是 凤凰卫视 湖南卫视""")
NEWS_WORD_NAMES = words("""{place}头条 {place}快讯 {place}资讯 {place}日报 {place}晚报 {place}早报 {place}新闻
{place}时报 {place}新闻网 {place}电视台 {place}广播电台 {place}周刊 {place}报道""")

SEATS = words("""中南海 人民大会堂 钓鱼台 钓鱼台国宾馆 新华门 玉泉山 北戴河 八一大楼 京西宾馆 紫光阁
怀仁堂 天安门 天安门城楼 人民英雄纪念碑 毛主席纪念堂 故宫 西花厅 瀛台 丰泽园 勤政殿""")
PLACE_CUES = ["发布", "官方", "官微", "政务", "官网"]

# -- content ------------------------------------------------------------------------
PROHIBITED = {
    "gambling": words("""网赌 百家乐 真人荷官 六合彩 时时彩 北京赛车 幸运飞艇 棋牌上下分 上下分 捕鱼上分
红包扫雷 足球外围 赌球 滚球 菠菜平台 线上娱乐城 澳门赌场 博彩 首存送 日返水 洗码 龙虎斗
百人牛牛 抢庄牛牛 加拿大28 pc28 老虎机 骰宝 私彩 特码 博彩代理 赌场开户"""),
    "drugs": words("""冰毒 麻古 k粉 大麻 海洛因 摇头丸 笑气 神仙水 听话水 迷药 催情药 依托咪酯 上头电子烟
飞叶子 嗨草 出冰 冰货 咔哇潮饮 彩虹烟 芬太尼 曲马多 三唑仑 氯胺酮 甲卡西酮 魔幻蘑菇
大麻烟 冰妹 开心水"""),
    "weapons": words("""仿真枪 气枪 猎枪 汽狗 钢珠枪 火药枪 手枪 子弹出售 铅弹 弓弩 军用弩 麻醉枪 电击枪
军刺 三棱刀 弹簧刀 管制刀具 雷管 炸药 黑火药 自制枪支 枪支配件 枪支图纸 秃鹰气枪 打鸟枪"""),
    "fake_documents": words("""办证 假证 刻章 私刻公章 假文凭 学历代办 毕业证代办 学信网可查 假身份证 代开发票
发票代开 假发票 驾照销分 代扣分 代考 替考 作弊器 作弊耳机 挂证 职称代办 假病历 银行流水代做
假结婚证 假离婚证 假房产证 假护照"""),
    "pornography": words("""约炮 裸聊 援交 一夜情 楼凤 外围女 大保健 莞式 约啪 果聊 福利姬 黄网
成人视频 色情直播 原味内衣 福利视频 小姐上门 特殊服务 裸贷 看片群 色站 黄色网站"""),
    "fraud": words("""刷单 刷单返利 兼职刷单 刷好评 刷粉丝 刷销量 网贷口子 黑户贷款 秒下款 征信修复 征信洗白
信用卡套现 花呗套现 养卡 查开房记录 手机定位查询 社工库 个人信息出售 短信轰炸 呼死你 伪基站
猫池 收购银行卡 出售银行卡 银行卡四件套 对公账户出售 出售微信号 实名认证代过 人脸代过 微信解封
跑分平台 跑分 洗钱 资金盘 杀猪盘 代孕 试管代孕 卖肾 私家侦探 窃听器 代写论文 改号软件"""),
}
PROHIBITED_TEMPLATES = [
    ("小{nick}", "{term}，靠谱", ""),
    ("{nick}的小店", "专业{term}", "诚信经营"),
    ("{nick}{nick2}", "", "{term} 私聊"),
    ("{term}{nick}", "", ""),
    ("{nick}工作室", "承接{term}业务", "老客户优先"),
    ("{nick}", "有{term}的来", ""),
]

CLAIMS = words("""全网第一 全国第一 行业第一 销量第一 世界第一 排名第一 最权威 最专业 最低价 全网最低
顶级 国家级 唯一指定 独家授权 官方认证 官方指定 政府指定 国家认证 百分百有效 根治 包治百病
药到病除 永不复发 无副作用 稳赚不赔 保本保息 零风险 日赚千元 月入过万 躺赚 高回报 翻倍收益
包过 保过 不过退款 驰名商标 国宴专用 一次根治 三天见效 稳赢 包赢
只赚不赔 保证收益 史上最低 全球首发 最先进""")
CLAIM_TEMPLATES = [("{nick}{term}", "", ""), ("{nick}好物", "{term}，放心购买", ""),
                   ("{nick}的店", "", "{term}")]  # fmt: skip

# (text, regulated field) advice offers; labels add misleading_claim when the text claims.
ADVICE = [
    ("每日荐股 带你抓涨停", "economy"), ("期货带单 稳定盈利", "economy"),
    ("外汇喊单老师", "economy"), ("免费诊股 跟庄吃肉", "economy"),
    ("牛股推荐 加群学习", "economy"), ("币圈带单 合约高手", "economy"),
    ("私募操盘手 实盘分享", "economy"), ("股票老师 一对一指导", "economy"),
    ("理财规划师 资产配置建议", "economy"), ("投顾服务 选股技巧", "economy"),
    ("三甲医院主任医师 在线看诊", "health"), ("副主任医师 专治失眠", "health"),
    ("老中医 祖传调理方", "health"), ("中医世家 针灸推拿 坐诊", "health"),
    ("皮肤科主治医师 在线问诊", "health"), ("医美机构 玻尿酸注射", "health"),
    ("名医问诊 开处方", "health"), ("心理医生 在线咨询", "health"),
    ("营养师 定制减肥方案", "health"), ("男科专家 在线问诊", "health"),
    ("考研辅导 名师一对一", "education"), ("中考辅导 提分快", "education"),
    ("留学中介 申请名校", "education"), ("考公辅导 上岸班", "education"),
    ("家教 一对一补课", "education"), ("雅思培训 小班授课", "education"),
    ("教资培训 直播网课", "education"), ("学科辅导 作业辅导", "education"),
    ("律师事务所 免费法律咨询", "justice"), ("打官司找我 诉讼代理", "justice"),
    ("法律顾问 合同审查", "justice"), ("离婚咨询 刑事辩护", "justice"),
    ("律师函代发 法务咨询", "justice"), ("法律援助 代写诉状", "justice"),
    ("独家报道 新闻线索", "news"), ("本台记者 采访报道", "news"),
    ("记者站 新闻采访", "news"), ("自费出书 买书号", "publishing"),
    ("期刊发表 论文发表", "publishing"), ("出版发行 图书策划", "publishing"),
]  # fmt: skip
ADVICE_CLAIMS = [("考研包过 不过退款", "education"), ("教资包过", "education"),
                 ("荐股 稳赚不赔", "economy"), ("根治脱发 三天见效", "health"),
                 ("带单 保本保息", "economy"), ("职称论文包过", "publishing")]  # fmt: skip

# (claimed in the account, how it is written, the profession verified, its field or "")
PROFESSIONS = [
    ("律师", "justice"), ("医生", "health"), ("主任医师", "health"), ("护士", "health"),
    ("教师", "education"), ("教授", "education"), ("记者", "news"), ("会计师", "economy"),
    ("基金经理", "economy"), ("心理咨询师", "health"), ("药剂师", "health"),
    ("警察", ""), ("工程师", ""), ("法官", "justice"), ("营养师", "health"),
]  # fmt: skip
PROFESSION_PINYIN = {"律师": "lvshi", "医生": "yisheng", "护士": "hushi", "教师": "jiaoshi",
                     "教授": "jiaoshou", "记者": "jizhe", "会计师": "kuaijishi",
                     "警察": "jingcha", "工程师": "gongchengshi", "法官": "faguan"}  # fmt: skip
VERIFIED_PROFESSIONS = ["程序员", "厨师", "设计师", "销售", "司机", "摄影师", "健身教练",
                        "美容师", "导游", "电工"]  # fmt: skip

# Words that make a name present itself as a news source (2022/8(4)).
NEWS_WORDS = (
    "新闻",
    "报道",
    "快讯",
    "资讯",
    "头条",
    "日报",
    "晚报",
    "早报",
    "时报",
    "周刊",
    "电视台",
)
STRICT_NAMES = words("""中国{x} 中华{x} 全国{x} 国家{x} 中央{x}""")

# -- people and filler --------------------------------------------------------------
NICKS = words("""阿杰 小雨 小鹿 阿强 大伟 小芳 阿明 老陈 小美 阿花 小林 阿飞 老王 小周 阿宝 小七
大熊 小黑 阿珍 小唐 豆豆 糖糖 乐乐 果果 壮壮 丫丫 阿九 小满 阿木 小北""")
FILLER_BIO = ["分享日常", "欢迎交流", "记录生活", "随缘更新", "一起进步", "谢谢关注",
              "认真生活", "做个好人", "好好吃饭", "天天开心"]  # fmt: skip
SIGNATURES = ["", "", "加油", "慢慢来", "知足常乐", "岁月静好"]

# -- contacts -----------------------------------------------------------------------
CONTACT_CUES = {
    "wechat": ["微信", "威信", "薇信", "V信", "vx", "VX", "wx", "薇❤", "微❤", "V❤", "危❤",
               "卫星", "绿泡泡", "加V", "+V", "徽信", "🛰", "喂信", "V"],
    "qq": ["QQ", "扣扣", "🐧", "企鹅", "Q", "抠抠", "qq号", "口口"],
    "telegram": ["飞机", "纸飞机", "✈️", "tg", "TG", "电报"],
    "phone": ["电话", "手机", "📞", "☎", "tel", "联系电话", "来电"],
}  # fmt: skip
DIGIT_STYLES = ["plain", "spaced", "dashed", "circled", "parenthesised", "fullwidth",
                "superscript", "keycap", "chinese", "capital", "slang", "mixed"]  # fmt: skip

# -- clean accounts -----------------------------------------------------------------
# Everyday names and bios that contain a listed term without meaning it.
EVERYDAY = [
    "中央空调清洗", "中华田园犬日记", "发展中国家研究笔记", "天津大麻花", "冰糖雪梨糖水铺",
    "上头条的梦想", "工作日报模板分享", "海军蓝穿搭", "钓鱼空军日记", "心潮澎湃的小李",
    "小米手机玩机", "华为手机维修", "法国香水分享", "意大利面做法", "泰国菜小馆",
    "日本旅游攻略", "西班牙语学习", "韩国烤肉店", "北京烤鸭店", "兰州拉面馆", "新疆大盘鸡",
    "重庆火锅老店", "杭州美食探店", "我在广州的日子", "成都慢生活", "澳洲留学生活",
    "第一次下厨", "最好的时光", "不是最好但最用心", "办证大厅指南", "反洗钱知识科普",
    "远离毒品 珍爱生命", "拒绝赌博 从我做起", "警惕刷单诈骗", "识破杀猪盘", "防范电信诈骗",
    "故宫旅游攻略", "长城脚下的农家院", "天安门广场升旗观后感", "人民大会堂参观笔记",
    "法律英语学习", "医生剧观后感", "律政剧推荐", "记者节快乐", "老师节日礼物",
    "微信读书笔记", "QQ音乐歌单", "飞机模型爱好者", "企鹅宝宝观察", "纸飞机折法",
    "身高180 体重70", "生于1998", "iPhone15 使用体验", "5G套餐对比", "365天打卡",
    "绿泡泡手工皂", "抖音热门歌曲", "美团外卖骑手日常", "京东购物分享", "支付宝集福攻略",
    "工商银行网点排队记", "招商银行信用卡使用心得", "建设银行房贷经验", "biochemistry student",
    "平安夜快乐", "火箭发射观看攻略", "东方卫视节目单", "湖南卫视综艺吐槽", "焦点访谈观后感",
    "快手美食", "头条号运营心得", "新闻学考研经验", "医学生的日常", "护理专业学习笔记",
    "股票入门读书笔记", "理财小白记账", "基金定投记录", "考研上岸经验", "教资备考日记",
    "冰壶比赛观后感", "溜冰场周末", "邮票收藏", "蘑菇种植技术", "手枪虾做法", "气枪打气球游戏",
    "大保健养生茶", "白粉病防治", "菠菜种植",
]  # fmt: skip
# (account name, verified organisation): brands and bodies run by the named organisation
# or by a differently named company.
VERIFIED_BODIES = [
    ("抖音", "北京微播视界科技有限公司"), ("美团外卖", "北京三快在线科技有限公司"),
    ("拼多多", "上海寻梦信息技术有限公司"), ("今日头条", "北京字节跳动科技有限公司"),
    ("淘宝", "浙江淘宝网络有限公司"), ("天猫", "浙江天猫网络有限公司"),
    ("饿了么", "拉扎斯网络科技（上海）有限公司"), ("京东", "北京京东世纪贸易有限公司"),
    ("哔哩哔哩", "上海宽娱数码科技有限公司"), ("快手", "北京快手科技有限公司"),
    ("微博", "北京微梦创科网络技术有限公司"), ("携程旅行", "上海携程商务有限公司"),
    ("滴滴出行", "北京小桔科技有限公司"), ("高德地图", "高德软件有限公司"),
    ("国家电网", "国网北京市电力公司"), ("中国石化", "中国石油化工股份有限公司北京石油分公司"),
    ("小米", "北京小米科技有限责任公司"), ("华为", "华为技术有限公司"),
    ("支付宝", "支付宝（中国）网络技术有限公司"), ("中国移动", "中国移动通信集团广东有限公司"),
    ("中国银行北京分行", "中国银行股份有限公司北京市分行"),
    ("工商银行深圳分行", "中国工商银行股份有限公司深圳市分行"),
    ("东部战区", "中国人民解放军东部战区"), ("江苏网警", "江苏省公安厅网络安全保卫总队"),
    ("广州中院", "广州市中级人民法院"), ("外交部", "中华人民共和国外交部"),
    ("人民日报", "人民日报社"), ("新华社", "新华通讯社"), ("澎湃新闻", "上海东方报业有限公司"),
    ("观察者网", "上海观察者信息技术有限公司"), ("湖南卫视", "湖南广播电视台"),
    ("法国驻华大使馆", "法兰西共和国驻中华人民共和国大使馆"), ("世界卫生组织", "世界卫生组织驻华代表处"),
    ("深圳警方", "深圳市公安局"), ("北京发布", "北京市人民政府新闻办公室"),
]  # fmt: skip
