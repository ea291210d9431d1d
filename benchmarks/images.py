"""Avatar and cover screening time per image.

Run:  .venv/bin/python benchmarks/images.py [--images 200] [--seed 5]

Writes synthetic avatars (640 x 640 busy pictures; a quarter carry a QR
code, some the national flag whole or inside the picture) and covers
(1280 x 720) to a temporary folder, screens each with ImageScreener, and
prints the median and 95th percentile time per image beside two baselines:
opening and decoding the file alone (Pillow), and one plain zxing-cpp read.
Each figure is CPU time of this thread and wall time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import zxingcpp  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from workbench.resources import resource  # noqa: E402
from workbench.rules.images import ImageScreener, open_image  # noqa: E402


def busy_picture(size: tuple[int, int], rnd: random.Random) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    top, bottom = [rnd.randrange(256) for _ in range(3)], [rnd.randrange(256) for _ in range(3)]
    for y in range(h):
        t = y / h
        draw.line(
            [(0, y), (w, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for _ in range(60):
        x, y, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(5, w // 8)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rnd.randrange(256) for _ in "rgb"))
    return img.filter(ImageFilter.GaussianBlur(1.2))


def qr(text: str, module: int) -> Image.Image:
    view = memoryview(
        zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode).to_image(scale=module)
    )
    h, w = view.shape
    return Image.frombuffer("L", (w, h), bytes(view), "raw", "L", 0, 1).convert("RGB")


def make_images(folder: Path, count: int, seed: int) -> list[tuple[Path, str, bool]]:
    """(path, field, carries a code or the flag) for ``count`` synthetic images."""
    rnd = random.Random(seed)
    with resource("symbols/prc_flag.png").open("rb") as fh:
        flag = Image.open(fh).convert("RGB")
    out = []
    for i in range(count):
        cover = i % 4 == 3
        img = busy_picture((1280, 720) if cover else (640, 640), rnd)
        kind = rnd.random()
        marked = kind < 0.35
        if kind < 0.25:
            code = qr(f"https://example.com/u/{i}", rnd.choice((2, 3, 4)))
            img.paste(
                code,
                (rnd.randrange(img.width - code.width), rnd.randrange(img.height - code.height)),
            )
        elif kind < 0.3:
            img = flag.resize(img.size)
        elif kind < 0.35:
            small = flag.resize((240, 160))
            img.paste(small, (rnd.randrange(img.width - 240), rnd.randrange(img.height - 160)))
        path = folder / f"{i:04d}.jpg"
        img.save(path, quality=85)
        out.append((path, "cover" if cover else "avatar", marked))
    return out


def timed(fn, items) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for item in items:
        c, t = time.thread_time(), time.perf_counter()
        fn(item)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.thread_time() - c) * 1000)
    return wall, cpu


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    screener = ImageScreener()
    with tempfile.TemporaryDirectory() as tmp:
        made = make_images(Path(tmp), args.images, args.seed)
        items = [(p, f) for p, f, _ in made]
        avatars = [i for i in items if i[1] == "avatar"]
        screener.screen(*items[0])  # warm up
        found = [bool(screener.screen(p, f).hits) for p, f in items]
        marked = [m for _, _, m in made]
        caught = sum(f and m for f, m in zip(found, marked, strict=True))
        false_alarms = sum(f and not m for f, m in zip(found, marked, strict=True))
        runs = {
            "ImageScreener.screen, avatars (640x640)": timed(
                lambda i: screener.screen(*i), avatars
            ),
            "ImageScreener.screen, all images": timed(lambda i: screener.screen(*i), items),
            "baseline: open and decode only": timed(lambda i: open_image(i[0]), avatars),
            "baseline: one zxing read": timed(
                lambda i: zxingcpp.read_barcodes(open_image(i[0]).convert("L")), avatars
            ),
        }
    print(
        f"{len(items)} images ({len(avatars)} avatars): {caught} of {sum(marked)} with a code "
        f"or the flag found, {false_alarms} false alarms\n"
    )
    print(f"{'measure':<42}{'median CPU':>12}{'p95 CPU':>10}{'median wall':>13}")
    for label, (wall, cpu) in runs.items():
        print(
            f"{label:<42}{statistics.median(cpu):>9.1f} ms{p95(cpu):>7.1f} ms"
            f"{statistics.median(wall):>10.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
