"""Checking the fields of one import row; every problem is kept, not only the first.

A :class:`Row` wraps one record's data.  Each accessor returns the parsed
value (or ``None``) and adds a reason "zh / en" naming the field to
``row.problems`` when the value is wrong, so one pass reports everything
wrong with a row.  Image paths are relative to the input file and must stay
inside its folder (an absolute path or one leading out is refused); an image
must open and decode, and is refused above :data:`MAX_IMAGE_PIXELS`.  An
accepted image is copied into the evidence store when one is in use
(:mod:`workbench.evidence_store`) and named by that copy.
"""

from __future__ import annotations

import io
import re
import warnings
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path

from workbench import evidence_store

MAX_IMAGE_PIXELS = 50_000_000  # ~7000 x 7000: larger is refused as a decompression bomb
LIST_SEPARATOR = ";"  # between items of a list in a CSV cell
# NUL and the other C0 controls but tab and line breaks: PostgreSQL refuses NUL in text,
# and none belongs in account information or a report.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def image_problem(path: Path | bytes) -> str | None:
    """Why the image at ``path`` (or these bytes, read in memory) cannot be used as
    evidence or account image, or None.  The pixel count is read from the header
    and checked before the pixels are decoded."""
    from PIL import Image, UnidentifiedImageError

    source = io.BytesIO(path) if isinstance(path, bytes) else path
    if isinstance(source, Path) and not source.is_file():
        return "文件不存在 / file not found"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return (
                        f"图片过大 {width}x{height} / image too large ({width}x{height} pixels, "
                        f"limit {MAX_IMAGE_PIXELS:,})"
                    )
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "图片像素过多（疑似解压炸弹） / too many pixels (decompression bomb)"
    except UnidentifiedImageError:
        return "不是可识别的图片 / not an image format that can be read"
    except (OSError, ValueError, SyntaxError) as exc:
        return f"图片已损坏 / the image is broken: {exc}"
    return None


@cache
def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(e.value for e in enum)


class Row:
    """The fields of one record, read with checks."""

    def __init__(self, data: dict, base: Path, line: int | None = None):
        self.data = data
        self.base = base
        self.line = line  # where the record starts in the file, for messages
        self.problems: list[str] = []

    def bad(self, name: str, zh: str, en: str) -> None:
        self.problems.append(f"{name}: {zh} / {en}")

    def raw(self, name: str):
        value = self.data.get(name)
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, name: str, *, max_length: int | None = None, required: bool = False):
        value = self.raw(name)
        if value is None:
            if required:
                self.bad(name, "必填", "required")
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.bad(name, "应为文本", "must be text")
            return None
        value = value.strip() if required else value
        if max_length is not None and len(value) > max_length:
            self.too_long(name, len(value), max_length)
            return None
        if CONTROL_CHARACTERS.search(value):
            self.bad(name, "含有控制字符（如 NUL）", "contains control characters (such as NUL)")
            return None
        return value

    def too_long(self, name: str, length: int, limit: int) -> None:
        """Refuse field ``name`` as ``length`` characters long against ``limit``, naming the line."""
        zh_at = f"第 {self.line} 行的" if self.line is not None else ""
        en_at = f"line {self.line}: " if self.line is not None else ""
        self.bad(
            name,
            f"{zh_at}{name} 长 {length:,} 个字符，超过上限 {limit:,} 个字符",
            f"{en_at}{name} is {length:,} characters long, over the limit of {limit:,}",
        )

    def choice(self, name: str, enum: type[StrEnum], *, default: str | None = None):
        value = self.raw(name)
        if value is None:
            return default
        allowed = _values(enum)
        if value not in allowed:
            self.bad(
                name,
                f"取值无效 {value!r}",
                f"unknown value {value!r}; choose from {', '.join(allowed)}",
            )
            return None
        return value

    def instant(self, name: str, *, required: bool = False) -> datetime | None:
        """An ISO 8601 date and time with an offset (``2026-03-02T10:00:00+08:00``), in UTC."""
        value = self.raw(name)
        if value is None:
            if required:
                self.bad(name, "必填", "required")
            return None
        if not isinstance(value, str):
            self.bad(name, "应为 ISO 8601 时间", "must be an ISO 8601 date and time")
            return None
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            self.bad(
                name,
                f"不是 ISO 8601 时间 {value!r}",
                f"{value!r} is not an ISO 8601 date and time",
            )
            return None
        if moment.tzinfo is None:
            self.bad(
                name,
                "缺少时区（如 +08:00）",
                f"{value!r} has no offset; write e.g. {value}+08:00",
            )
            return None
        return moment.astimezone(UTC)

    def integer(self, name: str, *, minimum: int = 0, maximum: int | None = None) -> int | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            number = int(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None or (isinstance(value, float) and not value.is_integer()):
            self.bad(name, f"应为整数 {value!r}", f"{value!r} is not a whole number")
            return None
        if number < minimum or (maximum is not None and number > maximum):
            top = "" if maximum is None else f"-{maximum}"
            self.bad(name, f"超出范围 {minimum}{top}", f"out of range {minimum}{top}")
            return None
        return number

    def boolean(self, name: str) -> bool | None:
        value = self.raw(name)
        if value is None or isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in ("1", "true", "yes", "y", "是"):
            return True
        if word in ("0", "false", "no", "n", "否"):
            return False
        self.bad(name, f"应为是/否 {value!r}", f"{value!r} is not true/false")
        return None

    def items(self, name: str) -> list[str]:
        """A list: a JSON array, or in CSV items separated by ``;``."""
        value = self.raw(name)
        if value is None:
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [v.strip() for v in value if v.strip()]
        self.bad(name, "应为文本列表", "must be a list of text")
        return []

    def image(self, name: str, value: str) -> str | None:
        """The absolute path of an image named relative to the input file, checked,
        and the store's copy of it while an evidence store is in use."""
        path = evidence_store.contained(self.base, value)
        if path is None:
            self.problems.append(
                f"{name}: 图片路径 {value!r} 须为导入文件所在目录内的相对路径 / "
                f"image path {value!r} must be relative and inside the import file's folder"
            )
            return None
        problem = image_problem(path)
        if problem:
            self.problems.append(
                f"{name}: 图片 {value} 无法使用 / image {value} unusable: {problem}"
            )
            return None
        store = evidence_store.current()
        if store is not None:
            try:
                path = store.keep(path)
            except OSError as exc:
                self.problems.append(
                    f"{name}: 图片 {value} 无法存入证据库 / "
                    f"image {value} cannot be copied into the evidence store: {exc}"
                )
                return None
        return str(path)
