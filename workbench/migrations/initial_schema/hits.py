"""Revision 0001: the rule engine's hits on accounts, cases and change requests."""

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import workbench.models.base


def create() -> None:
    op.create_table(
        "rule_hit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("change_request_id", sa.Integer(), nullable=True),
        sa.Column("category", AutoString(length=40), nullable=False),
        sa.Column("rule", AutoString(length=80), nullable=False),
        sa.Column("field", AutoString(length=32), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("matched", AutoString(), nullable=False),
        sa.Column("basis", AutoString(length=32), nullable=False),
        sa.Column("severity", AutoString(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("explanation", AutoString(), nullable=False),
        sa.Column("fingerprint", AutoString(length=64), nullable=False),
        sa.Column("detected_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decision", AutoString(length=16), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "category IN ('impersonate_organisation', 'impersonate_state', 'impersonate_news_media', 'misuse_place_name', 'embedded_contact', 'misleading_claim', 'prohibited_content', 'strict_verification', 'closed_account_similar', 'qualification_required', 'profession_mismatch', 'org_mismatch', 'identity_unverified', 'public_account_incomplete', 'subject_account_cap', 'inactive_six_months', 'traffic_anomaly', 'unapproved_transfer', 'content_category_mismatch')",
            name=op.f("ck_rule_hit_category"),
        ),
        sa.CheckConstraint(
            "decision IS NULL OR decision IN ('accepted', 'dismissed')",
            name=op.f("ck_rule_hit_decision"),
        ),
        sa.CheckConstraint(
            "severity IN ('low', 'medium', 'high', 'critical')", name=op.f("ck_rule_hit_severity")
        ),
        sa.CheckConstraint("length(trim(basis)) > 0", name=op.f("ck_rule_hit_basis_not_blank")),
        sa.CheckConstraint(
            "span_start >= 0 AND span_end >= span_start", name=op.f("ck_rule_hit_span_valid")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_rule_hit_account_id_account")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_rule_hit_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["change_request_id"],
            ["change_request.id"],
            name=op.f("fk_rule_hit_change_request_id_change_request"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["reviewer.id"], name=op.f("fk_rule_hit_decided_by_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_hit")),
    )
    with op.batch_alter_table("rule_hit", schema=None) as batch_op:
        batch_op.create_index("ix_rule_hit_account", ["account_id"], unique=False)
        batch_op.create_index("ix_rule_hit_case", ["case_id"], unique=False)
        batch_op.create_index(
            "ix_rule_hit_fingerprint", ["account_id", "fingerprint"], unique=False
        )
        batch_op.create_index("ix_rule_hit_rule_decision", ["rule", "decision"], unique=False)


def drop() -> None:
    with op.batch_alter_table("rule_hit", schema=None) as batch_op:
        batch_op.drop_index("ix_rule_hit_rule_decision")
        batch_op.drop_index("ix_rule_hit_fingerprint")
        batch_op.drop_index("ix_rule_hit_case")
        batch_op.drop_index("ix_rule_hit_account")

    op.drop_table("rule_hit")
