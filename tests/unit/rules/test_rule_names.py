"""Every rule a hit can carry has a Chinese and an English name (issue 18: 规则误报率 showed codes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.models.codes import RuleCategory
from workbench.rules import contact, rule_names, text_rules
from workbench.rules.closed_names import REASON_LABELS
from workbench.rules.rule_names import rule_name

RULES_DIR = Path(rule_names.__file__).parent
LEXICONS = RULES_DIR.parent / "resources" / "lexicons"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _literal_codes() -> set[str]:
    """The rule codes written as literals where hits are made (``_hit(Category, "code"``,
    ``rule="code"``, ``RULE = "code"``)."""
    codes: set[str] = set()
    for path in [*RULES_DIR.glob("*.py"), RULES_DIR.parent / "cases" / "subjects.py"]:
        source = path.read_text(encoding="utf-8")
        codes.update(re.findall(r'_hit\(\s*RuleCategory\.\w+,\s*"([a-z_.]+)"', source))
        codes.update(re.findall(r'\brule="([a-z_.]+)"', source))
        codes.update(re.findall(r'^RULE = "([a-z_.]+)"', source, re.M))
        codes.update(re.findall(r'"(image\.[a-z_]+)"', source))
    return codes


def _family_codes() -> set[str]:
    kinds = {
        f"{prefix}{kind}"
        for prefix, stem in (("claim_", "claims"), ("prohibited_", "prohibited"))
        for path in LEXICONS.glob(f"{stem}*.txt")
        for kind in re.findall(r"kind=([a-z_]+)", path.read_text(encoding="utf-8"))
    }
    return (
        kinds
        | {f"{name}_name" for name in text_rules.BODY_LISTS}
        | {code for code, *_ in contact.RULES.values()}
        | {f"qualification_{field}" for field in text_rules.FIELD_LABEL}
        | {f"closed_name.{reason}" for reason in REASON_LABELS}
    )


def test_the_scan_finds_the_account_checks_codes():
    # The source scan below must see the codes, or it would pass on nothing.
    assert {"identity_not_verified", "follower_spike", "closed_subject_returns"} <= _literal_codes()
    assert {"image.qr_code", "org_name_mismatch"} <= _literal_codes()


@pytest.mark.parametrize("code", sorted(_literal_codes() | _family_codes()))
def test_every_rule_code_has_its_own_name(code):
    zh, en = rule_name(code)
    assert zh != code and CJK.search(zh), f"{code} has no Chinese name"
    assert en != code and not CJK.search(en), f"{code} has no English name"


def test_text_rule_codes_are_named():
    # The text rules' fixed codes (text_rules.py's _rule): 2022/8(2)-(5),(7), 2022/10, 2022/7.
    source = (RULES_DIR / "text_rules.py").read_text(encoding="utf-8")
    written = set(re.findall(r'^\s+"([a-z_]+_(?:name|word|claim))",$', source, re.M))
    fixed = written - {c.value for c in RuleCategory}
    assert {"state_name", "place_name", "news_word_name", "strict_word"} <= fixed
    for code in fixed:
        assert rule_name(code) in rule_names.RULE_NAMES.values()


def test_families_name_their_part():
    assert rule_name("claim_ranking") == ("夸大或误导（排名）", "Misleading claim (ranking)")
    assert rule_name("qualification_health")[0] == "缺少医疗卫生资质"
    assert rule_name("closed_name.same_pinyin")[0] == "与已关闭账号相似（同音）"


def test_an_unknown_code_is_named_by_its_category_else_kept():
    category = RuleCategory.IMPERSONATE_ORGANISATION.value
    assert rule_name("organisation_lexicon", category) == (
        "假冒机构",
        "Impersonates an organisation",
    )
    assert rule_name("claim_unheard_of", "not_a_category") == ("claim_unheard_of",) * 2
    assert rule_name(None) == ("", "")


def test_every_shipped_lexicon_list_has_a_name():
    stems = {p.name.split(".")[0] for p in LEXICONS.glob("*.txt")}
    assert stems and stems <= set(rule_names.LEXICON_NAMES)
    assert rule_names.lexicon_name("places") == ("地名（places）", "Places (places)")
    assert rule_names.lexicon_name("new_list") == ("new_list", "new_list")
