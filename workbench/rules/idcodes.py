"""Check digits of the two identity numbers behind real-identity verification (2022/9).

- Resident identity numbers, GB 11643-1999: 17 digits (6-digit region code,
  8-digit birth date, 3-digit sequence, odd for men) and a check character
  by ISO 7064 MOD 11-2, ``X`` standing for 10.
- Unified social credit codes, GB 32100-2015: 18 characters from a 31-character
  alphabet without I, O, Z, S and V (registering department, organisation
  type, 6-digit region code, 9-character organisation code, check character
  by MOD 31 with fixed weights).

The ``*_problem`` functions return ``None`` for a valid number, else the reason
("zh / en") a reviewer reads on the account card; an ID number's reason never
repeats its region or birth date (personal data, 2022/16).  The generators produce
valid numbers for tests and demo data from a seeded :class:`random.Random`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2^(17-i) mod 11
ID_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum) mod 11
# Province-level prefixes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao,
# 83 residence permits of Taiwan residents).
PROVINCE_CODES = frozenset(
    [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37]
    + [41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]
)
EARLIEST_BIRTH = date(1900, 1, 1)

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_VALUES = {c: i for i, c in enumerate(CREDIT_ALPHABET)}
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation codes (positions 9-17 of a credit code).
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def normalise(value: str | None) -> str:
    """Strip spaces and upper-case a lower-case ``x``: how reviewers paste numbers."""
    return "".join((value or "").split()).upper()


def id_check_char(first17: str) -> str:
    """The GB 11643 check character of 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def id_number_problem(value: str | None, *, today: date | None = None) -> str | None:
    """Why ``value`` is not a valid resident identity number, or ``None`` if it is."""
    number = normalise(value)
    if not number:
        return "身份证号为空 / the ID number is empty"
    if len(number) != 18:
        return f"身份证号应为 18 位，实为 {len(number)} 位 / an ID number has 18 characters, not {len(number)}"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return (
            "身份证号前 17 位须为数字，末位为数字或 X / "
            "an ID number is 17 digits and a final digit or X"
        )
    if int(number[:2]) not in PROVINCE_CODES or number[2:6] == "0000":
        return "身份证号前 6 位不是有效的地区码 / the first 6 digits are no region code"
    birth_text = number[6:14]
    try:
        birth = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:8]))
    except ValueError:
        return "身份证号中的出生日期不存在 / the birth date in the ID number does not exist"
    if birth < EARLIEST_BIRTH or birth > (today or date.today()):
        return (
            "身份证号中的出生日期早于 1900 年或晚于今天 / "
            "the birth date in the ID number is before 1900 or in the future"
        )
    expected = id_check_char(number[:17])
    if number[17] != expected:
        return (
            f"身份证号校验码应为 {expected}，实为 {number[17]} / "
            f"check character should be {expected}, not {number[17]}"
        )
    return None


def is_valid_id_number(value: str | None, *, today: date | None = None) -> bool:
    return id_number_problem(value, today=today) is None


def credit_check_char(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters."""
    total = sum(CREDIT_VALUES[c] * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(value: str | None) -> str | None:
    """Why ``value`` is not a valid unified social credit code, or ``None`` if it is."""
    code = normalise(value)
    if not code:
        return "统一社会信用代码为空 / the credit code is empty"
    if len(code) != 18:
        return (
            f"统一社会信用代码应为 18 位，实为 {len(code)} 位 / "
            f"a credit code has 18 characters, not {len(code)}"
        )
    bad = sorted({c for c in code if c not in CREDIT_VALUES})
    if bad:
        shown = "".join(bad)
        return (
            f"统一社会信用代码含不允许的字符 {shown}（不使用 I、O、Z、S、V） / "
            f"characters {shown} are not allowed (I, O, Z, S, V are never used)"
        )
    if not code[2:8].isdigit():
        return (
            f"统一社会信用代码第 3-8 位行政区划码 {code[2:8]} 应为数字 / "
            f"the region code {code[2:8]} (characters 3-8) must be digits"
        )
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        return (
            f"统一社会信用代码校验码应为 {expected}，实为 {code[17]} / "
            f"check character should be {expected}, not {code[17]}"
        )
    return None


def is_valid_credit_code(value: str | None) -> bool:
    return credit_code_problem(value) is None


def generate_id_number(
    rng: random.Random,
    *,
    region: str = "110105",
    birth: date | None = None,
    female: bool | None = None,
) -> str:
    """A valid resident identity number (region 110105 is Beijing Chaoyang)."""
    if len(region) != 6 or not region.isdigit() or int(region[:2]) not in PROVINCE_CODES:
        raise ValueError(f"region code {region!r} is not a 6-digit code of a province")
    if birth is None:
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 45))
    if female is None:
        female = rng.random() < 0.5
    sequence = rng.randrange(0, 500) * 2 + (0 if female else 1)
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def org_code_check_char(first8: str) -> str:
    """The GB 11714 check character of an 8-character organisation code body."""
    total = sum(CREDIT_VALUES[c] * w for c, w in zip(first8, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def generate_credit_code(
    rng: random.Random, *, department: str = "9", kind: str = "1", region: str = "110000"
) -> str:
    """A valid unified social credit code (default: a company, 91, registered in Beijing)."""
    if len(region) != 6 or not region.isdigit():
        raise ValueError(f"region code {region!r} is not 6 digits")
    if department not in CREDIT_VALUES or kind not in CREDIT_VALUES:
        raise ValueError("department and kind must be characters of the credit code alphabet")
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    first17 = f"{department}{kind}{region}{body}{org_code_check_char(body)}"
    return first17 + credit_check_char(first17)
