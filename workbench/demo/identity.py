"""Synthetic ID numbers (GB 11643), unified social credit codes (GB 32100) and
phone numbers for the demo subjects.

Valid identifiers come from :mod:`workbench.rules.idcodes`; the few deliberately
broken ones (for the ``identity_unverified`` check) differ only in the check
character.
"""

from __future__ import annotations

import random

from workbench.rules.idcodes import (
    CREDIT_ALPHABET,
    ID_CHECK_CHARS,
    generate_credit_code,
    generate_id_number,
)

# Real county-level division codes (GB/T 2260), so numbers look like real ones.
REGION_CODES = (
    "110101",  # 北京市东城区
    "110105",  # 北京市朝阳区
    "310104",  # 上海市徐汇区
    "310115",  # 上海市浦东新区
    "440106",  # 广州市天河区
    "440305",  # 深圳市南山区
    "330106",  # 杭州市西湖区
    "320102",  # 南京市玄武区
    "510107",  # 成都市武侯区
    "420106",  # 武汉市武昌区
    "610113",  # 西安市雁塔区
    "500103",  # 重庆市渝中区
)


def _break(code: str, alphabet: str, rng: random.Random) -> str:
    """``code`` with its last (check) character replaced by a wrong one."""
    wrong = alphabet[
        (alphabet.index(code[-1]) + 1 + rng.randrange(len(alphabet) - 1)) % len(alphabet)
    ]
    return code[:-1] + wrong


def make_id_number(rng: random.Random, *, valid: bool = True) -> str:
    """A resident ID number; ``valid=False`` gives it a wrong check digit."""
    number = generate_id_number(rng, region=rng.choice(REGION_CODES))
    return number if valid else _break(number, ID_CHECK_CHARS, rng)


def make_credit_code(rng: random.Random, *, valid: bool = True) -> str:
    """A company's unified social credit code; ``valid=False`` breaks its check character."""
    code = generate_credit_code(rng, region=rng.choice(REGION_CODES))
    return code if valid else _break(code, CREDIT_ALPHABET, rng)


def make_phone(rng: random.Random) -> str:
    """A mainland mobile number."""
    return rng.choice(("138", "139", "150", "186", "177", "199")) + f"{rng.randrange(10**8):08d}"
