"""Thresholds of the account-level checks, kept as policy an administrator edits.

Defaults ship in ``workbench/resources/policies/account_checks.json``; an administrator's
changes live in the ``setting`` row ``account_checks`` (JSON, merged over the
defaults; read and changed, audited, by :mod:`workbench.cases.check_policy`).  This
module only builds and checks a policy: no database.  The words by which a public
account claims a field (2021/15) ship in ``workbench/resources/lexicons/content_fields.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import ValidationError
from workbench.models.codes import SubjectKind
from workbench.resources import Traversable, resource
from workbench.rules.linking import MAX_IMAGE_DISTANCE, LinkPolicy

DEFAULTS_PATH = resource("policies/account_checks.json")
CONTENT_FIELDS_PATH = resource("lexicons/content_fields.json")


@dataclass(frozen=True)
class TrafficPolicy:
    """When follower history counts as fake traffic (2021/12).

    A day's gain is a spike when it exceeds the median daily gain of the
    ``window_days`` before it by more than ``mad_k`` median absolute
    deviations *and* is at least ``min_spike`` followers.  A day's loss is a
    mass loss when it is at least ``loss_fraction`` of the followers the day
    before *and* at least ``min_loss`` followers.
    """

    window_days: int = 30
    min_baseline_days: int = 7
    mad_k: float = 8.0
    min_spike: int = 5000
    loss_fraction: float = 0.3
    min_loss: int = 1000
    lookback_days: int = 120


@dataclass(frozen=True)
class ContentField:
    """A field a name or bio can be about, and the categories that cover it (2021/15).

    ``regulated`` fields (news, finance, health, ...) are claimed by one word said in
    its own sense; ordinary ones (cars, pets, ...) when the account is plainly about
    them.  ``advice`` and ``broad`` are the table's words of giving advice and its
    categories that cover every ordinary field (the same for every field).
    """

    code: str
    label_zh: str
    label_en: str
    claims: tuple[str, ...]
    categories: frozenset[str]
    regulated: bool = True
    advice: tuple[str, ...] = ()
    broad: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AccountCheckPolicy:
    subject_account_cap: Mapping[str, int] = field(
        default_factory=lambda: {SubjectKind.INDIVIDUAL.value: 2, SubjectKind.ORGANISATION.value: 5}
    )
    inactive_days: int = 183
    traffic: TrafficPolicy = field(default_factory=TrafficPolicy)
    content_fields: tuple[ContentField, ...] = ()
    links: LinkPolicy = field(default_factory=LinkPolicy)  # linked accounts, 2021/18(8)

    def thresholds(self) -> dict:
        """The administrator-editable part, as stored in the setting."""
        return {
            "subject_account_cap": dict(self.subject_account_cap),
            "inactive_days": self.inactive_days,
            "traffic": asdict(self.traffic),
            "links": asdict(self.links),
        }

    def cap_for(self, subject_kind: str) -> int:
        return self.subject_account_cap[subject_kind]


def _invalid(zh: str, en: str) -> ValidationError:
    return ValidationError(f"账号检查策略无效：{zh}", f"invalid account-check policy: {en}")


def _number(value: Any, name: str, *, minimum: float, maximum: float | None = None, integer=True):
    wanted = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, wanted):
        what_zh, what_en = ("整数", "an integer") if integer else ("数字", "a number")
        raise _invalid(f"{name} 应为{what_zh}", f"{name} must be {what_en}")
    if value < minimum or (maximum is not None and value > maximum):
        if maximum is None:
            raise _invalid(f"{name} 不能小于 {minimum}", f"{name} must be {minimum} or more")
        raise _invalid(
            f"{name} 应在 {minimum} 到 {maximum} 之间", f"{name} must be {minimum}..{maximum}"
        )
    return value


def _no_unknown(data: Mapping, allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _invalid(
            f"{where} 含未知项 {', '.join(unknown)}", f"{where} has unknown keys {unknown}"
        )


def _merge(base: dict, changes: Mapping) -> dict:
    merged = dict(base)
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), Mapping):
            merged[key] = _merge(dict(base[key]), value)
        else:
            merged[key] = value
    return merged


def read_defaults(path: Path | Traversable = DEFAULTS_PATH) -> dict:
    """The shipped default thresholds."""
    return json.loads(path.read_text(encoding="utf-8"))


def load_content_fields(path: Path | Traversable = CONTENT_FIELDS_PATH) -> tuple[ContentField, ...]:
    """The field-claim keyword table."""
    data = json.loads(path.read_text(encoding="utf-8"))
    advice = tuple(data.get("advice", ()))
    broad = frozenset(c.casefold() for c in data.get("broad_categories", ()))
    fields = []
    for code, spec in data["fields"].items():
        fields.append(
            ContentField(
                code=code,
                label_zh=spec["label"][0],
                label_en=spec["label"][1],
                claims=tuple(spec["claims"]),
                categories=frozenset(c.casefold() for c in spec["categories"]),
                regulated=bool(spec.get("regulated", False)),
                advice=advice,
                broad=broad,
            )
        )
    return tuple(fields)


def build_policy(
    changes: Mapping | None = None, *, content_fields: tuple[ContentField, ...] | None = None
) -> AccountCheckPolicy:
    """The defaults with ``changes`` merged over them, validated."""
    data = _merge(read_defaults(), changes or {})
    if not isinstance(data, Mapping):
        raise _invalid("应为 JSON 对象", "the policy must be a JSON object")
    _no_unknown(data, {"subject_account_cap", "inactive_days", "traffic", "links"}, "policy")
    caps = data["subject_account_cap"]
    if not isinstance(caps, Mapping):
        raise _invalid("subject_account_cap 应为对象", "subject_account_cap must be an object")
    _no_unknown(caps, {k.value for k in SubjectKind}, "subject_account_cap")
    caps = {
        kind.value: _number(caps.get(kind.value), f"subject_account_cap.{kind.value}", minimum=1)
        for kind in SubjectKind
    }
    inactive = _number(data["inactive_days"], "inactive_days", minimum=1)
    raw = data["traffic"]
    if not isinstance(raw, Mapping):
        raise _invalid("traffic 应为对象", "traffic must be an object")
    _no_unknown(raw, set(TrafficPolicy.__dataclass_fields__), "traffic")
    traffic = TrafficPolicy(
        window_days=_number(raw["window_days"], "traffic.window_days", minimum=3),
        min_baseline_days=_number(raw["min_baseline_days"], "traffic.min_baseline_days", minimum=3),
        mad_k=float(_number(raw["mad_k"], "traffic.mad_k", minimum=1, integer=False)),
        min_spike=_number(raw["min_spike"], "traffic.min_spike", minimum=1),
        loss_fraction=float(
            _number(
                raw["loss_fraction"],
                "traffic.loss_fraction",
                minimum=0.01,
                maximum=1,
                integer=False,
            )
        ),
        min_loss=_number(raw["min_loss"], "traffic.min_loss", minimum=1),
        lookback_days=_number(raw["lookback_days"], "traffic.lookback_days", minimum=3),
    )
    if traffic.min_baseline_days > traffic.window_days:
        raise _invalid(
            "traffic.min_baseline_days 不能大于 window_days",
            "traffic.min_baseline_days cannot exceed window_days",
        )
    if traffic.lookback_days <= traffic.window_days:
        raise _invalid(
            "traffic.lookback_days 应大于 window_days",
            "traffic.lookback_days must exceed window_days",
        )
    return AccountCheckPolicy(
        subject_account_cap=caps,
        inactive_days=inactive,
        traffic=traffic,
        links=_links(data["links"]),
        content_fields=load_content_fields() if content_fields is None else content_fields,
    )


def _links(raw: Any) -> LinkPolicy:
    """The linked-accounts thresholds (issue 16 item 6), validated."""
    if not isinstance(raw, Mapping):
        raise _invalid("links 应为对象", "links must be an object")
    _no_unknown(raw, set(LinkPolicy.__dataclass_fields__), "links")
    return LinkPolicy(
        common_limit=_number(raw["common_limit"], "links.common_limit", minimum=2),
        max_group=_number(raw["max_group"], "links.max_group", minimum=2),
        image_distance=_number(
            raw["image_distance"], "links.image_distance", minimum=0, maximum=MAX_IMAGE_DISTANCE
        ),
        new_within_days=_number(raw["new_within_days"], "links.new_within_days", minimum=1),
        min_cluster=_number(raw["min_cluster"], "links.min_cluster", minimum=2),
    )


def default_policy() -> AccountCheckPolicy:
    """The shipped defaults: cap 2 / 5, inactive after 183 days, MAD-based traffic."""
    return build_policy()


def changed_policy(policy: AccountCheckPolicy, changes: Mapping) -> AccountCheckPolicy:
    """``policy`` with ``changes`` merged in and checked as a whole.

    ``changes`` may name only the values to change, e.g.
    ``{"subject_account_cap": {"individual": 3}}``.
    """
    if not isinstance(changes, Mapping):
        raise _invalid("应为 JSON 对象", "the policy must be a JSON object")
    return build_policy(_merge(policy.thresholds(), changes))
