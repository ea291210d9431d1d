"""Lexicon files: the documented format, and extension by a platform without code."""

from __future__ import annotations

import pytest

from workbench.rules.engine import AccountInput, Screener
from workbench.rules.lexicons import LIST_NAMES, LexiconError, Lexicons, parse_line


def test_line_format():
    e = parse_line("中国工商银行|工商银行|icbc\tkind=bank")
    assert e.name == "中国工商银行"
    assert e.aliases == ("工商银行", "icbc")
    assert e.attrs == {"kind": "bank"}
    assert parse_line("# comment") is None
    assert parse_line("   ") is None


def test_bad_attribute_names_file_and_line():
    with pytest.raises(LexiconError, match="x.txt:3"):
        parse_line("词\tnovalue", "x.txt:3")


def test_shipped_lists_are_all_present_and_small(tmp_path):
    lex = Lexicons.load()
    for name in LIST_NAMES:
        assert lex.get(name), name
    assert len(lex.get("places")) > 3000


def test_platform_adds_a_list_file_without_code(tmp_path):
    shipped = Lexicons.load()
    for name, entries in shipped.lists.items():
        lines = [
            "|".join(e.terms) + "\t" + " ".join(f"{k}={v}" for k, v in e.attrs.items())
            for e in entries
        ]
        (tmp_path / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")
    account = AccountInput(name="小王", bio="出售蓝精灵药丸")
    assert not Screener(Lexicons.load(tmp_path)).screen(account).hits
    (tmp_path / "prohibited.platform.txt").write_text("蓝精灵药丸\tkind=drugs\n", encoding="utf-8")
    hits = Screener(Lexicons.load(tmp_path)).screen(account).hits
    assert [(h.category, h.matched) for h in hits] == [("prohibited_content", "蓝精灵药丸")]
