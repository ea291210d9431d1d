"""Revision 0001: reviewers and their roles; reporters and their credibility."""

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import workbench.models.base


def create() -> None:
    op.create_table(
        "reporter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", AutoString(length=64), nullable=False),
        sa.Column("name", AutoString(length=200), nullable=False),
        sa.Column("contact", AutoString(length=200), nullable=True),
        sa.Column(
            "first_seen_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporter")),
        sa.UniqueConstraint("external_id", name=op.f("uq_reporter_external_id")),
    )

    op.create_table(
        "reviewer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", AutoString(length=64), nullable=False),
        sa.Column("display_name", AutoString(length=128), nullable=False),
        sa.Column("password_hash", AutoString(length=512), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "length(trim(display_name)) > 0", name=op.f("ck_reviewer_display_name_not_blank")
        ),
        sa.CheckConstraint("length(trim(login)) > 0", name=op.f("ck_reviewer_login_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviewer")),
    )
    with op.batch_alter_table("reviewer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviewer_login"), ["login"], unique=True)

    op.create_table(
        "reporter_credibility",
        sa.Column("reporter_id", sa.Integer(), nullable=False),
        sa.Column("reports_made", sa.Integer(), nullable=False),
        sa.Column("upheld", sa.Integer(), nullable=False),
        sa.Column("declined", sa.Integer(), nullable=False),
        sa.Column("malicious_flags", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("updated_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "reports_made >= 0 AND upheld >= 0 AND declined >= 0",
            name=op.f("ck_reporter_credibility_counts_nonnegative"),
        ),
        sa.CheckConstraint(
            "score BETWEEN 0 AND 1", name=op.f("ck_reporter_credibility_score_range")
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["reporter.id"],
            name=op.f("fk_reporter_credibility_reporter_id_reporter"),
        ),
        sa.PrimaryKeyConstraint("reporter_id", name=op.f("pk_reporter_credibility")),
    )

    op.create_table(
        "reviewer_role",
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("role", AutoString(length=32), nullable=False),
        sa.CheckConstraint(
            "role IN ('moderator', 'supervisor', 'appeal_reviewer', 'administrator')",
            name=op.f("ck_reviewer_role_role"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["reviewer.id"],
            name=op.f("fk_reviewer_role_reviewer_id_reviewer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("reviewer_id", "role", name=op.f("pk_reviewer_role")),
    )


def drop() -> None:
    op.drop_table("reviewer_role")

    op.drop_table("reporter_credibility")

    with op.batch_alter_table("reviewer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviewer_login"))

    op.drop_table("reviewer")

    op.drop_table("reporter")
