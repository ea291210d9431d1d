"""``workbench screen``: JSON lines in, one result line per account out."""

from __future__ import annotations

import json

from workbench.cli import main


def write_lines(path, rows):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


def test_screen_writes_one_line_per_account(tmp_path, capsys):
    src = tmp_path / "accounts.jsonl"
    write_lines(
        src,
        [
            {"id": 1, "name": "外交部"},
            {"id": "b", "name": "小王", "bio": "微信 abc12345"},
            {"id": 3},
        ],
    )
    out = tmp_path / "out.jsonl"
    assert main(["screen", str(src), "--out", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [1, "b", 3]
    assert [h["category"] for h in lines[0]["hits"]] == ["impersonate_organisation"]
    assert lines[1]["hits"][0]["rule"] == "contact_wechat"
    assert lines[1]["hits"][0]["basis"] == "2022/8(6)"
    assert lines[2]["hits"] == []


def test_malformed_line_stops_the_run_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "accounts.jsonl"
    src.write_text('{"id": 1}\n\n{"id": 2, "name": 5}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["screen", str(src), "--out", str(out)]) == 2
    assert "line 3" in capsys.readouterr().err
    assert not out.exists()
    src.write_text('{"id": 1}\n{broken\n', encoding="utf-8")
    assert main(["screen", str(src)]) == 2
    captured = capsys.readouterr()
    assert "line 2" in captured.err and captured.out == ""


def test_closed_names_file(tmp_path, capsys):
    src = tmp_path / "accounts.jsonl"
    write_lines(src, [{"id": 1, "name": "老王賣瓜"}, {"id": 2, "name": "小李"}])
    closed = tmp_path / "closed.txt"
    closed.write_text("老王卖瓜\n", encoding="utf-8")
    assert main(["screen", str(src), "--closed-names", str(closed)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    hit = lines[0]["hits"][0]
    assert hit["category"] == "closed_account_similar"
    assert hit["details"]["closed_name"] == "老王卖瓜"
    assert lines[1]["hits"] == []


def test_large_input_uses_the_pool_keeps_order_and_shows_progress(tmp_path, capsys):
    src = tmp_path / "accounts.jsonl"
    rows = [{"id": i, "name": "外交部" if i % 500 == 0 else f"用户{i}"} for i in range(2500)]
    write_lines(src, rows)
    assert main(["screen", str(src)]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines()]
    assert [x["id"] for x in lines] == list(range(2500))
    assert [x["id"] for x in lines if x["hits"]] == [0, 500, 1000, 1500, 2000]
    assert "2500/2500" in captured.err


def test_qr_code_in_the_avatar_is_screened_as_contact_details(tmp_path, capsys):
    import numpy as np
    import zxingcpp
    from PIL import Image

    code = zxingcpp.create_barcode("weixin: spam_king88", zxingcpp.BarcodeFormat.QRCode)
    image = np.asarray(zxingcpp.write_barcode_to_image(code, scale=6))
    Image.fromarray(np.pad(image, 24, constant_values=255)).save(tmp_path / "qr.png")
    (tmp_path / "broken.png").write_bytes(b"not an image")
    src = tmp_path / "accounts.jsonl"
    write_lines(src, [{"id": 1, "name": "小王", "avatar": "qr.png", "cover": "broken.png"}])
    assert main(["screen", str(src)]) == 0
    captured = capsys.readouterr()
    hits = json.loads(captured.out)["hits"]
    contact = {(h["field"], h["rule"]) for h in hits if h["category"] == "embedded_contact"}
    assert ("avatar", "contact_wechat") in contact
    assert {f for f, _ in contact} == {"avatar"}
    assert "cover" in captured.err
