"""Personal data is masked before it reaches a screen."""

from __future__ import annotations

import pytest

from workbench.rules.privacy import mask_contact, mask_email, mask_id_number, mask_phone


def test_id_number_shows_region_and_last_four():
    assert mask_id_number("110101199003071234") == "110***********1234"
    assert mask_id_number("11010119900307123X") == "110***********123X"


def test_phone_shows_first_three_and_last_four():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "+86 138-****-5678"


@pytest.mark.parametrize(
    "raw, masked",
    [
        ("010-12345678", "010-****5678"),
        ("12345", "***45"),
    ],
)
def test_phone_short_and_landline(raw, masked):
    assert mask_phone(raw) == masked


def test_email_keeps_first_letter_and_domain():
    assert mask_email("zhangsan@example.com") == "z*******@example.com"
    assert mask_email("a@example.com") == "*@example.com"


@pytest.mark.parametrize(
    "raw, masked",
    [
        ("lisi@qq.com", "l***@qq.com"),
        ("13812345678", "138****5678"),
        ("wxid_abcdef", "w*********f"),
        ("张三", "张*"),
    ],
)
def test_contact_picks_the_right_mask(raw, masked):
    assert mask_contact(raw) == masked


@pytest.mark.parametrize("fn", [mask_id_number, mask_phone, mask_email, mask_contact])
def test_none_and_empty_pass_through(fn):
    assert fn(None) is None
    assert fn("") == ""


@pytest.mark.parametrize("fn", [mask_id_number, mask_phone, mask_contact])
def test_masked_value_never_contains_the_full_value(fn):
    for raw in ("110101199003071234", "13812345678", "wxid_secret_handle"):
        assert raw not in fn(raw)
