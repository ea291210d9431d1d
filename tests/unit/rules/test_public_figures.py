"""The public-figure names rule (2021/8): imitations of a listed name hit, however
disguised, unless the account holds an authorisation; unrelated names do not."""

from __future__ import annotations

import pytest

from workbench.rules.public_figures import FigureIndex, ListedName, figure_hits

PERSON = ("社会知名人士", "Well-known public figure")
ORGAN = ("党政机关", "Party or state organ")


@pytest.fixture(scope="module")
def index() -> FigureIndex:
    return FigureIndex(
        [
            ListedName(1, "刘德华", PERSON, ("Andy Lau",)),
            ListedName(2, "国家税务总局", ORGAN),
            ListedName(3, "王菲", PERSON),
        ]
    )


@pytest.mark.parametrize(
    ("name", "figure", "reason"),
    [
        ("刘德华", 1, "same_name"),
        ("劉德華", 1, "traditional_form"),
        ("刘德华官方", 1, "suffix_number_added"),
        ("刘德华2号", 1, "suffix_number_added"),
        ("刘德话", 1, "same_pinyin"),
        ("刘德华粉丝后援会", 1, "contains_name"),
        ("刘德话粉丝团", 1, "contains_name"),  # held whole by sound
        ("ANDY LAU", 1, "same_name"),
        ("国家税务总局", 2, "same_name"),
        ("王菲", 3, "same_name"),
    ],
)
def test_a_name_imitating_a_listed_one_hits_2021_8(index, name, figure, reason):
    """2021/8: names using a well-known figure's or an organ's name without authorisation."""
    (hit,) = [h for h in figure_hits(index, name) if h.details["figure_id"] == figure]
    assert hit.category == "public_figure_name" and hit.basis == "2021/8"
    assert reason in hit.details["reasons"]
    assert (hit.field, hit.start, hit.end, hit.matched) == ("name", 0, len(name), name)
    assert "2021/8" in hit.explanation


@pytest.mark.parametrize("name", ["张学友", "小城美食日记", "德华", "税务知识分享", "王"])
def test_unrelated_names_do_not_hit_2021_8(index, name):
    assert figure_hits(index, name) == []


def test_an_authorised_account_is_left_alone_2021_8(index):
    """2021/8 speaks of use *without* authorisation: the authorised figure is skipped, any
    other listed name the account imitates still hits."""
    assert figure_hits(index, "刘德华", authorised=frozenset({1})) == []
    assert [h.details["figure_id"] for h in figure_hits(index, "刘德华", authorised={2})] == [1]


def test_an_empty_list_or_name_gives_nothing_2021_8():
    assert figure_hits(None, "刘德华") == []
    assert figure_hits(FigureIndex([]), "刘德华") == []
    assert figure_hits(FigureIndex([ListedName(1, "刘德华", PERSON)]), "") == []
