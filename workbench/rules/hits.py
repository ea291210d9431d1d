"""The shape every rule hit has, text rules and account-level checks alike."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace
from dataclasses import field as dataclass_field  # ``field`` is also a Hit attribute

from workbench.models.codes import RULE_BASIS, HitSeverity, RuleCategory

SEVERITY_ORDER = {s: i for i, s in enumerate(HitSeverity)}
# Hits of one rule in one field listed one by one; past this, the last listed
# hit says how many more there are.  A bio of one name written 20,000 times is
# one finding, not 20,000 rows for a reviewer to read and a database to store.
MAX_HITS_PER_RULE = 20


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule hit: which rule, where in which field, what matched, on what legal basis.

    ``start``/``end`` index the original (un-normalised) text of ``field``;
    account-level checks that have no span use 0/0 and name the data in
    ``field`` (e.g. ``follower_history``).
    """

    category: str
    rule: str
    field: str
    start: int
    end: int
    matched: str
    basis: str
    severity: str
    score: float
    explanation: str
    details: dict = dataclass_field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self):
        if self.category not in _CATEGORIES:
            RuleCategory(self.category)  # raises ValueError on an unknown code
        if self.severity not in _SEVERITIES:
            HitSeverity(self.severity)
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad span {self.start}..{self.end} for {self.rule}")

    def to_json(self) -> dict:
        data = asdict(self)
        if not data["details"]:
            data.pop("details")
        return data

    @property
    def fingerprint(self) -> str:
        """Stable key of 'the same hit on the same account' for de-duplication."""
        key = f"{self.category}|{self.rule}|{self.field}|{self.matched}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def basis_for(category: str) -> str:
    """The legal basis of a category, '2022/8(2)' style."""
    basis = _BASIS.get(category)
    return basis if basis is not None else RULE_BASIS[RuleCategory(category)]


# Codes checked and looked up as plain strings first (an enum call costs a microsecond
# and every hit made two or three).
_CATEGORIES = frozenset(c.value for c in RuleCategory)
_SEVERITIES = frozenset(s.value for s in HitSeverity)
_BASIS = {c.value: basis for c, basis in RULE_BASIS.items()}


def account_hit(
    category: RuleCategory,
    rule: str,
    field: str,
    matched: str,
    severity: HitSeverity,
    score: float,
    explanation: str,
    details: dict | None = None,
    *,
    span: tuple[int, int] = (0, 0),
    basis: str | None = None,
) -> Hit:
    """A hit of an account-level check: on a field as a whole unless ``span`` says where,
    on its category's legal basis unless ``basis`` names another."""
    return Hit(
        category=category.value,
        rule=rule,
        field=field,
        start=span[0],
        end=span[1],
        matched=matched,
        basis=basis or basis_for(category),
        severity=severity.value,
        score=score,
        explanation=explanation,
        details=details or {},
    )


def strongest(hits) -> str | None:
    """The most severe severity among ``hits``, or None."""
    best = None
    for h in hits:
        if (
            best is None
            or SEVERITY_ORDER[HitSeverity(h.severity)] > SEVERITY_ORDER[HitSeverity(best)]
        ):
            best = h.severity
    return best


def with_omitted(hit: Hit, omitted: int) -> Hit:
    """``hit`` saying that ``omitted`` more hits of its rule in its field are not listed."""
    return replace(
        hit,
        explanation=f"{hit.explanation}（本字段另有 {omitted} 处同类命中未逐条列出 / "
        f"{omitted} more in this field not listed）",
        details={**hit.details, "omitted": omitted},
    )
