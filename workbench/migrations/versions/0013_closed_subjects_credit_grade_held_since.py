"""subject-level blacklist, credit grades, and when a clock's holder took the stage

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 19:00:00

* ``closed_subject``: the keyed hash of the registered subject (ID number or
  unified social credit code) of each closed or blacklisted account (2022/10,
  2017/13), never the number itself; the rule category ``closed_subject_returns``
  joins the category checks of cases, reports, findings and rule hits.
* ``account.credit_grade`` (2022/18): A-D from the credit score, set here by the
  default thresholds (80, 60, 40); the workbench keeps it in step afterwards.
* ``clock.held_since``: when the holder took the stage, so handling time is
  charged from then and the wait before is the queue's.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import workbench.models.base

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RULE_CATEGORIES = [
    "impersonate_organisation",
    "impersonate_state",
    "impersonate_news_media",
    "misuse_place_name",
    "embedded_contact",
    "misleading_claim",
    "prohibited_content",
    "strict_verification",
    "closed_account_similar",
    "qualification_required",
    "profession_mismatch",
    "org_mismatch",
    "identity_unverified",
    "public_account_incomplete",
    "subject_account_cap",
    "inactive_six_months",
    "traffic_anomaly",
    "unapproved_transfer",
    "content_category_mismatch",
]
VIOLATIONS = [
    "false_identity",
    "account_misuse",
    "unlicensed_news",
    "fake_traffic",
    "incitement_or_abuse",
    "false_information",
    "paid_posting_or_extortion",
    "account_trading",
    "illegal_information",
    "other",
]
NEW = "closed_subject_returns"
TABLES = {
    "cases": (RULE_CATEGORIES + VIOLATIONS, RULE_CATEGORIES + [NEW] + VIOLATIONS),
    "report": (RULE_CATEGORIES + VIOLATIONS, RULE_CATEGORIES + [NEW] + VIOLATIONS),
    "finding": (RULE_CATEGORIES + VIOLATIONS, RULE_CATEGORIES + [NEW] + VIOLATIONS),
    "rule_hit": (RULE_CATEGORIES, RULE_CATEGORIES + [NEW]),
}


def _in(column: str, codes: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(c) for c in codes)})"


def _recheck(table: str, codes: list[str]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{table}_category"), type_="check")
        batch_op.create_check_constraint(op.f(f"ck_{table}_category"), _in("category", codes))


def upgrade() -> None:
    op.create_table(
        "closed_subject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("added_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('id_number', 'credit_code')", name=op.f("ck_closed_subject_kind")
        ),
        sa.CheckConstraint(
            "source IN ('closure', 'blacklist')", name=op.f("ck_closed_subject_source")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_closed_subject_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closed_subject")),
        sa.UniqueConstraint("digest", "account_id", name="uq_closed_subject_digest_account"),
    )
    with op.batch_alter_table("closed_subject", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_closed_subject_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_closed_subject_digest"), ["digest"], unique=False)
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("credit_grade", sa.String(length=1), nullable=False, server_default="A")
        )
        batch_op.create_check_constraint(
            op.f("ck_account_credit_grade"), "credit_grade IN ('A', 'B', 'C', 'D')"
        )
    op.execute(
        "UPDATE account SET credit_grade = CASE WHEN credit_score >= 80 THEN 'A'"
        " WHEN credit_score >= 60 THEN 'B' WHEN credit_score >= 40 THEN 'C' ELSE 'D' END"
    )
    with op.batch_alter_table("clock", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "held_since", workbench.models.base.UTCDateTime(timezone=True), nullable=True
            )
        )
    for table, (_, codes) in TABLES.items():
        _recheck(table, codes)


def downgrade() -> None:
    op.execute(f"DELETE FROM rule_hit WHERE category = '{NEW}'")
    for table in ("cases", "report", "finding"):
        op.execute(f"UPDATE {table} SET category = 'other' WHERE category = '{NEW}'")
    for table, (codes, _) in TABLES.items():
        _recheck(table, codes)
    with op.batch_alter_table("clock", schema=None) as batch_op:
        batch_op.drop_column("held_since")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_account_credit_grade"), type_="check")
        batch_op.drop_column("credit_grade")
    op.drop_table("closed_subject")
