"""Protected party and state symbols in images (2022/10): perceptual hash and flag layout.

Two checks, both producing ``strict_verification``:

* :class:`SymbolLibrary` holds the reference PNGs of ``resources/symbols/``
  (the national flag drawn to GB 12982, and whatever emblems a platform adds)
  as perceptual hashes (pHash: DCT of a 32 x 32 grey image, 64 bits) with
  their mean colour.  A whole avatar that is one of them, resized,
  recompressed or slightly recoloured, matches.
* :func:`find_flag_layout` finds the national flag inside a larger picture:
  a red rectangle of about 3:2 whose yellow blobs sit where GB 12982 puts
  the stars (large star at grid (5, 5), small stars at (10, 2), (12, 4),
  (12, 7), (10, 9) of the 15 x 10 hoist-quarter grid), also mirrored.
  A red field with no stars, or one central star, is not the flag.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

HASH_MATCH_BITS = 10  # Hamming distance (of 64) accepted as the same symbol
COLOUR_MATCH = 60.0  # RGB distance of mean colours accepted as the same symbol
FLAT_STD = 4.0  # grey-level spread below which an image has no shape to hash
LAYOUT_SIZE = 240  # longest side the layout check works at

# GB 12982 star centres in flag units (width 30, height 20), as fractions.
BIG_STAR = (5 / 30, 5 / 20)
SMALL_STARS = ((10 / 30, 2 / 20), (12 / 30, 4 / 20), (12 / 30, 7 / 20), (10 / 30, 9 / 20))
STAR_TOLERANCE = 0.07


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
    def load(cls, directory: Path) -> SymbolLibrary:
        directory = Path(directory)
        labels_file = directory / "symbols.json"
        labels = json.loads(labels_file.read_text("utf-8")) if labels_file.exists() else {}
        symbols = []
        for path in sorted(directory.glob("*.png")):
            meta = labels.get(path.name, {})
            with Image.open(path) as im:
                im = im.convert("RGB")
                h = phash(im)
                if h is None:
                    continue
                symbols.append(
                    Symbol(
                        path.name,
                        meta.get("zh", path.stem),
                        meta.get("en", path.stem),
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
    """National flags inside ``image`` by colour and star layout."""
    rgb_image = image.convert("RGB")
    scale = min(1.0, LAYOUT_SIZE / max(rgb_image.size))
    if scale < 1.0:
        size = (max(1, round(rgb_image.width * scale)), max(1, round(rgb_image.height * scale)))
        rgb_image = rgb_image.resize(size, Image.Resampling.BOX)
    rgb = np.asarray(rgb_image)
    red, yellow = _masks(rgb)
    field = red | yellow
    total = field.shape[0] * field.shape[1]
    found = []
    for comp in _components(field, max(150, total // 100)):
        y0, x0 = comp.min(axis=0)
        y1, x1 = comp.max(axis=0) + 1
        w, h = x1 - x0, y1 - y0
        if h < 12 or not 1.25 <= w / h <= 1.8:
            continue
        if len(comp) < 0.85 * w * h:
            continue
        fit = _star_fit(yellow[y0:y1, x0:x1], red[y0:y1, x0:x1])
        if fit is None:
            continue
        stars, score = fit
        box = tuple(int(round(v / scale)) for v in (x0, y0, x1, y1))
        found.append(FlagFound(box, stars, score))
    return found


def _star_fit(yellow: np.ndarray, red: np.ndarray) -> tuple[int, float] | None:
    """How many GB 12982 stars the yellow blobs of a candidate field match, if it is the flag."""
    h, w = yellow.shape
    share = yellow.sum() / (w * h)
    if not 0.01 <= share <= 0.09 or red.sum() < 0.8 * w * h:
        return None
    blobs = _components(yellow, max(2, (w * h) // 4000))
    if not 2 <= len(blobs) <= 7:
        return None
    centres = [(float(b[:, 1].mean()) / w, float(b[:, 0].mean()) / h, len(b)) for b in blobs]
    for mirrored in (False, True):
        placed = [((1 - cx) if mirrored else cx, cy, n) for cx, cy, n in centres]
        largest = max(placed, key=lambda c: c[2])
        if _far(largest, BIG_STAR):
            continue
        others = [c for c in placed if c is not largest]
        matched = sum(any(not _far(c, star) for c in others) for star in SMALL_STARS)
        strays = sum(all(_far(c, star) for star in SMALL_STARS) for c in others)
        small_sizes = [c[2] for c in others]
        if matched >= 3 and strays == 0 and max(small_sizes) < largest[2]:
            return 1 + matched, matched / 4
    return None


def _far(c, star) -> bool:
    return abs(c[0] - star[0]) > STAR_TOLERANCE or abs(c[1] - star[1]) > STAR_TOLERANCE
