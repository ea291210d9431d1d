"""Images for the demo: avatars (a few carrying a QR code with contact details
or a national flag) and screenshot-like evidence pictures with Chinese text.

A small pool of files is drawn once and shared by many accounts and reports.
The CJK font is found with ``fc-match`` (Debian: fonts-noto-cjk); without one,
Pillow's built-in font draws what it can.
"""

from __future__ import annotations

import math
import random
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PALETTE = (
    (229, 115, 115),
    (100, 181, 246),
    (129, 199, 132),
    (255, 183, 77),
    (149, 117, 205),
    (77, 182, 172),
    (240, 98, 146),
    (161, 136, 127),
)
FLAG_RED, FLAG_YELLOW = (238, 28, 37), (255, 255, 0)
QR_CONTACTS = (
    "微信: lucky_8866",
    "weixin://contacts/profile/shop2024",
    "QQ: 12345678 加好友",
    "https://t.me/deal_8888",
)
EVIDENCE_LINES = (
    ("加我薇信 xiaomei520，带你赚钱", "该用户的主页简介截图"),
    ("官方唯一授权 全网第一", "账号名称与认证信息"),
    ("国务院办公厅服务号", "冒充机关的账号主页"),
    ("V信同号 13800138000", "私信内容截图"),
    ("代开各类发票 量大从优", "动态内容截图"),
    ("新华社快讯：重大消息", "冒充媒体的账号主页"),
    ("粉丝一夜涨了 38,000", "粉丝数变化截图"),
    ("辱骂他人的评论", "评论区截图"),
)


@lru_cache(maxsize=1)
def cjk_font_path() -> str | None:
    """A font file with Chinese glyphs, or None."""
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(
            ["fc-match", "Noto Sans CJK SC", "--format=%{file}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if out and Path(out).is_file() and "cjk" in out.lower():
        return out
    return None


def _font(size: int):
    path = cjk_font_path()
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size=size)


def qr_image(text: str, size: int) -> Image.Image | None:
    """``text`` as a QR code (zxing-cpp), or None when it cannot write barcodes."""
    try:
        import zxingcpp

        barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode)
        picture = Image.fromarray(barcode.to_image(scale=4)).convert("RGB")
    except (ImportError, AttributeError, ValueError, RuntimeError, TypeError):
        return None
    return picture.resize((size, size), Image.Resampling.NEAREST)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, angle: float) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * math.sin(math.radians(18)) / math.sin(math.radians(54))
        a = angle + i * math.pi / 5
        points.append((cx + radius * math.sin(a), cy - radius * math.cos(a)))
    draw.polygon(points, fill=FLAG_YELLOW)


def national_flag(width: int) -> Image.Image:
    """The national flag drawn to its construction (a 30 x 20 grid)."""
    unit = width / 30
    flag = Image.new("RGB", (width, round(unit * 20)), FLAG_RED)
    draw = ImageDraw.Draw(flag)
    _star(draw, 5 * unit, 5 * unit, 3 * unit, 0.0)
    for gx, gy in ((10, 2), (12, 4), (12, 7), (10, 9)):
        # Each small star points one tip at the big star's centre.
        angle = math.atan2(gx - 5, -(gy - 5)) + math.pi
        _star(draw, gx * unit, gy * unit, unit, angle)
    return flag


def plain_avatar(character: str, colour: tuple[int, int, int], size: int = 160) -> Image.Image:
    image = Image.new("RGB", (size, size), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=colour)
    font = _font(size // 2)
    draw.text((size / 2, size / 2), character, fill="white", font=font, anchor="mm")
    return image


def qr_avatar(text: str, size: int = 160) -> Image.Image | None:
    code = qr_image(text, size - 40)
    if code is None:
        return None
    image = Image.new("RGB", (size, size), "white")
    image.paste(code, (20, 20))
    return image


def flag_avatar(size: int = 160) -> Image.Image:
    image = Image.new("RGB", (size, size), (245, 245, 245))
    flag = national_flag(size - 20)
    image.paste(flag, (10, (size - flag.height) // 2))
    return image


def evidence_picture(headline: str, caption: str, seed: int) -> Image.Image:
    """A phone screenshot-like picture: status bar, a profile header, the quoted text."""
    rng = random.Random(seed)
    width, height = 360, 640
    image = Image.new("RGB", (width, height), (246, 246, 246))
    draw = ImageDraw.Draw(image)
    small, body, big = _font(14), _font(18), _font(19)
    draw.rectangle((0, 0, width, 28), fill=(30, 30, 30))
    draw.text((12, 6), f"{rng.randrange(8, 23)}:{rng.randrange(60):02d}", fill="white", font=small)
    draw.text((width - 60, 6), "5G 87%", fill="white", font=small)
    colour = rng.choice(PALETTE)
    draw.ellipse((20, 48, 84, 112), fill=colour)
    draw.text((100, 56), caption, fill=(40, 40, 40), font=body)
    draw.text((100, 84), f"粉丝 {rng.randrange(100, 90000):,}", fill=(120, 120, 120), font=small)
    draw.rounded_rectangle((16, 140, width - 16, 260), radius=10, fill="white")
    draw.text((30, 160), headline, fill=(200, 30, 30), font=big)
    draw.text((30, 210), "举报人截图留证", fill=(140, 140, 140), font=small)
    for i in range(5):
        y = 290 + i * 60
        draw.rounded_rectangle((16, y, width - 16, y + 48), radius=8, fill="white")
        draw.rectangle((30, y + 14, 30 + rng.randrange(120, 300), y + 22), fill=(220, 220, 220))
        draw.rectangle((30, y + 30, 30 + rng.randrange(60, 200), y + 36), fill=(232, 232, 232))
    return image


@dataclass
class ImagePool:
    """The files drawn for one demo run, by purpose."""

    folder: Path
    avatars: list[str] = field(default_factory=list)
    qr_avatars: list[str] = field(default_factory=list)
    flag_avatars: list[str] = field(default_factory=list)
    covers: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    font: str | None = None


def draw_pool(folder: Path, *, seed: int = 0, evidence_count: int = 16) -> ImagePool:
    """Draw the shared picture files into ``folder`` (existing files are redrawn)."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = ImagePool(folder=folder, font=cjk_font_path())
    rng = random.Random(seed)

    def save(image: Image.Image, name: str) -> str:
        path = folder / name
        image.save(path, format="PNG", optimize=False)
        return str(path)

    for i, character in enumerate("王李张刘陈杨黄赵吴周徐孙"):
        pool.avatars.append(
            save(plain_avatar(character, PALETTE[i % len(PALETTE)]), f"avatar_{i:02d}.png")
        )
    for i, text in enumerate(QR_CONTACTS):
        image = qr_avatar(text)
        if image is not None:
            pool.qr_avatars.append(save(image, f"avatar_qr_{i}.png"))
    for i in range(2):
        pool.flag_avatars.append(save(flag_avatar(160 + 40 * i), f"avatar_flag_{i}.png"))
    for i in range(4):
        cover = Image.new("RGB", (640, 200), PALETTE[(i * 3) % len(PALETTE)])
        ImageDraw.Draw(cover).text((24, 80), "记录生活 · 分享美好", fill="white", font=_font(30))
        pool.covers.append(save(cover, f"cover_{i}.png"))
    for i in range(evidence_count):
        headline, caption = EVIDENCE_LINES[i % len(EVIDENCE_LINES)]
        pool.evidence.append(
            save(evidence_picture(headline, caption, rng.randrange(10**6)), f"evidence_{i:02d}.png")
        )
    return pool
