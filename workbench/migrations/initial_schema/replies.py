"""Revision 0001: replies to reporters and notices."""

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import workbench.models.base


def create() -> None:
    op.create_table(
        "reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("appeal_id", sa.Integer(), nullable=True),
        sa.Column("measure_id", sa.Integer(), nullable=True),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("recipient_kind", AutoString(length=16), nullable=False),
        sa.Column("recipient_address", AutoString(length=200), nullable=True),
        sa.Column("template", AutoString(length=64), nullable=False),
        sa.Column("language", AutoString(length=8), nullable=False),
        sa.Column("subject", AutoString(length=300), nullable=False),
        sa.Column("body", AutoString(), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("transport", AutoString(length=16), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", AutoString(), nullable=True),
        sa.Column(
            "next_attempt_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("language IN ('zh_CN', 'en')", name=op.f("ck_reply_language")),
        sa.CheckConstraint(
            "recipient_kind IN ('reporter', 'account_holder', 'appellant')",
            name=op.f("ck_reply_recipient_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'queued', 'delivered', 'failed')", name=op.f("ck_reply_status")
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_reply_attempts_nonnegative")),
        sa.CheckConstraint(
            "case_id IS NOT NULL OR appeal_id IS NOT NULL OR measure_id IS NOT NULL",
            name=op.f("ck_reply_has_subject"),
        ),
        sa.ForeignKeyConstraint(
            ["appeal_id"], ["appeal.id"], name=op.f("fk_reply_appeal_id_appeal")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_reply_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["reviewer.id"], name=op.f("fk_reply_created_by_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_reply_measure_id_measure")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_reply_report_id_report")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply")),
    )
    with op.batch_alter_table("reply", schema=None) as batch_op:
        batch_op.create_index("ix_reply_case", ["case_id"], unique=False)
        batch_op.create_index("ix_reply_status_next", ["status", "next_attempt_at"], unique=False)


def drop() -> None:
    with op.batch_alter_table("reply", schema=None) as batch_op:
        batch_op.drop_index("ix_reply_status_next")
        batch_op.drop_index("ix_reply_case")

    op.drop_table("reply")
