"""Draw the national flag of the PRC to its official construction (GB 12982-2004).

Run:  .venv/bin/python workbench/resources/symbols/make_flag.py  (writes prc_flag.png beside it)

Construction: a 3:2 red field (#DE2910).  The upper hoist quarter is divided
into a 15 x 10 grid; the large star (circumradius 3 units) is centred at
(5, 5); the four small stars (circumradius 1 unit) at (10, 2), (12, 4),
(12, 7) and (10, 9), each with one point aimed at the large star's centre.
Stars are yellow (#FFDE00).  Drawn at 8x and reduced for smooth edges.

The image screener matches avatars and covers against every PNG in this
directory by perceptual hash; a platform adds emblems by adding PNGs (and a
line in symbols.json for their labels).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

RED = (0xDE, 0x29, 0x10)
YELLOW = (0xFF, 0xDE, 0x00)
UNIT = 10  # pixels per grid unit in the written PNG: 30 x 20 units -> 300 x 200
SUPERSAMPLE = 8

BIG_STAR = ((5.0, 5.0), 3.0)
SMALL_STARS = ((10.0, 2.0), (12.0, 4.0), (12.0, 7.0), (10.0, 9.0))


def star_points(cx: float, cy: float, radius: float, angle: float) -> list[tuple[float, float]]:
    """A five-pointed star's outline; ``angle`` is the direction of one point (radians,
    image coordinates, y down)."""
    inner = radius * math.cos(math.radians(72)) / math.cos(math.radians(36))
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else inner
        a = angle + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def draw_flag(unit: int = UNIT) -> Image.Image:
    scale = unit * SUPERSAMPLE
    big = Image.new("RGB", (30 * scale, 20 * scale), RED)
    draw = ImageDraw.Draw(big)
    (bx, by), br = BIG_STAR
    up = -math.pi / 2
    draw.polygon([(x * scale, y * scale) for x, y in star_points(bx, by, br, up)], fill=YELLOW)
    for sx, sy in SMALL_STARS:
        towards_big = math.atan2(by - sy, bx - sx)
        outline = star_points(sx, sy, 1.0, towards_big)
        draw.polygon([(x * scale, y * scale) for x, y in outline], fill=YELLOW)
    return big.resize((30 * unit, 20 * unit), Image.Resampling.LANCZOS)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else Path(__file__).with_name("prc_flag.png")
    draw_flag().save(out, optimize=True)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
