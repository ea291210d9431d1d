"""The name of every rule a hit can carry, (Chinese, English), for people to read.

A hit's ``rule`` is a stable code (``organs_name``, ``contact_wechat``,
``claim_ranking``, ``closed_name.same_pinyin``...); the tables here name them
once for the desktop, the administration page's dismissal rates and exports.
Rules that come in families (a lexicon ``kind=``, a regulated field, a reason of
closed-name similarity) are named from their family and their part.  A code
this module does not know is named by its category (``RULE_LABELS``), so a
reviewer never reads a bare code.
"""

from __future__ import annotations

from workbench.models.codes import RuleCategory
from workbench.models.views import category_label
from workbench.rules.closed_names import REASON_LABELS
from workbench.rules.public_figures import REASON_LABELS as FIGURE_REASONS
from workbench.rules.text_rules import FIELD_LABEL

#: Rules with one fixed code.
RULE_NAMES: dict[str, tuple[str, str]] = {
    # Text rules (text_rules.py): a body's name presented as the account's own.
    "organs_name": ("冒用国家机关名称", "Name of a state organ"),
    "enterprises_name": ("冒用企业名称", "Name of an enterprise"),
    "international_organisations_name": ("冒用国际组织名称", "Name of an international body"),
    "news_media_name": ("冒用新闻媒体名称", "Name of a news medium"),
    "landmarks_name": ("冒用地标名称", "Name of a landmark"),
    "foreign_mission_name": ("冒用外国使领馆名称", "Name of a foreign mission"),
    "state_name": ("以国家或地区自居", "Presents itself as a state"),
    "org_shaped_name": ("名称形如国家机关", "Name shaped like a state organ"),
    "place_name": ("以地名自居", "Presents itself as a place"),
    "news_word_name": ("名称含新闻属性词", "News word in the name"),
    "strict_word": ("含需严格核验字样", "Word needing strict verification"),
    "profession_claim": ("声称职业与认证不符", "Claimed profession differs"),
    "org_name_mismatch": ("机构名称与认证不符", "Organisation name differs"),
    # Contact details (contact.py).
    "contact_url": ("含网址", "Contains a URL"),
    "contact_email": ("含电子邮箱", "Contains an e-mail address"),
    "contact_phone": ("含电话号码", "Contains a phone number"),
    "contact_wechat": ("含微信号", "Contains a WeChat ID"),
    "contact_qq": ("含QQ号", "Contains a QQ number"),
    "contact_telegram": ("含Telegram账号", "Contains a Telegram ID"),
    "contact_other_id": ("含其他平台账号", "Contains another platform's ID"),
    # Account-level checks (account_checks.py, cases/subjects.py).
    "identity_not_verified": ("未完成真实身份认证", "Identity not verified"),
    "id_number_invalid": ("身份证号码无效", "Invalid ID number"),
    "credit_code_invalid": ("统一社会信用代码无效", "Invalid credit code"),
    "verification_without_number": ("认证缺少证件号码", "Verified without a number"),
    "account_missing_disclosure": ("未公示必备信息", "Required details not shown"),
    "account_placeholder_disclosure": ("公示信息为占位内容", "Placeholder details"),
    "subject_account_cap": ("同一主体账号超限", "Too many accounts per subject"),
    "inactive_six_months": ("六个月未使用", "Inactive six months"),
    "follower_spike": ("粉丝数异常激增", "Follower spike"),
    "follower_mass_loss": ("粉丝数异常骤降", "Follower mass loss"),
    "unapproved_transfer": ("未经批准转让", "Unapproved transfer"),
    "content_category_mismatch": ("内容与类别不符", "Content category mismatch"),
    "closed_subject_returns": ("已关闭主体重新注册", "Subject of a closed account returns"),
    # Images (images.py).
    "image.protected_symbol": ("图片含受保护标志", "Protected symbol in an image"),
    "image.national_flag_layout": ("图片形似国旗", "Flag-like image"),
    "image.qr_code": ("图片含二维码", "QR code in an image"),
    "image.matrix_code": ("图片含矩阵码", "Matrix code in an image"),
}

#: The ``kind=`` of the claims and prohibited lexicons.
KIND_NAMES: dict[str, tuple[str, str]] = {
    "ranking": ("排名", "ranking"),
    "superlative": ("最高级用语", "superlative"),
    "guarantee": ("保证效果", "guarantee"),
    "returns": ("承诺收益", "promised returns"),
    "official": ("官方身份", "official status"),
    "authority": ("权威背书", "authority"),
    "gambling": ("赌博", "gambling"),
    "drugs": ("毒品", "drugs"),
    "fake_documents": ("假证", "fake documents"),
    "weapons": ("枪支武器", "weapons"),
    "pornography": ("色情", "pornography"),
    "fraud": ("诈骗", "fraud"),
    "wildlife": ("野生动物", "wildlife"),
    "other": ("其他", "other"),
}

#: Families: code prefix -> (table of parts, Chinese pattern, English pattern).
FAMILIES: tuple[tuple[str, dict[str, tuple[str, str]], str, str], ...] = (
    ("claim_", KIND_NAMES, "夸大或误导（{}）", "Misleading claim ({})"),
    ("prohibited_", KIND_NAMES, "违禁内容（{}）", "Prohibited content ({})"),
    ("qualification_", FIELD_LABEL, "缺少{}资质", "No {} qualification"),
    ("closed_name.", REASON_LABELS, "与已关闭账号相似（{}）", "Like a closed account ({})"),
    ("public_figure.", FIGURE_REASONS, "未经授权使用名单上的名称（{}）", "Listed name used ({})"),
)


def rule_name(rule: str | None, category: str | None = None) -> tuple[str, str]:
    """(Chinese, English) name of ``rule``; unknown codes by ``category``'s label, else the code."""
    if not rule:
        return ("", "")
    if rule in RULE_NAMES:
        return RULE_NAMES[rule]
    for prefix, parts, zh, en in FAMILIES:
        if rule.startswith(prefix):
            part = parts.get(rule[len(prefix) :])
            if part is not None:
                return (zh.format(part[0]), en.format(part[1]))
    if category:
        try:
            RuleCategory(category)
        except ValueError:
            return (rule, rule)
        return (category_label(category, "zh_CN"), category_label(category, "en"))
    return (rule, rule)


#: The lexicon lists (resources/lexicons/<name>.txt) by what they hold, for the
#: administration page's 规则词表; the file's name stays beside it.
LEXICON_NAMES: dict[str, tuple[str, str]] = {
    "allowlist": ("白名单", "Allow list"),
    "claims": ("夸大或误导用语", "Misleading claims"),
    "contact_cues": ("联系方式提示词", "Contact cues"),
    "enterprises": ("企业名称", "Enterprises"),
    "international_organisations": ("国际组织名称", "International organisations"),
    "landmarks": ("地标名称", "Landmarks"),
    "mention_cues": ("提及提示词", "Mention cues"),
    "negations": ("否定词", "Negations"),
    "news_media": ("新闻媒体名称", "News media"),
    "news_words": ("新闻属性词", "News words"),
    "official_cues": ("官方提示词", "Official cues"),
    "org_suffixes": ("机构名称后缀", "Organisation suffixes"),
    "organs": ("国家机关名称", "State organs"),
    "places": ("地名", "Places"),
    "professions": ("职业", "Professions"),
    "prohibited": ("违禁内容用语", "Prohibited content"),
    "regulated_fields": ("受监管领域用语", "Regulated fields"),
    "states": ("国家和地区名称", "States and regions"),
    "strict_words": ("需严格核验字样", "Words needing strict verification"),
}


def lexicon_name(name: str) -> tuple[str, str]:
    """(Chinese, English) of lexicon list ``name``, then its file stem: 地名（places）."""
    zh, en = LEXICON_NAMES.get(name, (name, name))
    return (f"{zh}（{name}）", f"{en} ({name})") if zh != name else (name, name)
