"""Linked accounts (issue 16 item 6): one contact, a near-duplicate avatar, one subject.

Pure: link keys in, link groups out.  Each account brings

* its **contacts** as the rule engine decodes them (:mod:`workbench.rules.contact`,
  evasions included: 薇信 abc123 and vx：ａｂｃ１２３ are the same ``wechat:abc123``),
  usually as keyed hashes (the database never holds a contact in clear);
* its **avatar's perceptual hash** (:func:`workbench.rules.symbols.phash`, 64 bits):
  avatars within :attr:`LinkPolicy.image_distance` bits of each other are one
  picture re-saved, resized or lightly edited;
* its **subject keys**: the keyed hashes of the subject's ID number or credit code
  (:func:`workbench.cases.subjects.subject_key`).

A value shared by many accounts says little about who runs them: a platform's
customer-service number in hundreds of bios, the default avatar.  As with
closed names (:mod:`workbench.rules.closed_rarity`), how common a shared value
is decides what it is worth: a value held by more than
:attr:`LinkPolicy.common_limit` accounts links no one.  Values are joined
rarest first into groups (union-find) and a group never grows past
:attr:`LinkPolicy.max_group`, so a chain of weak links cannot sweep a whole
platform into one group.  Near-duplicate avatars are found by multi-index
hashing: with a distance of at most ``d``, two hashes agree exactly on at least
one of ``d + 1`` bands (pigeonhole), so only hashes sharing a band are compared
and the work stays near linear in the accounts.

A cluster of new accounts sharing one contact is batch registration, which
2021/18(8) forbids (违规批量注册、囤积或者非法交易买卖公众账号): see
:func:`new_account_clusters`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from workbench.rules.contact import default_scanner

CONTACT = "contact"
AVATAR = "avatar"
SUBJECT = "subject"
LINK_LABELS = {
    CONTACT: ("同一联系方式", "same contact"),
    AVATAR: ("相似头像", "similar avatar"),
    SUBJECT: ("同一主体", "same subject"),
}
HASH_BITS = 64
# The stored index cuts avatar hashes into bands for this distance; a policy may ask less.
MAX_IMAGE_DISTANCE = 4
INFO_FIELDS = ("name", "bio", "signature", "certification")


@dataclass(frozen=True)
class LinkPolicy:
    common_limit: int = 50  # a value held by more accounts than this links no one
    max_group: int = 200  # a link group never grows past this many accounts
    image_distance: int = 4  # avatars this many hash bits apart or fewer are one picture
    new_within_days: int = 30  # "new": registered this many days before the check or later
    min_cluster: int = 3  # new accounts sharing one contact that make a group hit


@dataclass(frozen=True, slots=True)
class LinkKeys:
    """One account's link keys (contacts and subjects as opaque strings, e.g. digests)."""

    account_id: int
    contacts: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    avatar: int | None = None
    registered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Link:
    a: int
    b: int
    kind: str  # CONTACT, AVATAR or SUBJECT


@dataclass(frozen=True)
class LinkGroup:
    members: tuple[int, ...]
    links: tuple[Link, ...] = field(default=())


def contact_value(kind: str, detail: str) -> str:
    """The canonical form of a decoded contact: ``kind:value``, case, spaces and a URL's
    scheme and ``www.`` dropped, so every spelling of one contact gives one value."""
    value = "".join(detail.split()).lower()
    if kind == "url":
        for prefix in ("https://", "http://"):
            value = value.removeprefix(prefix)
        value = value.removeprefix("www.").rstrip("/")
    elif kind == "phone":
        value = "".join(ch for ch in value if ch.isdigit())
    return f"{kind}:{value}"


def contact_values(texts: Sequence[tuple[str, str]], scanner=None) -> set[str]:
    """The decoded contacts in an account's fields ``(field, text)``, also those written
    across fields, in canonical form (:func:`contact_value`)."""
    scanner = scanner or default_scanner()
    texts = [(f, t) for f, t in texts if t]
    found = {contact_value(f.kind, f.detail) for _, text in texts for f in scanner.scan(text)}
    found |= {contact_value(f.kind, f.detail) for f, _ in scanner.across_fields(list(texts))}
    return found


def bands(value: int, distance: int) -> list[tuple[int, int]]:
    """``(band index, bits)`` of a hash cut into ``distance + 1`` bands."""
    count = distance + 1
    width = -(-HASH_BITS // count)
    mask = (1 << width) - 1
    return [(i, (value >> (i * width)) & mask) for i in range(count)]


class _Groups:
    """Union-find with sizes; a union that would pass ``limit`` members is refused."""

    def __init__(self, limit: int):
        self.parent: dict[int, int] = {}
        self.size: dict[int, int] = {}
        self.limit = limit

    def find(self, x: int) -> int:
        parent = self.parent
        root = parent.setdefault(x, x)
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        sa, sb = self.size.get(ra, 1), self.size.get(rb, 1)
        if sa + sb > self.limit:
            return False
        if sa < sb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] = sa + sb
        return True


def shared_values(accounts: Iterable[LinkKeys], policy: LinkPolicy) -> list[tuple[str, list[int]]]:
    """``(kind, holders)`` of each contact, subject or exact avatar hash held by two
    accounts or more and by no more than ``policy.common_limit``, rarest first."""
    holders: dict[tuple[str, object], list[int]] = defaultdict(list)
    for keys in accounts:
        for value in keys.contacts:
            holders[(CONTACT, value)].append(keys.account_id)
        for value in keys.subjects:
            holders[(SUBJECT, value)].append(keys.account_id)
        if keys.avatar is not None:
            holders[(AVATAR, keys.avatar)].append(keys.account_id)
    shared = [
        (len(ids), kind, str(value), ids)
        for (kind, value), ids in holders.items()
        if 1 < len(ids) <= policy.common_limit
    ]
    shared.sort(key=lambda item: item[:3])
    return [(kind, ids) for _, kind, _, ids in shared]


def avatar_pairs(hashes: dict[int, int], distance: int, common_limit: int) -> list[tuple[int, int]]:
    """Pairs of accounts whose avatar hashes differ in 1..``distance`` bits (exact
    duplicates are :func:`shared_values`' business).  A band value shared by more than
    ``common_limit`` distinct hashes is a common picture's and is not searched."""
    by_hash: dict[int, list[int]] = defaultdict(list)
    for account_id, value in hashes.items():
        by_hash[value].append(account_id)
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for value in by_hash:
        for band in bands(value, distance):
            buckets[band].append(value)
    near: set[tuple[int, int]] = set()
    for values in buckets.values():
        if len(values) < 2 or len(values) > common_limit:
            continue
        for i, x in enumerate(values):
            for y in values[i + 1 :]:
                if (x ^ y).bit_count() <= distance:
                    near.add((x, y) if x < y else (y, x))
    pairs = []
    for x, y in sorted(near):
        if len(by_hash[x]) > common_limit or len(by_hash[y]) > common_limit:
            continue
        a, b = min(by_hash[x]), min(by_hash[y])
        pairs.append((a, b) if a < b else (b, a))
    return sorted(pairs)


def link_groups(accounts: Sequence[LinkKeys], policy: LinkPolicy | None = None) -> list[LinkGroup]:
    """The groups of two accounts or more linked by a shared contact, subject or a
    near-duplicate avatar, with the links that made each (one per joined account).

    Deterministic: rarer values join first, then near-duplicate avatars; groups are
    ordered by their smallest account id."""
    policy = policy or LinkPolicy()
    groups = _Groups(policy.max_group)
    made: list[Link] = []
    for kind, ids in shared_values(accounts, policy):
        first = ids[0]
        for other in ids[1:]:
            if groups.find(first) != groups.find(other) and groups.union(first, other):
                made.append(Link(first, other, kind))
    hashes = {k.account_id: k.avatar for k in accounts if k.avatar is not None}
    for a, b in avatar_pairs(hashes, policy.image_distance, policy.common_limit):
        if groups.find(a) != groups.find(b) and groups.union(a, b):
            made.append(Link(a, b, AVATAR))
    members: dict[int, list[int]] = defaultdict(list)
    for account_id in list(groups.parent):
        members[groups.find(account_id)].append(account_id)
    links: dict[int, list[Link]] = defaultdict(list)
    for link in made:
        links[groups.find(link.a)].append(link)
    out = [
        LinkGroup(tuple(sorted(ids)), tuple(links[root]))
        for root, ids in members.items()
        if len(ids) > 1
    ]
    return sorted(out, key=lambda g: g.members[0])


@dataclass(frozen=True)
class Cluster:
    """New accounts sharing one contact: one batch-registration hit for the group."""

    contact: str  # the shared value as given (a digest in the database)
    members: tuple[int, ...]  # account ids, oldest registration first

    @property
    def anchor(self) -> int:
        """The account the group's one hit is filed on: the first registered."""
        return self.members[0]


def new_account_clusters(
    accounts: Iterable[LinkKeys], *, now: datetime, policy: LinkPolicy | None = None
) -> list[Cluster]:
    """Contacts shared by at least ``min_cluster`` accounts registered within
    ``new_within_days`` of ``now`` (and by no more than ``common_limit`` accounts in
    all), each one :class:`Cluster` (2021/18(8)).  An account in two clusters is in both."""
    policy = policy or LinkPolicy()
    since = now - timedelta(days=policy.new_within_days)
    holders: dict[str, list[LinkKeys]] = defaultdict(list)
    for keys in accounts:
        for value in keys.contacts:
            holders[value].append(keys)
    clusters = []
    for value, held in holders.items():
        if len(held) > policy.common_limit:
            continue
        new = [k for k in held if k.registered_at is not None and k.registered_at >= since]
        if len(new) >= policy.min_cluster:
            new.sort(key=lambda k: (k.registered_at, k.account_id))
            clusters.append(Cluster(value, tuple(k.account_id for k in new)))
    return sorted(clusters, key=lambda c: (c.anchor, c.contact))
