"""link keys of accounts, and the rule category batch_registration

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 20:00:00

* ``account_link_key`` (issue 16 item 6): per account, the keyed hashes of its
  decoded contacts and of its subject's numbers, and its avatar's perceptual
  hash with its bands, so accounts sharing one are found without any contact
  or number kept in clear.
* The rule category ``batch_registration`` (2021/18(8)): new accounts sharing
  one contact, one hit for the group; it joins the category checks of cases,
  reports, findings and rule hits.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
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
    "closed_subject_returns",
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
NEW = "batch_registration"
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
        "account_link_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "kind IN ('contact', 'subject', 'avatar', 'avatar_band')",
            name=op.f("ck_account_link_key_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_link_key_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_link_key")),
    )
    with op.batch_alter_table("account_link_key", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_link_key_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index("ix_account_link_key_kind_digest", ["kind", "digest"], unique=False)
    for table, (_, codes) in TABLES.items():
        _recheck(table, codes)


def downgrade() -> None:
    op.execute(f"DELETE FROM rule_hit WHERE category = '{NEW}'")
    for table in ("cases", "report", "finding"):
        op.execute(f"UPDATE {table} SET category = 'other' WHERE category = '{NEW}'")
    for table, (codes, _) in TABLES.items():
        _recheck(table, codes)
    op.drop_table("account_link_key")
