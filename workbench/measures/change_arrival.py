"""A change request decided on arrival by policy: refused (不予变更), held or accepted.

:func:`workbench.measures.corrections.submit_change_request` screens a change of
account information (2022/10: checked at every change) and applies it when
nothing hits, or holds it for a moderator.  Some hits leave a moderator nothing
to weigh: banned content (2022/8(1)), a name that presents itself as a state
body (2022/8(3)) or a state organ (2022/8(2)), matched as written or in a
plain variant.  :func:`decide_on_arrival` refuses those at once, naming the
rule and article, audited as ``change_request.reject`` with the basis; lesser
hits stay held.

Which hits refuse is policy: ``workbench/resources/policies/change_requests.json``
ships the defaults (``refuse_on_arrival``: rule category, the least severity and
the least score, so a homophone or pinyin match of a banned word, scored lower,
still goes to a person); the ``setting`` row ``change_requests`` replaces them
when present (``{"refuse_on_arrival": []}`` turns refusal on arrival off).
Every decision on arrival reaches the account holder's notice stream
(:func:`workbench.platform.platform_outbox.on_change_request`), as a moderator's does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.errors import ValidationError
from workbench.models import ChangeRequest
from workbench.models.codes import ChangeRequestStatus, HitSeverity, RuleCategory
from workbench.platform import platform_outbox
from workbench.records import audit
from workbench.resources import resource
from workbench.settings import get_setting

SETTING_KEY = "change_requests"
DEFAULTS_PATH = resource("policies/change_requests.json")
_RANK = {s.value: i for i, s in enumerate(HitSeverity)}


@dataclass(frozen=True)
class RefusalRule:
    """Hits of ``category`` at least as severe and as sure as these refuse on arrival."""

    category: str
    min_severity: str
    min_score: float

    def refuses(self, hit: Mapping[str, Any]) -> bool:
        return (
            hit.get("category") == self.category
            and _RANK.get(str(hit.get("severity")), -1) >= _RANK[self.min_severity]
            and float(hit.get("score") or 0) >= self.min_score
        )


@dataclass(frozen=True)
class ArrivalPolicy:
    refuse_on_arrival: tuple[RefusalRule, ...] = ()

    def refusing(self, hits: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """The hits that refuse a change on arrival, most severe first."""
        found = [h for h in hits if any(rule.refuses(h) for rule in self.refuse_on_arrival)]
        return sorted(found, key=lambda h: -_RANK.get(str(h.get("severity")), -1))


def _invalid(where: str, zh: str, en: str) -> ValidationError:
    return ValidationError(
        f"变更申请策略无效：{where} {zh}", f"invalid change-request policy: {where} {en}"
    )


def parse_policy(data: Any) -> ArrivalPolicy:
    """``data`` as in ``change_requests.json``, each entry checked and named when wrong."""
    if not isinstance(data, Mapping) or set(data) != {"refuse_on_arrival"}:
        raise _invalid(
            "(root)", '应为 {"refuse_on_arrival": [...]}', 'must be {"refuse_on_arrival": [...]}'
        )
    entries = data["refuse_on_arrival"]
    if not isinstance(entries, list):
        raise _invalid("refuse_on_arrival", "应为列表", "must be a list")
    rules = []
    for n, entry in enumerate(entries):
        where = f"refuse_on_arrival[{n}]"
        keys = {"category", "min_severity", "min_score"}
        if not isinstance(entry, Mapping) or set(entry) != keys:
            raise _invalid(where, f"应含且仅含 {sorted(keys)}", f"must have exactly {sorted(keys)}")
        if entry["category"] not in {c.value for c in RuleCategory}:
            raise _invalid(f"{where}.category", "不是规则类别", "is not a rule category")
        if entry["min_severity"] not in _RANK:
            raise _invalid(
                f"{where}.min_severity",
                f"应为 {', '.join(_RANK)}",
                f"must be one of {', '.join(_RANK)}",
            )
        score = entry["min_score"]
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
            raise _invalid(f"{where}.min_score", "应为 0 到 1 之间的数", "must be a number 0..1")
        rules.append(RefusalRule(entry["category"], entry["min_severity"], float(score)))
    return ArrivalPolicy(tuple(rules))


def load_arrival_policy(session: Session) -> ArrivalPolicy:
    """The administrator's policy (the ``setting`` row) or the shipped defaults."""
    stored = get_setting(session, SETTING_KEY)
    if stored is not None:
        return parse_policy(stored)
    return parse_policy(json.loads(DEFAULTS_PATH.read_text(encoding="utf-8")))


def refusal_of(request: ChangeRequest) -> dict | None:
    """The rule and article a request was refused on arrival for, or None."""
    return (request.screening_outcome or {}).get("refused_on_arrival")


def decide_on_arrival(
    session: Session,
    actor: Actor | None,
    request: ChangeRequest,
    *,
    policy: ArrivalPolicy,
    now: datetime,
) -> ChangeRequest:
    """Right after :func:`~workbench.measures.corrections.submit_change_request`: a held
    request with a hit the policy refuses becomes 不予变更 now (audited with the rule and
    article); then the account holder's notice stream hears of a decision on arrival.
    A request still held waits for a moderator, whose decision goes out then."""
    if request.status == ChangeRequestStatus.PENDING:
        hits = (request.screening_outcome or {}).get("hits", [])
        refusing = policy.refusing(hits)
        if not refusing:
            return request
        hit = refusing[0]
        refusal = {
            "rule": hit.get("rule"),
            "category": hit.get("category"),
            "basis": hit.get("basis"),
            "field": hit.get("field"),
            "severity": hit.get("severity"),
        }
        request.status = ChangeRequestStatus.REJECTED
        request.decided_at = now
        request.screening_outcome = {
            **(request.screening_outcome or {}),
            "refused_on_arrival": refusal,
        }
        session.add(request)
        session.flush()
        audit.record(
            session,
            actor,
            "change_request.reject",
            "change_request",
            request.id,
            account_id=request.account_id,
            before={"status": ChangeRequestStatus.PENDING},
            after={"status": request.status, "basis": refusal["basis"], "rule": refusal["rule"]},
            reason=(
                f"到达即按策略不予变更：命中规则 {refusal['rule']}（{refusal['basis']}） / "
                f"refused on arrival by policy: rule {refusal['rule']} ({refusal['basis']})"
            ),
            at=now,
        )
    platform_outbox.on_change_request(session, request, now)
    return request
