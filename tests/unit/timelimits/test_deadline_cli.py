"""``workbench deadline`` without a database: one JSON object, exit 0; bad input exit 2."""

from __future__ import annotations

import json

import pytest

from workbench.cli import main


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["deadline", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("args", "due", "provisional"),
    [
        (
            ["--start", "2026-02-13T18:00+08:00", "--working-days", "1"],
            "2026-02-15T00:00:00+08:00",
            False,
        ),
        # 17:00Z is already Friday the 13th in Beijing.
        (
            ["--start", "2026-02-12T17:00Z", "--working-days", "1"],
            "2026-02-15T00:00:00+08:00",
            False,
        ),
        (
            ["--start", "2026-02-12T17:00:00+00:00", "--hours", "1.5"],
            "2026-02-13T02:30:00+08:00",
            False,
        ),
        (
            ["--start", "2026-12-31T10:00+08:00", "--working-days", "1"],
            "2027-01-05T00:00:00+08:00",
            True,
        ),
    ],
)
def test_prints_one_json_object(capsys, args, due, provisional):
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert out.count("\n") == 1
    assert json.loads(out) == {"due": due, "provisional": provisional}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "yesterday", "--hours", "2"], "not an ISO 8601 time"),
        (["--start", "2026-02-13T18:00", "--hours", "2"], "has no offset"),
        (["--start", "2026-02-13T18:00Z", "--working-days", "1.5"], "whole number"),
        (["--start", "2026-02-13T18:00Z", "--working-days", "0"], "whole number"),
        (["--start", "2026-02-13T18:00Z", "--hours", "-3"], "a number > 0"),
        (["--start", "2026-02-13T18:00Z", "--hours", "abc"], "not a number"),
        (["--start", "2026-02-13T18:00Z", "--hours", "nan"], "a number > 0"),
    ],
)
def test_bad_input_exits_2_with_a_message(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert message in err


def test_needs_exactly_one_amount(capsys):
    with pytest.raises(SystemExit) as info:
        main(["deadline", "--start", "2026-02-13T18:00Z"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["deadline", "--start", "2026-02-13T18:00Z", "--hours", "1", "--working-days", "1"])
    assert info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err
