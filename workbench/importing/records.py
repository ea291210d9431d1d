"""Reading an import file into numbered records, and writing the rejected ones.

A file is CSV with a header row or JSON Lines (one object per line), chosen by
its extension (``.csv``; ``.jsonl``, ``.ndjson``, ``.json``) or, for any other
name, by its first non-blank character (``{`` means JSON Lines).  Every record
keeps the line it starts on, so a bad row is named by the line a person sees
in an editor.  In CSV an empty cell is a missing value.  JSON Lines are split
on ``\n`` only and each line's nesting is bounded (:mod:`workbench.safe_json`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from workbench import safe_json
from workbench.safe_json import split_lines

CSV = "csv"
JSONL = "jsonl"
REASON_COLUMN = "reject_reason"
LINE_COLUMN = "reject_line"


class ImportFileError(ValueError):
    """The file cannot be read as CSV or JSON Lines at all ("zh / en")."""


@dataclass
class Record:
    """One row of an import file: where it starts, its fields, its raw text."""

    line: int
    data: dict | None  # None: the line is not a JSON object
    raw: str = ""
    problems: list[str] = field(default_factory=list)


def detect_format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return CSV
    if suffix in (".jsonl", ".ndjson", ".json"):
        return JSONL
    first = text.lstrip()[:1]
    return JSONL if first == "{" else CSV


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"无法读取文件 {path}：{exc} / cannot read {path}: {exc}") from exc


def _jsonl(text: str) -> list[Record]:
    records = []
    for number, line in enumerate(split_lines(text), 1):
        if not line.strip():
            continue
        try:
            data = safe_json.loads(line)
        except safe_json.JsonError as exc:  # malformed, or nested too deeply
            records.append(Record(number, None, line, [str(exc)]))
            continue
        if not isinstance(data, dict):
            records.append(
                Record(number, None, line, ["应为 JSON 对象 / each line must be a JSON object"])
            )
            continue
        records.append(Record(number, data, line))
    return records


def _csv(text: str) -> list[Record]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return []
    except csv.Error as exc:
        raise ImportFileError(
            f"CSV 表头无法读取：{exc} / cannot read the CSV header: {exc}"
        ) from exc
    names = [h.strip() for h in header]
    if not any(names):
        raise ImportFileError("CSV 第 1 行应为表头 / line 1 of a CSV file must be the header")
    records = []
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            records.append(Record(start, None, "", [f"CSV 格式错误 / malformed CSV: {exc}"]))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            records.append(
                Record(
                    line,
                    None,
                    _csv_line(row),
                    [
                        f"应有 {len(names)} 列，实有 {len(row)} 列 / "
                        f"expected {len(names)} columns, found {len(row)}"
                    ],
                )
            )
            continue
        data = {k: (v if v.strip() else None) for k, v in zip(names, row, strict=True) if k}
        records.append(Record(line, data, _csv_line(row)))
    return records


def _csv_line(row: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return out.getvalue()


def read_records(path: Path) -> tuple[str, list[Record]]:
    """The file's format and its records in file order."""
    text = read_text(path)
    fmt = detect_format(path, text)
    return fmt, _jsonl(text) if fmt == JSONL else _csv(text)


def rejects_path(path: Path, fmt: str) -> Path:
    """``reports.csv`` -> ``reports.rejects.csv``, beside the input."""
    return path.with_name(f"{path.stem}.rejects{path.suffix or '.' + fmt}")


def write_rejects(path: Path, fmt: str, records: list[Record]) -> Path:
    """Write the rejected records with their line and reason; the reject file's path."""
    target = rejects_path(path, fmt)
    if fmt == JSONL:
        lines = []
        for r in records:
            body = dict(r.data) if r.data is not None else {"raw": r.raw}
            body[LINE_COLUMN] = r.line
            body[REASON_COLUMN] = "; ".join(r.problems)
            lines.append(json.dumps(body, ensure_ascii=False, default=str))
        text = "".join(line + "\n" for line in lines)
    else:
        columns: list[str] = []
        for r in records:
            for key in r.data or {"raw": None}:
                if key not in columns:
                    columns.append(key)
        columns += [LINE_COLUMN, REASON_COLUMN]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for r in records:
            body = dict(r.data) if r.data is not None else {"raw": r.raw}
            body = {k: ("" if v is None else v) for k, v in body.items()}
            writer.writerow(body | {LINE_COLUMN: r.line, REASON_COLUMN: "; ".join(r.problems)})
        text = out.getvalue()
    fd, tmp = tempfile.mkstemp(dir=target.resolve().parent, prefix=".rejects-")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    os.replace(tmp, target)
    return target
