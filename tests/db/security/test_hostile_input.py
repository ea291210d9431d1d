"""Hostile input: arbitrary text through the importers and the rule engine, and broken
images (truncated, a header claiming 50,000×50,000 pixels, text named .png) through
intake evidence, the image screener and the importer.  A clear refusal or a
placeholder, never a crash, never a partial write, never a decoded bomb."""

from __future__ import annotations

import csv
import io
import json
import struct
import zlib
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlmodel import select

from tests.db.importing.support import counts, run
from tests.db.workflow.helpers import audit_ok, later, make_account
from workbench.cases.intake_batch import receive_report
from workbench.db import session_scope
from workbench.errors import WorkbenchError
from workbench.importing.accounts import check_accounts
from workbench.importing.records import ImportFileError, read_records
from workbench.importing.run import BadRows, import_accounts_file
from workbench.models import Account, EvidenceAttachment, Report
from workbench.records import audit
from workbench.rules.engine import TEXT_FIELDS, AccountInput, Screener
from workbench.rules.images import ImageScreener

CONTROL = "".join(map(chr, range(32))) + "\x7f\u2028\u2029\u202e\ufeff\ud7ff"
hostile_text = st.one_of(
    st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(CONTROL))),
    st.text(alphabet=st.sampled_from("中国新华社官方微信" + CONTROL), min_size=2000, max_size=4000),
)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def broken_images(folder: Path) -> dict[str, Path]:
    """A truncated PNG, a 50,000×50,000 header over a few bytes, and text named .png."""
    noise = Image.effect_noise((300, 300), 60).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    full = buffer.getvalue()
    paths = {
        "truncated": folder / "truncated.png",
        "bomb": folder / "bomb.png",
        "text": folder / "notes.png",
    }
    paths["truncated"].write_bytes(full[: len(full) // 2])
    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    paths["bomb"].write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + _chunk(b"IEND", b"")
    )
    paths["text"].write_text("这不是图片 / not an image\n", encoding="utf-8")
    return paths


# -- broken images -----------------------------------------------------------------------


def test_broken_evidence_is_filed_with_its_problem_and_never_decoded(engine, tmp_path):
    images = broken_images(tmp_path)
    account = make_account(engine)
    with session_scope(engine) as s:
        result = receive_report(
            s, None, external_id="img-1", kind="report", channel="user_report",
            target_account_id=account, category="other", received_at=later(),
            evidence_paths=[str(p) for p in images.values()],
        )  # fmt: skip
        case_id = result.case.id
    with session_scope(engine, write=False) as s:
        rows = s.exec(select(EvidenceAttachment).order_by(EvidenceAttachment.id)).all()
    problems = {Path(r.path).stem: r.problem or "" for r in rows}
    assert "too large" in problems["bomb"] and "not decoded" in problems["bomb"]
    assert "broken" in problems["truncated"] or "truncated" in problems["truncated"]
    assert "cannot be opened" in problems["notes"]
    assert all(r.sha256 for r in rows) and case_id
    assert audit_ok(engine)


def test_the_image_screener_warns_about_broken_images_without_hits(tmp_path):
    screener = ImageScreener()
    for name, path in broken_images(tmp_path).items():
        result = screener.screen(path, "avatar")
        assert result.hits == [] and len(result.warnings) == 1, name
        assert str(path) in result.warnings[0]
    assert "not decoded" in screener.screen(tmp_path / "bomb.png", "avatar").warnings[0]


@pytest.mark.parametrize("ext", ["csv", "jsonl"])
def test_an_import_naming_broken_images_refuses_those_rows_and_writes_nothing(
    engine, tmp_path, ext, capsys
):
    images = broken_images(tmp_path)
    rows = [{"id": f"acc-{name}", "name": name, "avatar": p.name} for name, p in images.items()]
    rows.append({"id": "acc-fine", "name": "正常"})
    path = tmp_path / f"accounts.{ext}"
    if ext == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=["id", "name", "avatar"])
            writer.writeheader()
            writer.writerows(rows)
    else:
        path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    before = counts(engine)
    assert run(engine, "import", "accounts", str(path)) == 2
    err = capsys.readouterr().err
    assert err.count("avatar") >= 3 and "pixels" in err
    assert counts(engine) == before


# -- arbitrary text ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(values=st.lists(hostile_text, min_size=3, max_size=3), jsonl=st.booleans())
def test_any_text_in_an_import_file_is_read_and_checked_or_refused_clearly(values, jsonl):
    from tempfile import TemporaryDirectory

    row = {"id": "acc-x", "name": values[0], "bio": values[1], "signature": values[2]}
    with TemporaryDirectory() as folder:
        path = Path(folder) / ("a.jsonl" if jsonl else "a.csv")
        if jsonl:
            path.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
        else:
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(row))
                writer.writeheader()
                writer.writerow(row)
        try:
            _, records = read_records(path)
        except ImportFileError as exc:
            assert str(exc).strip()
            return
        parsed = check_accounts(records, Path(folder))
    for record, account in zip(records, parsed, strict=True):
        assert (account is None) == bool(record.problems)
        assert all(isinstance(p, str) and p for p in record.problems)


_serial = count()


@pytest.fixture(scope="module")
def screener():
    return Screener()


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(name=hostile_text, bio=hostile_text)
def test_any_text_imports_whole_or_not_at_all(engine, screener, tmp_path, name, bio):
    platform_id = f"acc-h{next(_serial)}"
    path = tmp_path / f"{platform_id}.jsonl"
    path.write_text(json.dumps({"id": platform_id, "name": name, "bio": bio}), encoding="utf-8")
    before = counts(engine)
    try:
        import_accounts_file(engine, path, screener=screener)
    except BadRows as exc:
        assert all(r.problems for r in exc.records)
        assert counts(engine) == before
        return
    with session_scope(engine, write=False) as s:
        stored = s.exec(select(Account).where(Account.platform_id == platform_id)).one()
        assert "\x00" not in stored.name + stored.bio
        assert audit.verify(s).ok


FIELDS = (*TEXT_FIELDS, "verified_profession", "verified_org_name", "ip_location")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(values=st.lists(hostile_text, min_size=len(FIELDS), max_size=len(FIELDS)))
def test_the_rule_engine_screens_long_and_control_text_in_every_field(screener, values):
    account = AccountInput(id=1, kind="public", **dict(zip(FIELDS, values, strict=True)))
    result = screener.screen(account)
    for hit in result.hits:
        text = getattr(account, hit.field, None)
        if isinstance(text, str):
            assert 0 <= hit.start <= hit.end <= len(text), hit


ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()), max_size=400)


def test_arbitrary_report_input_is_stored_cleanly_or_refused(engine):
    account = make_account(engine)
    serial = count()

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(text=ANY_TEXT, name=ANY_TEXT, contact=ANY_TEXT, reporter=ANY_TEXT)
    def file_one(text, name, contact, reporter):
        n = next(serial)
        try:
            with session_scope(engine) as s:
                receive_report(
                    s, None, external_id=f"hostile-{n}", kind="report", channel="user_report",
                    target_account_id=account, category="other", text=text,
                    reporter_external_id=reporter, reporter_name=name, reporter_contact=contact,
                    received_at=later(minutes=n),
                )  # fmt: skip
        except WorkbenchError as exc:
            assert str(exc).strip()
            return
        with session_scope(engine, write=False) as s:
            stored = s.exec(select(Report).where(Report.external_id == f"hostile-{n}")).one()
            assert "\x00" not in stored.text

    file_one()
    assert audit_ok(engine)


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "举报\x00内容"},
        {"reporter_name": "名" * 300},
        {"reporter_contact": "1" * 300},
        {"reporter_external_id": "r" * 100},
        {"external_id": "e" * 100},
    ],
)
def test_nul_and_overlong_report_fields_are_cleaned_or_refused(engine, fields):
    account = make_account(engine)
    values = {"external_id": "edge-1", "reporter_external_id": "edge-r", **fields}
    try:
        with session_scope(engine) as s:
            receive_report(
                s, None, kind="report", channel="user_report", target_account_id=account,
                category="other", received_at=later(), **values,
            )  # fmt: skip
    except WorkbenchError as exc:
        assert str(exc).strip()
        return
    with session_scope(engine, write=False) as s:
        assert "\x00" not in s.exec(select(Report)).one().text


def test_the_rule_engine_screens_an_account_whose_images_are_broken(tmp_path):
    images = broken_images(tmp_path)
    screener = Screener(image_screener=ImageScreener())
    account = AccountInput(
        id=1, name="正常名字", avatar=str(images["bomb"]), cover=str(images["truncated"])
    )
    result = screener.screen(account)
    assert not [h for h in result.hits if h.field in ("avatar", "cover")]
    warned = " ".join(result.warnings)
    assert "bomb.png" in warned and "truncated.png" in warned
