"""JSON from outside: nesting bounded without RecursionError; JSON Lines split on LF only."""

from __future__ import annotations

import json

import pytest

from workbench import safe_json
from workbench.importing.records import read_records
from workbench.records.notify import decode, encode

DEEP = "[" * 100_000 + "]" * 100_000


def test_a_hundred_thousand_nested_lists_are_refused_naming_the_line():
    with pytest.raises(safe_json.JsonError) as caught:
        safe_json.loads(DEEP, line=7)
    message = str(caught.value)
    assert "第 7 行" in message and "line 7" in message
    assert "嵌套" in message and "nested deeper than 64" in message


def test_nesting_within_the_bound_and_brackets_in_strings_are_fine():
    nested = "[" * 64 + "]" * 64
    assert safe_json.loads(nested) == json.loads(nested)
    with pytest.raises(safe_json.JsonError):
        safe_json.loads("[" * 65 + "]" * 65)
    text = json.dumps({"name": "[" * 5000 + '\\"{', "ids": [1, [2]]})
    assert safe_json.loads(text)["ids"] == [1, [2]]
    with pytest.raises(safe_json.JsonError, match="malformed JSON"):
        safe_json.loads("{bad")


def test_json_lines_split_on_line_feed_only():
    separators = "\u2028\u2029\u0085\x0c\x0b\x1c\x1d\x1e\r"
    first = json.dumps({"id": "a", "bio": f"甲{separators}乙"}, ensure_ascii=False)
    assert safe_json.split_lines(f"{first}\r\n{{}}\n\n") == [first, "{}", ""]
    assert safe_json.loads(first)["bio"] == f"甲{separators}乙"


def test_an_import_file_keeps_separators_inside_a_line_and_refuses_a_deep_line(tmp_path):
    bio = "第一段\u2028第二段\u0085第三段"
    good = json.dumps({"id": "acc-1", "name": "账号", "bio": bio}, ensure_ascii=False)
    path = tmp_path / "accounts.jsonl"
    path.write_text(f"{good}\n{DEEP}\n{good}\n", encoding="utf-8")
    fmt, records = read_records(path)
    assert fmt == "jsonl" and [r.line for r in records] == [1, 2, 3]
    assert records[0].data["bio"] == bio and not records[0].problems
    assert records[1].data is None
    assert "nested deeper than 64" in records[1].problems[0]
    assert records[2].data["bio"] == bio


@pytest.mark.parametrize(
    "payload", ["{bad", DEEP, '{"kind": "case", "ids": [1, [2]]}', "<script>", '{"ids": "1"}']
)
def test_a_malformed_notification_is_logged_and_dropped(payload, caplog):
    assert decode(payload) == ("unknown", [])
    assert "dropped a malformed change notification" in caplog.text


def test_notifications_still_decode():
    assert decode(encode("case", [7, 3])) == ("case", [3, 7])
    assert decode("measure") == ("measure", [])
