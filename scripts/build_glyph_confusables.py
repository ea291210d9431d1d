"""Build workbench/resources/normalise/confusables_glyph.tsv: look-alike characters by rendered shape.

For every Chinese character of the lexicon lists matched by sound (the names of organs,
media, states, claims, prohibited words, contact cues), render it and each common character
(jieba's dictionary, characters of words with frequency >= 50) in Noto Sans CJK SC, and keep
the common characters whose glyph overlaps the lexicon character's almost entirely
(intersection over union of the slightly blurred bitmaps >= THRESHOLD).  Each look-alike
maps to its single closest lexicon character.

Run: .venv/bin/python scripts/build_glyph_confusables.py   (about a minute; needs the font)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.rules.lexicons import Lexicons  # noqa: E402
from workbench.rules.matcher import SOUND_LISTS  # noqa: E402
from workbench.rules.normalise import fold  # noqa: E402

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_INDEX_SC = 2
SIZE = 40
THRESHOLD = 0.80
OUT = ROOT / "workbench" / "resources" / "normalise" / "confusables_glyph.tsv"


def render(font, ch: str) -> np.ndarray:
    img = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(img).text((SIZE // 2, SIZE // 2), ch, fill=255, font=font, anchor="mm")
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    return (np.asarray(img) > 60).reshape(-1)


def common_characters() -> list[str]:
    import jieba

    counts: Counter[str] = Counter()
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, freq = line.split(" ")[:2]
            if int(freq) >= 50:
                for ch in word:
                    if "\u4e00" <= ch <= "\u9fff":
                        counts[ch] += 1
    return sorted(counts)


def main() -> None:
    lex = Lexicons.load()
    wanted = sorted(
        {
            ch
            for name in (*SOUND_LISTS, "contact_cues")
            for term in lex.terms(name)
            for ch in fold(term).text
            if "\u4e00" <= ch <= "\u9fff"
        }
    )
    font = ImageFont.truetype(FONT, int(SIZE * 0.8), index=FONT_INDEX_SC)
    common = [c for c in common_characters() if c not in set(wanted)]
    cand = np.stack([render(font, c) for c in common]).astype(np.float32)
    cand_sum = cand.sum(axis=1)
    best: dict[str, tuple[float, str]] = {}
    for ch in wanted:
        g = render(font, ch).astype(np.float32)
        inter = cand @ g
        union = cand_sum + g.sum() - inter
        iou = np.where(union > 0, inter / np.maximum(union, 1), 0)
        for i in np.nonzero(iou >= THRESHOLD)[0]:
            look = common[i]
            if look not in best or iou[i] > best[look][0]:
                best[look] = (float(iou[i]), ch)
    lines = [
        "# look-alike<TAB>lexicon character<TAB>glyph overlap (IoU), from scripts/build_glyph_confusables.py",
        f"# Noto Sans CJK SC at {SIZE}px, blurred, threshold {THRESHOLD}; regenerate after changing the lexicons.",
    ]
    lines += [
        f"{look}\t{ch}\t{score:.2f}"
        for look, (score, ch) in sorted(best.items(), key=lambda x: x[1][1])
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(wanted)} lexicon characters, {len(common)} common characters, {len(best)} look-alikes -> {OUT}"
    )


if __name__ == "__main__":
    main()
