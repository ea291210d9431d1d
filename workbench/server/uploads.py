"""``multipart/form-data`` bodies of the platform's API: a JSON field and image files.

The signature covers the raw body, so the body is read whole (the server bounds
it, :data:`workbench.server.app.MAX_BODY`) and parsed here, inside the request's
transaction, after the signature is checked.  A report's form carries its JSON
in one field (``report`` for ``POST /v1/reports``, ``reports`` for the batch,
with the same content as the JSON body would have) and its images as file
parts.  A row's ``evidence`` item ``{"part": "NAME"}`` takes the file part
named NAME; for a single report, file parts named ``evidence`` are added to its
evidence in order.  A file part no row takes is refused, so nothing sent is
silently dropped.  Each file part becomes an
:class:`~workbench.importing.platform_evidence.Upload`, whose size, type and
pixels are checked before it is decoded.
"""

from __future__ import annotations

import json
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from workbench.errors import ValidationError
from workbench.importing.platform_evidence import Upload

MAX_PARTS = 100
IMPLICIT = "evidence"  # file parts a single report takes without naming them


def is_multipart(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() == "multipart/form-data"


def _invalid(zh: str, en: str) -> ValidationError:
    return ValidationError(f"multipart 请求无效：{zh}", f"invalid multipart request: {en}")


def _parts(body: bytes, content_type: str) -> list[EmailMessage]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not message.is_multipart() or message.defects:
        raise _invalid(
            "无法解析（边界或格式不对）", "it cannot be parsed (wrong boundary or shape)"
        )
    parts = list(message.iter_parts())
    if len(parts) > MAX_PARTS:
        raise _invalid(f"最多 {MAX_PARTS} 个部分", f"at most {MAX_PARTS} parts")
    return parts  # type: ignore[return-value]


def form(body: bytes, content_type: str, field: str) -> Any:
    """The JSON payload of a multipart body, its evidence parts put in place."""
    fields: dict[str, str] = {}
    files: dict[str, list[Upload]] = {}
    for part in _parts(body, content_type):
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name:
            raise _invalid("每个部分须有 name", "every part needs a name")
        data = part.get_payload(decode=True) or b""
        assert isinstance(data, bytes)
        filename = part.get_filename()
        if filename is None:
            if name in fields:
                raise _invalid(f"字段 {name} 出现多次", f"the field {name!r} appears twice")
            try:
                fields[name] = data.decode("utf-8")
            except UnicodeDecodeError:
                raise _invalid(
                    f"字段 {name} 不是 UTF-8", f"the field {name!r} is not UTF-8"
                ) from None
            continue
        upload = Upload(name[:64], filename[:200], part.get_content_type(), data)
        files.setdefault(name, []).append(upload)
    unknown = sorted(set(fields) - {field})
    if unknown or field not in fields:
        raise _invalid(
            f"须有且仅有 JSON 字段 {field}（收到 {', '.join(sorted(fields)) or '无'}）",
            f"it needs the one JSON field {field!r} (got {sorted(fields)})",
        )
    try:
        payload = json.loads(fields[field])
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"字段 {field} 不是有效的 JSON：{exc}", f"the field {field!r} is not valid JSON: {exc}"
        ) from None
    taken: set[str] = set()
    rows = payload.get("reports") if field == "reports" and isinstance(payload, dict) else [payload]
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict):
            _place(row, files, taken, implicit=field == "report")
    left = sorted(set(files) - taken)
    if left:
        raise _invalid(
            f'文件部分 {", ".join(left)} 未被任何一行引用（用 {{"part": 名称}}）',
            f'no row takes the file part(s) {", ".join(left)} (name them as {{"part": NAME}})',
        )
    return payload


def _place(row: dict, files: dict[str, list[Upload]], taken: set[str], *, implicit: bool) -> None:
    evidence = row.get("evidence")
    if evidence is None:
        evidence = []
    if not isinstance(evidence, list):
        return  # the row's own checks name it
    placed: list[Any] = []
    for item in evidence:
        name = item.get("part") if isinstance(item, dict) and set(item) == {"part"} else None
        if isinstance(name, str) and name in files:
            taken.add(name)
            placed.extend(files[name])
        else:
            placed.append(item)
    if implicit and IMPLICIT in files and IMPLICIT not in taken:
        taken.add(IMPLICIT)
        placed.extend(files[IMPLICIT])
    if placed or "evidence" in row:
        row["evidence"] = placed  # its count, sizes, types and pixels are the row's checks
