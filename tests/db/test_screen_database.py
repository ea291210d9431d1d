"""``workbench screen --database``: the database's closed names count too."""

from __future__ import annotations

import json

from workbench.cli import main
from workbench.db import session_scope
from workbench.models.account import ClosedName


def test_closed_names_from_the_database(engine, database_url, tmp_path, capsys):
    with session_scope(engine) as session:
        session.add(ClosedName(name="快乐星球小队", source="blacklist"))
    src = tmp_path / "accounts.jsonl"
    src.write_text(
        '{"id": 1, "name": "快乐星球小队"}\n{"id": 2, "name": "小李"}\n', encoding="utf-8"
    )
    assert main(["screen", str(src), "--database", database_url]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [h["category"] for h in lines[0]["hits"]] == ["closed_account_similar"]
    assert lines[1]["hits"] == []
