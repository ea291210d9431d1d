"""The keys the closed-name index files each name under, and the variants a query looks up.

Every entry is a 37-bit hash of a tagged string: the folded key (``=``), its
pinyin (``~``), its deletions (``-``, Latin keys also ``--`` for two letters
removed), its grams (``^``) and, for names
written in pinyin, its syllable string and that string's deletions (``s=``,
``s-``).  Two keys sharing any entry are candidates; rapidfuzz decides.
"""

from __future__ import annotations

from workbench.rules.namefold import pinyin_key, syllable_key

HASH_MASK = (1 << 37) - 1
MAX_DELETION_LEN = 16  # longer keys are found through their bigrams
GAPPED_MAX_LEN = 5  # short keys also index their gapped pairs (a_c)
NEAR_DELETIONS_MAX_LEN = 12  # queries this short also try two deletions
LATIN_TWICE_DELETED = (6, 12)  # Latin keys of these lengths also index two-letter deletions
# Queries longer than this (no platform allows such a name) look up no deletions:
# a key's deletions are as long as the key and as many, so a long query would cost
# the square of its length; its grams still find names close to it.
QUERY_DELETION_MAX_LEN = 64

EXACT, PINYIN, DELETED, DELETED_TWICE, GRAM = "=", "~", "-", "--", "^"
SYLLABLES, SYLLABLES_DELETED = "s=", "s-"


def tagged(tag: str, text: str) -> int:
    """The entry hash of ``text`` under ``tag`` (Python's string hash: the index lives
    in one process)."""
    return hash(tag + text) & HASH_MASK


def deletions(key: str) -> set[str]:
    """``key`` with one character removed, every way."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def near_variants(key: str) -> set[str]:
    """The key and its one- and (short keys) two-character deletions.

    Looked up both as whole keys and as deletions of indexed keys, they find
    every indexed key one edit away, and two edits away when one of the two
    removes a character from the query (any two, for mid-length Latin keys).
    """
    variants = {key}
    if len(key) < 2:
        return variants
    once = deletions(key)
    variants |= once
    if len(key) <= NEAR_DELETIONS_MAX_LEN:
        for d in once:
            if len(d) >= 2:
                variants |= deletions(d)
    return variants


def grams(key: str, gapped: bool, latin: bool) -> set[str]:
    """Character bigrams; gapped pairs for short keys; trigrams for Latin keys.

    Bigrams of a 26-letter alphabet are too common to block on, so Latin
    (pinyin, English) keys also index their trigrams.
    """
    grams = {key[i : i + 2] for i in range(len(key) - 1)}
    if gapped:
        grams.update(key[i] + key[i + 2] for i in range(len(key) - 2))
    if latin:
        grams.update(key[i : i + 3] for i in range(len(key) - 2))
    return grams


def index_hashes(key: str, stripped: str) -> list[int]:
    """The hashed entries one closed name's key contributes to the index."""
    hashes = [tagged(EXACT, key), tagged(PINYIN, pinyin_key(key))]
    if 2 <= len(key) <= MAX_DELETION_LEN:
        once = deletions(key)
        hashes.extend(tagged(DELETED, d) for d in once)
        if key.isascii() and LATIN_TWICE_DELETED[0] <= len(key) <= LATIN_TWICE_DELETED[1]:
            # Latin keys spread one Chinese character over several letters, so
            # names two letters longer than the query are common: their
            # two-letter deletions meet the query and its one-letter deletions.
            twice = {d2 for d in once for d2 in deletions(d)} - once
            hashes.extend(tagged(DELETED_TWICE, d) for d in twice)
    own_grams = grams(key, len(key) <= GAPPED_MAX_LEN, key.isascii())
    hashes.extend(tagged(GRAM, g) for g in own_grams)
    syllables = syllable_key(stripped) if key.isascii() else None
    if syllables and len(syllables) >= 2:
        hashes.append(tagged(SYLLABLES, syllables))
        variants = near_variants(syllables) - {syllables}
        hashes.extend(tagged(SYLLABLES_DELETED, v) for v in variants if len(v) >= 2)
    return hashes


def syllable_hashes(stripped: str) -> list[int]:
    """A Latin query's syllable string and its deletions, as both kinds of syllable entry."""
    syllables = syllable_key(stripped)
    if not syllables or len(syllables) < 2:
        return []
    variants = [v for v in near_variants(syllables) if len(v) >= 2]
    return [tagged(SYLLABLES, v) for v in variants] + [
        tagged(SYLLABLES_DELETED, v) for v in variants
    ]


def query_hashes(key: str, stripped: str) -> list[int]:
    """The entries a query looks up to find keys up to two edits away (see above)."""
    if len(key) > QUERY_DELETION_MAX_LEN:
        return [tagged(EXACT, key), tagged(DELETED, key)]
    near = near_variants(key)
    hashes = [tagged(EXACT, v) for v in near] + [tagged(DELETED, v) for v in near]
    if key.isascii():
        hashes += [tagged(DELETED_TWICE, key)]
        hashes += [tagged(DELETED_TWICE, v) for v in deletions(key)]
        hashes += syllable_hashes(stripped)
    return hashes
