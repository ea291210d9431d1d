"""The demo's subjects and accounts, planned in memory, then written in bulk.

Most accounts are clean.  A deterministic set of scenario accounts triggers
each account-level check (issue 8) with a near miss beside it, and a share of
the rest breaks one text rule category each (docs/domain.md), some with evasions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from workbench.demo import texts
from workbench.demo.identity import make_credit_code, make_id_number, make_phone
from workbench.demo.images import ImagePool
from workbench.models import SHANGHAI

TEXT_CATEGORIES = (
    *texts.VIOLATIONS,
    "closed_account_similar",
    "profession_mismatch",
    "org_mismatch",
)
FIELD_MARKS = {
    "news": "新闻信息服务资质",
    "publishing": "出版资质",
    "economy": "财经资质",
    "education": "教育资质",
    "health": "医疗健康资质",
    "justice": "法律服务资质",
}
HISTORY_DAYS = 90


@dataclass
class SubjectPlan:
    kind: str  # individual | organisation
    verified_name: str
    id_number: str | None = None
    credit_code: str | None = None
    phone: str | None = None


@dataclass
class AccountPlan:
    """One account to write, with what it is meant to show."""

    subject: int  # index into the subject list
    fields: dict
    violation: str | None = None  # the category it breaks (reports name it)
    near_miss: str | None = None  # the category it comes close to
    history: list[tuple[date, int]] = field(default_factory=list)
    transfers: list[dict] = field(default_factory=list)
    qualifications: list[dict] = field(default_factory=list)


@dataclass
class Plan:
    subjects: list[SubjectPlan] = field(default_factory=list)
    accounts: list[AccountPlan] = field(default_factory=list)

    def subject(self, plan: SubjectPlan) -> int:
        self.subjects.append(plan)
        return len(self.subjects) - 1


class Planner:
    """Builds the plan of ``count`` accounts from one seeded random generator."""

    def __init__(self, rng: random.Random, now: datetime, pool: ImagePool | None):
        self.rng = rng
        self.now = now
        self.today = now.astimezone(SHANGHAI).date()
        self.pool = pool
        self.plan = Plan()
        self._serial = 0

    # -- subjects ---------------------------------------------------------
    def person(self, *, valid: bool = True) -> int:
        return self.plan.subject(
            SubjectPlan(
                "individual",
                texts.person_name(self.rng),
                id_number=make_id_number(self.rng, valid=valid),
                phone=make_phone(self.rng),
            )
        )

    def company(self, *, valid: bool = True) -> int:
        return self.plan.subject(
            SubjectPlan(
                "organisation",
                texts.company_name(self.rng),
                credit_code=make_credit_code(self.rng, valid=valid),
                phone=make_phone(self.rng),
            )
        )

    def pick(self, kind: str, chance: float = 1.0) -> str | None:
        """A file of the image pool's ``kind`` list, with ``chance``.  Draws the same
        random numbers with or without a pool, so a plan does not depend on it."""
        roll, choice = self.rng.random(), self.rng.random()
        files = getattr(self.pool, kind, None) if self.pool else None
        if not files or roll >= chance:
            return None
        return files[int(choice * len(files))]

    # -- accounts ---------------------------------------------------------
    def _base(self, kind: str, subject: int) -> dict:
        rng = self.rng
        self._serial += 1
        registered = self.now - timedelta(days=rng.randrange(200, 2000), hours=rng.randrange(24))
        sub = self.plan.subjects[subject]
        grade = rng.choices(("general", "important", "key"), weights=(85, 12, 3))[0]
        method = {"individual": rng.choice(("mobile", "id_number")), "organisation": "credit_code"}[
            sub.kind
        ]
        base = {
            "platform_id": f"demo-{self._serial:06d}",
            "kind": kind,
            "verification_method": method,
            "verification_status": "verified",
            "phone": sub.phone if rng.random() < 0.8 else None,
            "ip_location": rng.choice(texts.PROVINCES),
            "grade": grade,
            "category": {"individual": "个人", "organisation": "机构", "public": "公众账号"}[kind],
            "follower_count": int(rng.paretovariate(1.3) * 80),
            "registered_at": registered,
            "last_active_at": self.now - timedelta(hours=rng.randrange(1, 24 * 20)),
            "last_published_at": self.now - timedelta(days=rng.randrange(1, 30)),
            "avatar_path": self.pick("avatars"),
            "cover_path": self.pick("covers", 0.3),
        }
        if sub.kind == "organisation" or kind == "organisation":
            base.update(
                verified_org_name=sub.verified_name,
                org_nature=rng.choice(texts.ORG_NATURES),
                org_business_scope="软件开发；信息技术咨询服务；广告设计、代理",
                org_industry=rng.choice(texts.INDUSTRIES),
            )
        return base

    def add(
        self, kind: str, subject: int, *, violation=None, near_miss=None, **overrides
    ) -> AccountPlan:
        sub = self.plan.subjects[subject]
        fields = self._base(kind, subject)
        if kind == "public":
            category = overrides.pop("content_category", self.rng.choice(texts.CONTENT_CATEGORIES))
            fields.update(texts.public_profile(self.rng, category, sub.verified_name))
            fields.update(
                operator_name=sub.verified_name,
                registered_address=texts.address(self.rng),
                operating_address=texts.address(self.rng),
                content_category=category,
                contact=f"service@{fields['platform_id']}.example.cn",
            )
        elif kind == "organisation":
            fields.update(
                name=sub.verified_name.replace("有限公司", "") + "官方账号",
                bio=f"{sub.verified_name}官方账号，发布企业动态。",
                signature="",
                certification=sub.verified_name,
            )
        else:
            fields.update(texts.clean_profile(self.rng, sub.verified_name))
        fields.update(overrides)
        account = AccountPlan(subject, fields, violation, near_miss)
        if kind == "public":
            account.history = self.growth(fields["follower_count"] + 500)
            fields["follower_count"] = account.history[-1][1]
        self.plan.accounts.append(account)
        return account

    # -- follower histories -------------------------------------------------
    def growth(self, start: int, *, daily: tuple[int, int] = (20, 160)) -> list[tuple[date, int]]:
        """Ordinary growth: a steady daily gain with noise, never a jump."""
        count, out = start, []
        for i in range(HISTORY_DAYS, 0, -1):
            count += self.rng.randrange(*daily)
            out.append((self.today - timedelta(days=i), count))
        return out

    @staticmethod
    def bend(history, day_index: int, change: int) -> list[tuple[date, int]]:
        """``history`` with ``change`` followers added from ``day_index`` on."""
        return [
            (d, max(0, c + change)) if i >= day_index else (d, c)
            for i, (d, c) in enumerate(history)
        ]


def _scenarios(p: Planner) -> list:
    """Builders of the account-level check scenarios: (hits, near misses)."""
    rng = p.rng
    days_ago = lambda n: p.now - timedelta(days=n)  # noqa: E731

    def identity():
        p.add(
            "individual",
            p.person(),
            violation="identity_unverified",
            verification_method="none",
            verification_status="unverified",
        )
        p.add(
            "individual",
            p.person(valid=False),
            violation="identity_unverified",
            verification_method="id_number",
        )
        p.add("organisation", p.company(valid=False), violation="identity_unverified")
        p.add(
            "individual", p.person(), near_miss="identity_unverified", verification_method="mobile"
        )
        p.add(
            "individual",
            p.person(),
            near_miss="identity_unverified",
            publishes=False,
            verification_method="none",
            verification_status="unverified",
        )

    def incomplete():
        p.add("public", p.company(), violation="public_account_incomplete", contact="")
        p.add(
            "public",
            p.company(),
            violation="public_account_incomplete",
            registered_address=None,
            ip_location=None,
        )
        p.add(
            "organisation",
            p.company(),
            violation="public_account_incomplete",
            org_business_scope="",
        )
        p.add("public", p.company(), near_miss="public_account_incomplete")

    def cap():
        person = p.person()
        for _ in range(3):
            p.add("individual", person, violation="subject_account_cap")
        person = p.person()
        for _ in range(2):
            p.add("individual", person, near_miss="subject_account_cap")
        company = p.company()
        for _ in range(6):
            p.add("organisation", company, violation="subject_account_cap")

    def inactive():
        # (kind, hit or near miss, days since last login, days since last post)
        for kind, role, active, published in (
            ("public", "violation", 240, 250),
            ("public", "near_miss", 170, 175),
            ("individual", "near_miss", 400, 400),  # idle, but not a public account
        ):
            subject = p.company() if kind == "public" else p.person()
            p.add(
                kind,
                subject,
                **{role: "inactive_six_months"},
                last_active_at=days_ago(active),
                last_published_at=days_ago(published),
            )

    def traffic():
        a = p.add("public", p.company(), violation="traffic_anomaly")
        a.history = p.bend(a.history, HISTORY_DAYS - 20, 38_000)
        b = p.add("public", p.company(), violation="traffic_anomaly")
        b.history = p.bend(b.history, 0, 60_000)
        b.history = p.bend(b.history, HISTORY_DAYS - 10, -int(b.history[-11][1] * 0.6))
        c = p.add("public", p.company(), near_miss="traffic_anomaly")
        c.history = p.bend(c.history, HISTORY_DAYS - 30, 2_500)  # a good day, under the bar
        for acc in (a, b, c):
            acc.fields["follower_count"] = acc.history[-1][1]

    def transfer():
        for approved in (False, True):
            account = p.add(
                "public",
                p.company(),
                **{"violation" if not approved else "near_miss": "unapproved_transfer"},
            )
            account.transfers.append(
                {
                    "from_operator": texts.company_name(rng),
                    "to_operator": account.fields["operator_name"],
                    "approved": approved,
                    "approval_reference": f"网信转〔2026〕{rng.randrange(100, 999)}号"
                    if approved
                    else None,
                    "changed_at": days_ago(rng.randrange(20, 80)),
                }
            )

    def category():
        for cat, (_, claim) in list(texts.OFF_CATEGORY_CLAIMS.items())[:2]:
            p.add(
                "public",
                p.company(),
                violation="content_category_mismatch",
                content_category=cat,
                bio=claim,
            )
        p.add(
            "public",
            p.company(),
            near_miss="content_category_mismatch",
            content_category="财经",
            bio="股票与基金知识科普，不荐股。",
        )

    return [identity, incomplete, cap, inactive, traffic, transfer, category]


def _text_violation(p: Planner, category: str) -> None:
    rng = p.rng
    if category == "org_mismatch":
        company = p.company()
        p.add(
            "organisation",
            company,
            violation=category,
            name=texts.company_name(rng).replace("有限公司", "官方"),
        )
        return
    person = p.person()
    real = p.plan.subjects[person].verified_name
    if category == "profession_mismatch":
        claimed, verified = rng.sample(texts.PROFESSIONS, 2)
        p.add(
            "individual",
            person,
            violation=category,
            claimed_profession=claimed,
            verified_profession=verified,
            bio=f"我是一名{claimed}，分享职业日常。",
        )
    elif category == "closed_account_similar":
        p.add("individual", person, violation=category, name=rng.choice(texts.CLOSED_LOOKALIKES))
    else:
        field_name, text = texts.violation_text(rng, category, real)
        extra = {}
        special = {"embedded_contact": "qr_avatars", "strict_verification": "flag_avatars"}
        if category in special:
            avatar = p.pick(special[category], 0.3)
            if avatar:
                extra["avatar_path"] = avatar
        p.add("individual", person, violation=category, **{field_name: text}, **extra)


def _near_miss(p: Planner) -> None:
    rng = p.rng
    if rng.random() < 0.3:
        person = p.person()
        profession = rng.choice(texts.PROFESSIONS)
        account = p.add(
            "individual",
            person,
            near_miss="qualification_required",
            claimed_profession=profession,
            verified_profession=profession,
            bio=f"执业{profession}，科普专业知识。",
        )
        field_code = {"医生": "health", "律师": "justice", "记者": "news", "教师": "education"}.get(
            profession
        )
        if field_code:
            account.qualifications.append(
                {
                    "field": field_code,
                    "document": f"{profession}执业资格证书",
                    "licence_no": f"{rng.randrange(10**11, 10**12)}",
                    "special_mark": FIELD_MARKS[field_code],
                }
            )
        return
    person = p.person()
    field_name, text = texts.near_miss_text(rng, p.plan.subjects[person].verified_name)
    p.add("individual", person, near_miss="text", **{field_name: text})


def plan_accounts(count: int, rng: random.Random, now: datetime, pool: ImagePool | None) -> Plan:
    """Plan ``count`` accounts: scenarios first (as many as fit), then the rest."""
    p = Planner(rng, now, pool)
    for build in _scenarios(p):
        if len(p.plan.accounts) + 6 > count * 0.5:
            break
        build()
    categories = list(TEXT_CATEGORIES)
    i = 0
    while len(p.plan.accounts) < count:
        roll = rng.random()
        if roll < 0.16 or i < len(categories):
            _text_violation(p, categories[i % len(categories)])
            i += 1
        elif roll < 0.20:
            _near_miss(p)
        else:
            kind = rng.choices(("individual", "organisation", "public"), weights=(70, 10, 20))[0]
            subject = (
                p.company()
                if kind == "organisation" or (kind == "public" and rng.random() < 0.8)
                else p.person()
            )
            account = p.add(kind, subject)
            if kind == "public" and account.fields["content_category"] in ("财经", "教育", "健康"):
                code = {"财经": "economy", "教育": "education", "健康": "health"}[
                    account.fields["content_category"]
                ]
                account.qualifications.append(
                    {
                        "field": code,
                        "document": "资质证明材料",
                        "licence_no": f"Q{rng.randrange(10**8)}",
                        "special_mark": FIELD_MARKS[code],
                    }
                )
    del p.plan.accounts[count:]
    return p.plan
