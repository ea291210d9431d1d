"""Avatar and cover screening: codes found the hard ways, the flag found, broken files survived."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter

from workbench.resources import resource
from workbench.rules.images import ImageScreener

FLAG = resource("symbols/prc_flag.png")


@pytest.fixture(scope="module")
def screener():
    return ImageScreener()


def qr_image(text: str, module: int = 4, fmt=zxingcpp.BarcodeFormat.QRCode) -> Image.Image:
    code = zxingcpp.create_barcode(text, fmt).to_image(scale=module)
    view = memoryview(code)
    height, width = view.shape
    return Image.frombuffer("L", (width, height), bytes(view), "raw", "L", 0, 1).convert("RGB")


def photo_like(size=(640, 480), seed=1) -> Image.Image:
    """A busy, non-uniform picture: gradient sky, noise, some shapes."""
    rnd = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        draw.line([(0, y), (w, y)], fill=(90 + y * 100 // h, 120 + y * 60 // h, 200 - y * 80 // h))
    for _ in range(40):
        x, y, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(5, 40)
        colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    return img.filter(ImageFilter.GaussianBlur(1))


def save(img: Image.Image, tmp_path: Path, name: str, **kw) -> Path:
    path = tmp_path / name
    img.save(path, **kw)
    return path


def categories(result):
    return sorted(h.category for h in result.hits)


# -- codes ------------------------------------------------------------------------------


def test_plain_qr_code_is_a_contact_hit_with_its_text(screener, tmp_path):
    path = save(qr_image("weixin://dl/chat?abc123"), tmp_path, "qr.png")
    result = screener.screen(path, "avatar")
    assert result.decoded_texts == ["weixin://dl/chat?abc123"]
    assert categories(result) == ["embedded_contact"]
    hit = result.hits[0]
    assert hit.field == "avatar" and hit.basis == "2022/8(6)"
    assert "weixin://dl/chat?abc123" in hit.explanation


def test_tiny_qr_code_is_found_at_double_size(screener, tmp_path):
    small = qr_image("https://t.me/seller", module=1)
    canvas = Image.new("RGB", (small.width + 6, small.height + 6), "white")
    canvas.paste(small, (3, 3))
    result = screener.screen(save(canvas, tmp_path, "tiny.png"), "avatar")
    assert result.decoded_texts == ["https://t.me/seller"]


def test_rotated_qr_code_inside_a_photo_is_found(screener, tmp_path):
    code = qr_image("QQ:12345678", module=5).rotate(
        30, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC
    )
    photo = photo_like()
    photo.paste(code, (300, 120))
    result = screener.screen(save(photo, tmp_path, "rot.jpg", quality=90), "cover")
    assert "QQ:12345678" in result.decoded_texts
    assert categories(result) == ["embedded_contact"]


def test_low_contrast_qr_code_is_found(screener, tmp_path):
    code = qr_image("wx:seller_888", module=3).convert("L")
    faint = code.point(lambda v: 128 if v < 128 else 138).convert("RGB")  # 10 grey levels apart
    result = screener.screen(save(faint, tmp_path, "faint.png"), "avatar")
    assert result.decoded_texts == ["wx:seller_888"]


def test_linear_barcode_text_is_returned_without_a_hit(screener, tmp_path):
    img = qr_image("6901234567892", module=2, fmt=zxingcpp.BarcodeFormat.EAN13)
    result = screener.screen(save(img, tmp_path, "ean.png"), "cover")
    assert result.decoded_texts == ["6901234567892"]
    assert result.hits == []


def test_barcode_turned_30_degrees_is_found(screener, tmp_path):
    img = qr_image("6901234567892", module=2, fmt=zxingcpp.BarcodeFormat.EAN13)
    turned = img.rotate(30, expand=True, fillcolor="white")
    result = screener.screen(save(turned, tmp_path, "ean30.png"), "cover")
    assert result.decoded_texts == ["6901234567892"]


def test_decoded_text_goes_through_the_contact_rules_when_given(tmp_path):
    contact = pytest.importorskip("workbench.rules.contact")
    screener = ImageScreener(contact_hits=contact.contact_hits)
    text = "加我微信 wxid_seller888 电话13800138000"
    result = screener.screen(save(qr_image(text), tmp_path, "tel.png"), "avatar")
    assert result.decoded_texts == [text]
    from_text = [h for h in result.hits if h.rule != "image.qr_code"]
    assert from_text, "the phone number in the code is screened as contact details"
    assert all(h.field == "avatar" and h.category == "embedded_contact" for h in from_text)
    assert all(h.details["decoded_text"] == text for h in from_text)


# -- protected symbols -------------------------------------------------------------------


def test_the_flag_itself_resized_and_recompressed_is_a_strict_verification_hit(screener, tmp_path):
    flag = Image.open(FLAG).convert("RGB").resize((150, 100))
    result = screener.screen(save(flag, tmp_path, "flag.jpg", quality=60), "avatar")
    assert categories(result) == ["strict_verification"]
    assert result.hits[0].basis == "2022/10"
    assert result.hits[0].rule == "image.protected_symbol"


def test_flag_inside_a_larger_picture_is_found_by_its_layout(screener, tmp_path):
    photo = photo_like((800, 600), seed=3)
    photo.paste(Image.open(FLAG).convert("RGB").resize((210, 140)), (420, 60))
    result = screener.screen(save(photo, tmp_path, "scene.jpg", quality=85), "cover")
    assert categories(result) == ["strict_verification"]
    hit = result.hits[0]
    assert hit.rule == "image.national_flag_layout"
    x0, y0, x1, y1 = hit.details["box"]
    assert abs(x0 - 420) < 12 and abs(y0 - 60) < 12 and abs(x1 - 630) < 12


def test_mirrored_flag_in_a_picture_is_found(screener, tmp_path):
    photo = photo_like((640, 480), seed=5)
    flag = Image.open(FLAG).convert("RGB").resize((180, 120))
    photo.paste(flag.transpose(Image.Transpose.FLIP_LEFT_RIGHT), (60, 300))
    result = screener.screen(save(photo, tmp_path, "mirror.png"), "cover")
    assert categories(result) == ["strict_verification"]


def _red_field(star_at=None, size=(300, 200)) -> Image.Image:
    img = Image.new("RGB", size, (0xDE, 0x29, 0x10))
    if star_at:
        draw = ImageDraw.Draw(img)
        x, y, r = star_at
        draw.regular_polygon((x, y, r), 5, fill=(0xFF, 0xDE, 0x00))
    return img


@pytest.mark.parametrize(
    "picture",
    [
        pytest.param(lambda: _red_field(), id="plain red field"),
        pytest.param(lambda: _red_field((150, 100, 50)), id="one central star"),
        pytest.param(lambda: _red_field((250, 160, 20)), id="one star in the wrong corner"),
        pytest.param(lambda: _red_field(size=(200, 200)), id="red square"),
        pytest.param(lambda: photo_like(seed=9), id="photo without a flag"),
    ],
)
def test_near_misses_are_not_the_flag(screener, tmp_path, picture):
    result = screener.screen(save(picture(), tmp_path, "miss.png"), "avatar")
    assert result.hits == [] and result.warnings == []


# -- images that cannot be read ----------------------------------------------------------


def _png_header_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("make", "words"),
    [
        pytest.param(lambda p: None, "not found", id="missing file"),
        pytest.param(lambda p: p.write_text("hello, not an image"), "not a recognised", id="text"),
        pytest.param(
            lambda p: p.write_bytes(_png_header_claiming(50_000, 50_000)), "pixel", id="bomb header"
        ),
        pytest.param(
            lambda p: p.write_bytes(_flag_png_bytes()[:600]), "truncated", id="truncated png"
        ),
        pytest.param(lambda p: p.write_bytes(b""), "not a recognised", id="empty file"),
    ],
)
def test_unreadable_images_give_one_clear_warning_and_no_hit(screener, tmp_path, make, words):
    path = tmp_path / "broken.png"
    make(path)
    result = screener.screen(path, "avatar")
    assert result.hits == [] and result.decoded_texts == []
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("avatar: ")
    assert words in result.warnings[0]


def _flag_png_bytes() -> bytes:
    return FLAG.read_bytes()


def test_directory_instead_of_image_is_a_warning(screener, tmp_path):
    result = screener.screen(tmp_path, "cover")
    assert result.hits == [] and len(result.warnings) == 1


def test_transparent_png_is_screened_on_white(screener, tmp_path):
    code = qr_image("https://example.com/contact").convert("L")
    rgba = Image.new("RGBA", code.size, (0, 0, 0, 0))
    rgba.putalpha(code.point(lambda v: 255 - v))
    result = screener.screen(save(rgba, tmp_path, "alpha.png"), "avatar")
    assert result.decoded_texts == ["https://example.com/contact"]
