"""Protected party and state symbols in images (2022/10): perceptual hash and flag layout.

Two checks, both producing ``strict_verification``:

* :class:`SymbolLibrary` holds the reference PNGs of ``workbench/resources/symbols/``
  (the national flag drawn to GB 12982, and whatever emblems a platform adds)
  as perceptual hashes (pHash: DCT of a 32 x 32 grey image, 64 bits) with
  their mean colour.  A whole avatar that is one of them, resized,
  recompressed or slightly recoloured, matches.
* :func:`find_flag_layout` finds the national flag inside a larger picture:
  a yellow blob taken as the large star, the red field it implies, and
  three or four smaller yellow blobs where GB 12982 puts the small stars
  (large star at grid (5, 5), small stars at (10, 2), (12, 4), (12, 7),
  (10, 9) of the 15 x 10 hoist-quarter grid), also mirrored.  A red field
  with no stars, or one central star, is not the flag.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from workbench.resources import Traversable

HASH_MATCH_BITS = 10  # Hamming distance (of 64) accepted as the same symbol
COLOUR_MATCH = 60.0  # RGB distance of mean colours accepted as the same symbol
FLAT_STD = 4.0  # grey-level spread below which an image has no shape to hash
LAYOUT_SIZE = 480  # longest side the layout check works at

# GB 12982 star centres in flag units (width 30, height 20), as fractions.
BIG_STAR = (5 / 30, 5 / 20)
SMALL_STARS = ((10 / 30, 2 / 20), (12 / 30, 4 / 20), (12 / 30, 7 / 20), (10 / 30, 9 / 20))
STAR_TOLERANCE_UNITS = 1.2  # how far (grid units) a small star may sit from its place
STAR_AREA_UNITS = 5 * 3 * (3 * 0.382) * 0.5878  # the large star's area in square units
UNIT_FACTORS = (1.0, 1.12, 1.25, 0.9)


@dataclass(frozen=True, slots=True)
class Symbol:
    """One protected symbol: file, labels, hash and mean colour."""

    file: str
    zh: str
    en: str
    kind: str
    phash: int
    colour: tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class SymbolMatch:
    symbol: Symbol
    distance: int  # Hamming distance of the hashes


@dataclass(frozen=True, slots=True)
class FlagFound:
    """A national flag found by layout: its box in the image's pixels, and how well it fits."""

    box: tuple[int, int, int, int]
    stars: int
    fit: float


def _dct_matrix(n: int) -> np.ndarray:
    k = np.arange(n)
    m = np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * n))
    m[0] /= np.sqrt(2)
    return m * np.sqrt(2 / n)


_DCT32 = _dct_matrix(32)


def phash(image: Image.Image) -> int | None:
    """64-bit perceptual hash: low frequencies of the DCT above their median.

    None for a nearly flat image, whose bits would be rounding noise.
    """
    grey = np.asarray(image.convert("L").resize((32, 32), Image.Resampling.LANCZOS), float)
    if grey.std() < FLAT_STD:
        return None
    freq = _DCT32 @ grey @ _DCT32.T
    low = freq[:8, :8].flatten()
    bits = low > np.median(low[1:])
    return int("".join("1" if b else "0" for b in bits), 2)


def mean_colour(image: Image.Image) -> tuple[float, float, float]:
    small = np.asarray(image.convert("RGB").resize((16, 16), Image.Resampling.BOX), float)
    r, g, b = small.reshape(-1, 3).mean(axis=0)
    return (float(r), float(g), float(b))


class SymbolLibrary:
    """The reference symbols of a directory of PNGs (labels from ``symbols.json``)."""

    def __init__(self, symbols: list[Symbol]):
        self.symbols = symbols

    @classmethod
    def load(cls, directory: Path | str | Traversable) -> SymbolLibrary:
        directory = Path(directory) if isinstance(directory, str) else directory
        labels_file = directory / "symbols.json"
        labels = json.loads(labels_file.read_text("utf-8")) if labels_file.is_file() else {}
        symbols = []
        pngs = [p for p in directory.iterdir() if p.name.endswith(".png") and p.is_file()]
        for path in sorted(pngs, key=lambda p: p.name):
            meta = labels.get(path.name, {})
            with path.open("rb") as fh, Image.open(fh) as opened:
                im = opened.convert("RGB")
                h = phash(im)
                if h is None:
                    continue
                symbols.append(
                    Symbol(
                        path.name,
                        meta.get("zh", path.name.removesuffix(".png")),
                        meta.get("en", path.name.removesuffix(".png")),
                        meta.get("kind", "emblem"),
                        h,
                        mean_colour(im),
                    )
                )
        return cls(symbols)

    def match(self, image: Image.Image) -> list[SymbolMatch]:
        """Symbols the whole image is, by hash and mean colour."""
        if not self.symbols:
            return []
        h = phash(image)
        if h is None:
            return []
        colour = np.array(mean_colour(image))
        out = []
        for symbol in self.symbols:
            distance = (h ^ symbol.phash).bit_count()
            if distance > HASH_MATCH_BITS:
                continue
            if np.linalg.norm(colour - np.array(symbol.colour)) > COLOUR_MATCH:
                continue
            out.append(SymbolMatch(symbol, distance))
        return sorted(out, key=lambda m: m.distance)


def _masks(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    red = (r >= 140) & (r - g >= 90) & (r - b >= 90) & (g <= 110)
    yellow = (r >= 190) & (g >= 160) & (b <= 110) & (r - b >= 110)
    return red, yellow


def _components(mask: np.ndarray, min_size: int) -> list[np.ndarray]:
    """Connected components (4-neighbour) of ``mask`` as arrays of (y, x), at least ``min_size``."""
    h, w = mask.shape
    seen = np.zeros_like(mask, dtype=bool)
    out = []
    flat = mask.ravel()
    seen_flat = seen.ravel()
    for start in np.flatnonzero(flat).tolist():
        if seen_flat[start]:
            continue
        seen_flat[start] = True
        queue = deque([start])
        members = []
        while queue:
            p = queue.popleft()
            members.append(p)
            y, x = divmod(p, w)
            for q, ok in ((p - 1, x > 0), (p + 1, x < w - 1), (p - w, y > 0), (p + w, y < h - 1)):
                if ok and flat[q] and not seen_flat[q]:
                    seen_flat[q] = True
                    queue.append(q)
        if len(members) >= min_size:
            idx = np.array(members)
            out.append(np.stack(divmod(idx, w), axis=1))
    return out


def find_flag_layout(image: Image.Image) -> list[FlagFound]:
    """National flags inside ``image``, anchored on their large star.

    Each yellow blob is tried as the large star: its width gives the grid
    unit (a star of circumradius 3 units is 5.7 units wide), hence where the
    flag's edges and the four small stars must be.  The flag is found when
    that rectangle is mostly red and at least three smaller yellow blobs sit
    on the small stars' places (also mirrored).  Red surroundings do not
    matter, unlike a search for a red rectangle.
    """
    rgb_image = image.convert("RGB")
    scale = min(1.0, LAYOUT_SIZE / max(rgb_image.size))
    if scale < 1.0:
        size = (max(1, round(rgb_image.width * scale)), max(1, round(rgb_image.height * scale)))
        rgb_image = rgb_image.resize(size, Image.Resampling.BOX)
    red, yellow = _masks(np.asarray(rgb_image))
    blobs = [
        (float(b[:, 1].mean()), float(b[:, 0].mean()), len(b), int(np.ptp(b[:, 1])) + 1)
        for b in _components(yellow, 3)
    ]
    found: list[FlagFound] = []
    for big in sorted(blobs, key=lambda b: -b[2]):
        fit = _flag_around(big, blobs, red)
        if fit is not None and not any(_overlaps(fit.box, f.box) for f in found):
            found.append(fit)
    return [FlagFound(_unscaled(f.box, scale), f.stars, f.fit) for f in found]


def _unscaled(box: tuple[int, int, int, int], scale: float) -> tuple[int, int, int, int]:
    """A box found in the image scaled by ``scale``, in the original image's pixels."""
    x0, y0, x1, y1 = box
    return round(x0 / scale), round(y0 / scale), round(x1 / scale), round(y1 / scale)


def _flag_around(big, blobs, red: np.ndarray) -> FlagFound | None:
    # A star of circumradius 3 units covers about 10.1 square units; masks
    # lose its anti-aliased edge, so somewhat larger units are tried too.
    estimate = (big[2] / STAR_AREA_UNITS) ** 0.5
    if estimate < 0.8:
        return None
    fits = [
        fit
        for factor in UNIT_FACTORS
        for mirrored in (False, True)
        if (fit := _flag_at(big, blobs, red, estimate * factor, mirrored)) is not None
    ]
    if not fits:
        return None
    stars, error, box = min(fits, key=lambda f: (-f[0], f[1]))
    return FlagFound(box, stars, (stars - 1) / 4)


def _flag_at(big, blobs, red: np.ndarray, unit: float, mirrored: bool):
    """(stars found, mean distance of the small stars in units, box), or None."""
    cx, cy, area, _ = big
    h, w = red.shape
    left = cx - (25 if mirrored else 5) * unit
    top = cy - 5 * unit
    x0, y0, x1, y1 = left, top, left + 30 * unit, top + 20 * unit
    if x0 < -unit or y0 < -unit or x1 > w + unit or y1 > h + unit:
        return None
    box = (max(0, round(x0)), max(0, round(y0)), min(w, round(x1)), min(h, round(y1)))
    region = red[box[1] : box[3], box[0] : box[2]]
    if region.size == 0 or region.mean() < 0.7:
        return None
    distances = []
    for sx, sy in SMALL_STARS:
        ex = x0 + (30 - sx * 30 if mirrored else sx * 30) * unit
        ey = y0 + sy * 20 * unit
        near = [
            max(abs(bx - ex), abs(by - ey)) / unit
            for bx, by, n, _ in blobs
            if 0.03 * area <= n <= 0.35 * area
        ]
        if near and min(near) <= STAR_TOLERANCE_UNITS:
            distances.append(min(near))
    if len(distances) < 3:
        return None
    return 1 + len(distances), sum(distances) / len(distances), box


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
