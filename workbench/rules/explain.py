"""Text-rule hits and their explanations: the text as written and what it was read as.

Every explanation is Chinese first, English after `` / ``, and its Chinese part holds
no code: 以机构名称自居：『外 交 部』读作『外交部』（变形写法）.
"""

from __future__ import annotations

from workbench.rules.hits import Hit, basis_for

TECHNIQUE_SCORE = {
    "exact": 0.95,
    "normalised": 0.9,
    "lookalike": 0.85,
    "pinyin": 0.85,
    "split": 0.8,
    "homophone": 0.75,
    "standin": 0.8,
}
TECHNIQUE_LABEL = {
    "exact": "原文",
    "normalised": "变形写法",
    "lookalike": "形近字",
    "pinyin": "拼音",
    "split": "拆字",
    "homophone": "谐音",
    "standin": "符号代字",
}


def make_hit(
    category,
    rule,
    severity,
    canonical,
    zh,
    en,
    field_name,
    start,
    end,
    matched,
    technique,
    score_scale=1.0,
    read_as="",
):
    """A text-rule hit whose explanation names the text as written and what it was read as:
    以机构名称自居：『外 交 部』读作『外交部』（变形写法）."""
    return Hit(
        category=category,
        rule=rule,
        field=field_name,
        start=start,
        end=end,
        matched=matched,
        basis=basis_for(category),
        severity=severity,
        score=round(TECHNIQUE_SCORE.get(technique, 0.8) * score_scale, 3),
        explanation=explain(zh, en, matched, read_as or canonical, canonical, technique),
        details={"term": canonical, "technique": technique},
    )


def explain(zh, en, matched, read_as, canonical, technique) -> str:
    """``zh``: 『matched』[读作『read_as』（how）][，即『canonical』] / the same in English."""
    said_zh, said_en = f"{zh}：『{matched}』", f"{en}: '{matched}'"
    if technique != "exact" or matched != read_as:
        label = TECHNIQUE_LABEL.get(technique, "变形写法")
        said_zh += f"读作『{read_as}』（{label}）"
        said_en += f" read as '{read_as}' ({technique})"
    if canonical != read_as:
        said_zh += f"，即『{canonical}』"
        said_en += f", that is '{canonical}'"
    return f"{said_zh} / {said_en}"
