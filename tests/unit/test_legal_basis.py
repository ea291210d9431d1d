"""Legal basis references are checked against the regulations' articles and items."""

from __future__ import annotations

import pytest

from workbench.cases.legal_basis import check_basis, check_reference
from workbench.errors import ValidationError
from workbench.models.codes import REPORT_CATEGORY_BASIS


@pytest.mark.parametrize(
    "text, normal",
    [
        ("2022/8(2)", "2022/8(2)"),
        (" 2021/20 ", "2021/20"),
        ("2021/18(10)", "2021/18(10)"),
        ("2017/15", "2017/15"),
        ("2022/08(2)", "2022/8(2)"),
    ],
)
def test_real_references_pass(text, normal):
    assert check_reference(text) == normal


@pytest.mark.parametrize(
    "text, why",
    [
        ("2022-8-2", "malformed"),
        ("2022/8(9)", "items 1-8"),
        ("2022/25", "articles 1-24"),
        ("2021/0", "articles 1-23"),
        ("2019/3", "no regulation of 2019"),
        ("2022/9(1)", "no numbered items"),
        ("8(2)", "malformed"),
    ],
)
def test_wrong_references_are_refused_with_the_reason(text, why):
    with pytest.raises(ValidationError, match=why.replace("(", r"\(")):
        check_reference(text)


def test_several_references_are_joined_and_deduplicated():
    assert check_basis("2022/8(2)，2022/10; 2022/8(2)") == "2022/8(2), 2022/10"
    with pytest.raises(ValidationError):
        check_basis(" ")


def test_every_default_category_basis_is_valid():
    for basis in REPORT_CATEGORY_BASIS.values():
        assert check_basis(basis) == basis
