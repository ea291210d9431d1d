"""Evidence images sent with a report through the platform's API, checked before decoding.

An image comes in one of two ways, each an item of the row's ``evidence`` list:

* inside the JSON, base64: ``{"filename", "content_type", "data"}``; or
* as a file part of the same ``multipart/form-data`` request, named by the row
  (``{"part": "NAME"}``), or, for a single report, any file part named
  ``evidence`` (see :mod:`workbench.server.uploads`), which arrives here as an
  :class:`Upload`.

Either way, before anything is decoded: the size (for base64, the encoded
length) against :data:`MAX_IMAGE_BYTES`; the declared type (PNG, JPEG, GIF,
WebP) against how its bytes begin; then the pixel count read from the image's
header against the import's limit before its pixels are decoded
(:func:`workbench.importing.fields.image_problem`, which also refuses
decompression bombs and broken files), all in memory.  Only an image that
passes is written, to the request's scratch folder, and the report refers to
its copy in the evidence store once the row is filed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from workbench.importing.fields import image_problem

MAX_IMAGE_BYTES = 1_000_000  # decoded; the whole request is bounded by the server too
MAX_IMAGES = 10  # per report
#: Declared type: (how its bytes begin, the stored file's suffix).
IMAGE_TYPES = {
    "image/png": ((b"\x89PNG\r\n\x1a\n",), ".png"),
    "image/jpeg": ((b"\xff\xd8\xff",), ".jpg"),
    "image/gif": ((b"GIF87a", b"GIF89a"), ".gif"),
    "image/webp": ((b"RIFF",), ".webp"),
}
EVIDENCE_FIELDS = {"filename", "content_type", "data"}


class Checked(Protocol):
    def bad(self, name: str, zh: str, en: str) -> None: ...


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request: its name, file name, declared type, bytes."""

    part: str
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Image:
    path: Path
    sha256: str


def _too_big(row: Checked, where: str) -> None:
    limit_kb = MAX_IMAGE_BYTES // 1000
    row.bad(
        where,
        f"图片超过 {limit_kb} KB 上限，未解码",
        f"the image is larger than {limit_kb} KB; not decoded",
    )


def _declared(row: Checked, where: str, declared: Any) -> bool:
    if declared in IMAGE_TYPES:
        return True
    row.bad(
        where,
        f"图片类型须为 {', '.join(IMAGE_TYPES)}（收到 {str(declared)[:60]}）",
        f"must be one of {', '.join(IMAGE_TYPES)} (got {str(declared)[:60]!r})",
    )
    return False


def _raw(row: Checked, where: str, item: Any) -> tuple[bytes, str, str] | None:
    """The bytes, declared type and where to name problems, sized before decoding."""
    if isinstance(item, Upload):
        where = f"{where} (part {item.part})"
        if not _declared(row, f"{where}.content_type", item.content_type):
            return None
        if len(item.data) > MAX_IMAGE_BYTES:
            _too_big(row, where)
            return None
        return item.data, item.content_type, where
    if isinstance(item, dict) and set(item) == {"part"}:
        name = str(item["part"])[:64]
        row.bad(
            f"{where}.part",
            f"请求中没有名为 {name} 的文件部分（以 multipart/form-data 发送）",
            f"the request has no file part named {name!r} (send it as multipart/form-data)",
        )
        return None
    if not isinstance(item, dict) or set(item) - EVIDENCE_FIELDS or "data" not in item:
        row.bad(
            where,
            "应为 {filename, content_type, data} 或 {part}",
            "must be {filename, content_type, data} or {part}",
        )
        return None
    data, declared = item.get("data"), item.get("content_type")
    if not _declared(row, f"{where}.content_type", declared):
        return None
    if not isinstance(data, str):
        row.bad(f"{where}.data", "应为 base64 文本", "must be base64 text")
        return None
    if len(data) > (MAX_IMAGE_BYTES + 2) // 3 * 4 + 4:  # refused before decoding
        _too_big(row, f"{where}.data")
        return None
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        row.bad(f"{where}.data", "不是有效的 base64", "is not valid base64")
        return None
    if len(raw) > MAX_IMAGE_BYTES:
        _too_big(row, f"{where}.data")
        return None
    return raw, str(declared), f"{where}.data"  # one of IMAGE_TYPES, checked above


def check_image(row: Checked, where: str, item: Any, folder: Path) -> Image | None:
    """One evidence image checked before it is decoded, written to ``folder`` if good."""
    found = _raw(row, where, item)
    if found is None:
        return None
    raw, declared, where = found
    magics, suffix = IMAGE_TYPES[declared]
    if not raw.startswith(magics) or (declared == "image/webp" and raw[8:12] != b"WEBP"):
        row.bad(
            where,
            f"内容不是声明的 {declared} 图片",
            f"the bytes are not a {declared} image as declared",
        )
        return None
    problem = image_problem(raw)  # pixel limit from the header, then decoded, in memory
    if problem:
        zh, _, en = problem.partition(" / ")
        row.bad(where, f"图片无法使用：{zh}", f"the image cannot be used: {en or zh}")
        return None
    sha = hashlib.sha256(raw).hexdigest()
    path = folder / f"{sha}{suffix}"
    path.write_bytes(raw)
    return Image(path, sha)


def check_evidence(row: Checked, evidence: Any, folder: Path) -> list[Image]:
    """The row's ``evidence`` list, each image checked; problems named on ``row``."""
    images: list[Image] = []
    if not isinstance(evidence, list):
        row.bad("evidence", "应为图片列表", "must be a list of images")
    elif len(evidence) > MAX_IMAGES:
        row.bad("evidence", f"最多 {MAX_IMAGES} 张图片", f"at most {MAX_IMAGES} images")
    else:
        for n, item in enumerate(evidence):
            image = check_image(row, f"evidence[{n}]", item, folder)
            if image is not None:
                images.append(image)
    return images
