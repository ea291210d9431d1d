"""Screening avatars and covers: QR codes and barcodes, protected symbols.

:class:`ImageScreener` opens an image defensively (size and pixel limits, no
decompression bombs, truncated or mislabelled files give a warning and no
hit), then

* decodes QR codes and barcodes with zxing-cpp, retrying at 2x with
  stretched contrast (small, rotated, low-contrast codes) and, for linear
  codes, turned 45 degrees.  A two-dimensional code is an
  ``embedded_contact`` hit (2022/8(6)); every decoded text is returned in
  ``decoded_texts`` for the text rules to screen as contact details (the
  engine does; a screener given ``contact_hits`` does it itself);
* matches protected symbols (:mod:`workbench.rules.symbols`): the whole
  image by perceptual hash, and the national flag inside a larger picture by
  colour and star layout, as ``strict_verification`` hits (2022/10).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError

from workbench.models.codes import HitSeverity, RuleCategory
from workbench.resources import Traversable, resource
from workbench.rules.hits import Hit, basis_for
from workbench.rules.symbols import SymbolLibrary, find_flag_layout

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about 8000 x 5000; larger headers are refused unread
WORK_SIZE = 1600  # longest side images are reduced to before decoding
SMALL_FOR_RETRY = 640  # images up to this side are also tried at 2x
MATRIX_FORMATS = frozenset({"QRCode", "MicroQRCode", "RMQRCode", "DataMatrix", "Aztec", "PDF417"})


@dataclass(frozen=True)
class ImageResult:
    """What one image gave: hits, warnings a reviewer can read, decoded code texts."""

    hits: list[Hit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    decoded_texts: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DecodedCode:
    text: str
    format: str
    position: tuple[int, int, int, int]  # x0, y0, x1, y1 in the reduced image


class ImageUnreadable(Exception):
    """The image cannot be screened; ``str()`` says why, Chinese first."""


def open_image(path: Path, *, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Decode ``path`` to RGB within size limits, or raise :class:`ImageUnreadable`."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImageUnreadable(f"图片文件不存在 / image file not found: {path}") from None
    except OSError as exc:
        raise ImageUnreadable(f"图片无法读取 / image cannot be read: {path} ({exc})") from None
    if not path.is_file():
        raise ImageUnreadable(f"不是图片文件 / not a file: {path}")
    if size > MAX_FILE_BYTES:
        raise ImageUnreadable(
            f"图片文件过大（{size} 字节）/ image file too large ({size} bytes): {path}"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                width, height = im.size
                if width * height > max_pixels:
                    raise ImageUnreadable(
                        f"图片尺寸过大（{width}×{height}），未解码 / image too large "
                        f"({width}x{height} pixels), not decoded: {path}"
                    )
                im.seek(0)
                im.load()
                return _to_rgb(im)
    except ImageUnreadable:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageUnreadable(
            f"图片像素数超出上限，未解码 / image exceeds the pixel limit, not decoded: {path}"
        ) from None
    except UnidentifiedImageError:
        raise ImageUnreadable(
            f"不是可识别的图片格式 / not a recognised image format: {path}"
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        raise ImageUnreadable(
            f"图片已损坏或不完整 / image damaged or truncated: {path} ({exc})"
        ) from None


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return im.convert("RGB")


def _reduced(image: Image.Image) -> Image.Image:
    longest = max(image.size)
    if longest <= WORK_SIZE:
        return image
    scale = WORK_SIZE / longest
    return image.resize(
        (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
        Image.Resampling.BOX,
    )


def decode_codes(image: Image.Image) -> list[DecodedCode]:
    """QR codes and barcodes in ``image``, with retries for hard cases.

    1. the grey image as it is;
    2. contrast stretched, and for images up to ``SMALL_FOR_RETRY`` pixels
       doubled in size (small modules, faint codes);
    3. turned 45 degrees, linear codes only (a barcode lying diagonally).
    """
    grey = image.convert("L")
    found = _read(grey)
    if found:
        return found
    stretched = ImageOps.autocontrast(grey, cutoff=1)
    if max(grey.size) <= SMALL_FOR_RETRY:
        doubled = stretched.resize((grey.width * 2, grey.height * 2), Image.Resampling.BILINEAR)
        found = _read(doubled, scale=2, try_downscale=False, try_rotate=False)
    else:
        found = _read(stretched)
    if found:
        return found
    turned = stretched.rotate(45, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return _read(
        turned,
        rotated=True,
        formats=zxingcpp.BarcodeFormat.AllLinear,
        try_downscale=False,
        try_invert=False,
    )


def _read(
    grey: Image.Image, *, scale: int = 1, rotated: bool = False, **options
) -> list[DecodedCode]:
    out = []
    for code in zxingcpp.read_barcodes(grey, **options):
        if not code.valid or not code.text:
            continue
        p = code.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
        box = (min(xs) // scale, min(ys) // scale, max(xs) // scale, max(ys) // scale)
        out.append(DecodedCode(code.text, code.format.name, (0, 0, 0, 0) if rotated else box))
    return out


class ImageScreener:
    """Screens avatar and cover images.

    ``contact_hits(text, field) -> list[Hit]``, when given, screens each
    decoded text and its hits join the image's (re-homed on the image field,
    the span within the decoded text kept in ``details``).  Leave it out when
    the caller screens ``decoded_texts`` itself, as the engine does.
    """

    def __init__(self, symbols_dir: Path | str | Traversable | None = None, *, contact_hits=None):
        if symbols_dir is None:
            symbols_dir = resource("symbols")  # the shipped symbols
        elif isinstance(symbols_dir, str):
            symbols_dir = Path(symbols_dir)
        self.symbols = SymbolLibrary.load(symbols_dir)
        self.contact_hits = contact_hits

    def screen(self, path: Path | str, field: str) -> ImageResult:
        """Hits, warnings and decoded texts for the image at ``path`` shown as ``field``."""
        path = Path(path)
        try:
            image = open_image(path)
        except ImageUnreadable as exc:
            return ImageResult(warnings=[f"{field}: {exc}"])
        try:
            return self._screen(_reduced(image), path, field)
        except (OSError, ValueError, MemoryError) as exc:
            return ImageResult(
                warnings=[f"{field}: 图片无法处理 / image could not be processed: {path} ({exc})"]
            )

    def _screen(self, image: Image.Image, path: Path, field: str) -> ImageResult:
        hits: list[Hit] = []
        codes = decode_codes(image)
        texts = list(dict.fromkeys(c.text for c in codes))
        for code in codes:
            if code.format in MATRIX_FORMATS:
                hits.append(_code_hit(code, field))
        if self.contact_hits:
            for text in texts:
                hits.extend(_as_image_hit(h, field, text) for h in self.contact_hits(text, field))
        hits.extend(self._symbol_hits(image, field))
        return ImageResult(hits=_unique(hits), decoded_texts=texts)

    def _symbol_hits(self, image: Image.Image, field: str) -> list[Hit]:
        hits = []
        for match in self.symbols.match(image):
            s = match.symbol
            hits.append(
                _symbol_hit(
                    field,
                    rule="image.protected_symbol",
                    matched=s.zh,
                    score=round(1 - match.distance / 64, 3),
                    explanation=(
                        f"图片即受保护标志「{s.zh}」，需严格核验 / the image is the protected "
                        f'symbol "{s.en}" and needs strict verification'
                    ),
                    details={"symbol": s.file, "hash_distance": match.distance},
                )
            )
        if hits:
            return hits
        for flag in find_flag_layout(image):
            hits.append(
                _symbol_hit(
                    field,
                    rule="image.national_flag_layout",
                    matched="中华人民共和国国旗",
                    score=round(0.6 + 0.4 * flag.fit, 3),
                    explanation=(
                        f"图片中含国旗图案（{flag.stars} 颗星位置相符），需严格核验 / the image "
                        f"contains the national flag ({flag.stars} stars in place) and needs "
                        f"strict verification"
                    ),
                    details={"box": list(flag.box), "stars": flag.stars},
                )
            )
        return hits[:1]


def _image_hit(category: RuleCategory, field, *, rule, matched, score, explanation, details):
    """A hit on a whole image field: no text span (0..0), where in ``details``."""
    return Hit(
        category=category.value,
        rule=rule,
        field=field,
        start=0,
        end=0,
        matched=matched,
        basis=basis_for(category),
        severity=HitSeverity.HIGH.value,
        score=score,
        explanation=explanation,
        details=details,
    )


def _symbol_hit(field, **kw) -> Hit:
    return _image_hit(RuleCategory.STRICT_VERIFICATION, field, **kw)


def _code_hit(code: DecodedCode, field: str) -> Hit:
    shown = code.text if len(code.text) <= 200 else code.text[:200] + "…"
    return _image_hit(
        RuleCategory.EMBEDDED_CONTACT,
        field,
        rule="image.qr_code" if "QR" in code.format else "image.matrix_code",
        matched=shown,
        score=1.0,
        explanation=(
            f"图片含二维码，内容：{shown} / the image contains a {code.format} code reading: {shown}"
        ),
        details={"format": code.format, "box": list(code.position), "text": code.text},
    )


def _as_image_hit(hit: Hit, field: str, text: str) -> Hit:
    """A text-rule hit on a decoded code, re-homed on the image field (span kept in details)."""
    details = dict(hit.details)
    details.update({"decoded_text": text, "text_span": [hit.start, hit.end]})
    return Hit(
        category=hit.category,
        rule=hit.rule,
        field=field,
        start=0,
        end=0,
        matched=hit.matched,
        basis=hit.basis,
        severity=hit.severity,
        score=hit.score,
        explanation=f"{hit.explanation}（图中二维码 / in a code in the image）",
        details=details,
    )


def _unique(hits: list[Hit]) -> list[Hit]:
    seen, out = set(), []
    for h in hits:
        if h.fingerprint not in seen:
            seen.add(h.fingerprint)
            out.append(h)
    return out
