"""ID numbers (GB 11643) and unified social credit codes (GB 32100): check characters."""

from __future__ import annotations

import random
from datetime import date

import pytest

from workbench.rules.idcodes import (
    CREDIT_ALPHABET,
    credit_check_char,
    credit_code_problem,
    generate_credit_code,
    generate_id_number,
    id_check_char,
    id_number_problem,
    is_valid_credit_code,
    is_valid_id_number,
)

# Published examples (the first of each list) and numbers checked by the same algorithm.
VALID_IDS = ["11010519491231002X", "440524198001010013", "110105197201208217"]
VALID_CREDIT_CODES = ["91350100M000100Y43", "91110000Q283FQEF9Q"]
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("number", VALID_IDS)
def test_known_valid_id_numbers_pass(number):
    assert id_number_problem(number, today=TODAY) is None


def test_a_lower_case_x_and_spaces_are_accepted():
    assert is_valid_id_number(" 11010519491231002x ", today=TODAY)


def test_the_check_character_is_mod_11_2():
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("44052419800101001") == "3"


@pytest.mark.parametrize("number", VALID_IDS)
def test_every_single_character_corruption_of_an_id_number_is_refused(number):
    for i, original in enumerate(number):
        for replacement in "0123456789X":
            if replacement == original:
                continue
            corrupted = number[:i] + replacement + number[i + 1 :]
            assert id_number_problem(corrupted, today=TODAY) is not None, corrupted


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("", "empty"),
        ("11010519491231002", "18 characters"),
        ("1101051949123100X2", "17 digits"),
        ("990105194912310029", "region"),
        ("110000194912310024", "region"),
        ("110105194902300028", "does not exist"),
        ("110105203001010012", "in the future"),
        ("110105194912310021", "should be X, not 1"),
    ],
)
def test_invalid_id_numbers_say_why(number, reason):
    problem = id_number_problem(number, today=TODAY)
    assert problem is not None and reason in problem
    assert " / " in problem  # Chinese first, then English


def test_an_id_reason_never_repeats_the_birth_date():
    problem = id_number_problem("110105194902300028", today=TODAY)
    assert "19490230" not in problem and "1949" not in problem


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_known_valid_credit_codes_pass(code):
    assert credit_code_problem(code) is None


def test_the_credit_check_character_is_mod_31():
    assert credit_check_char("91350100M000100Y4") == "3"


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_every_single_character_corruption_of_a_credit_code_is_refused(code):
    for i, original in enumerate(code):
        for replacement in CREDIT_ALPHABET:
            if replacement == original:
                continue
            corrupted = code[:i] + replacement + code[i + 1 :]
            assert credit_code_problem(corrupted) is not None, corrupted


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("9135010M000100Y43", "18 characters"),
        ("91350100M000I00Y43", "I"),
        ("91350100S000100Y43", "not allowed"),
        ("913A0100M000100Y43", "region code"),
        ("91350100M000100Y44", "should be 3, not 4"),
    ],
)
def test_invalid_credit_codes_say_why(code, reason):
    problem = credit_code_problem(code)
    assert problem is not None and reason in problem


def test_generated_numbers_are_valid_and_reproducible():
    rng = random.Random(7)
    ids = [generate_id_number(rng) for _ in range(200)]
    codes = [generate_credit_code(rng) for _ in range(200)]
    assert all(is_valid_id_number(n, today=TODAY) for n in ids)
    assert all(is_valid_credit_code(c) for c in codes)
    again = random.Random(7)
    assert [generate_id_number(again) for _ in range(3)] == ids[:3]
    assert len(set(ids)) > 190


def test_generator_options_are_honoured():
    rng = random.Random(1)
    number = generate_id_number(rng, region="310104", birth=date(1990, 3, 7), female=True)
    assert number.startswith("31010419900307") and int(number[16]) % 2 == 0
    code = generate_credit_code(rng, department="5", kind="3", region="440300")
    assert code.startswith("53440300") and is_valid_credit_code(code)
    with pytest.raises(ValueError):
        generate_id_number(rng, region="990000")
