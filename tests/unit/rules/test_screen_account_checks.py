"""``workbench screen`` checks the account-level fields its input lines carry."""

from __future__ import annotations

import json

from workbench.cli import main


def _screen(tmp_path, lines, capsys):
    src = tmp_path / "accounts.jsonl"
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")
    code = main(["screen", str(src)])
    captured = capsys.readouterr()
    return code, captured


def test_account_level_hits_join_the_text_hits(tmp_path, capsys):
    lines = [
        {"id": "a", "name": "小美", "subject_id": "s1", "verification": "mobile"},
        {"id": "b", "name": "小美二号", "subject_id": "s1", "verification": "mobile"},
        {"id": "c", "name": "小美三号", "subject_id": "s1", "verification": "none"},
        {"id": "d", "name": "阿强"},
    ]
    code, captured = _screen(tmp_path, lines, capsys)
    assert code == 0
    out = {r["id"]: r["hits"] for r in map(json.loads, captured.out.splitlines())}
    categories = {k: sorted({h["category"] for h in v}) for k, v in out.items()}
    assert categories["a"] == categories["b"] == ["subject_account_cap"]
    assert categories["c"] == ["identity_unverified", "subject_account_cap"]
    assert categories["d"] == []
    cap = next(h for h in out["a"] if h["category"] == "subject_account_cap")
    assert "3 accounts, cap 2" in cap["explanation"] and cap["basis"] == "2021/10"


def test_a_malformed_account_field_stops_the_run_naming_the_line(tmp_path, capsys):
    lines = [{"id": "a", "name": "小美"}, {"id": "b", "follower_history": [["昨天", 3]]}]
    code, captured = _screen(tmp_path, lines, capsys)
    assert code == 2 and "line 2" in captured.err and captured.out == ""


def test_help_names_the_fields_each_account_check_reads(capsys):
    try:
        main(["screen", "--help"])
    except SystemExit as done:
        assert done.code == 0
    out = capsys.readouterr().out
    for category, fields in [
        ("public_account_incomplete", "contact"),
        ("subject_account_cap", "subject_id"),
        ("content_category_mismatch", "content_category"),
        ("traffic_anomaly", "follower_history"),
    ]:
        line = out[out.index(category) :].split("\n")[1]
        assert fields in line


def test_a_public_line_without_disclosure_fields_gets_no_disclosure_hit(tmp_path, capsys):
    lines = [
        {"id": "a", "kind": "public", "name": "小城美食日记"},
        {"id": "b", "kind": "public", "name": "小城美食日记", "contact": "暂无"},
    ]
    code, captured = _screen(tmp_path, lines, capsys)
    out = {r["id"]: r["hits"] for r in map(json.loads, captured.out.splitlines())}
    assert code == 0 and out["a"] == []
    assert [h["rule"] for h in out["b"]] == ["account_placeholder_disclosure"]
