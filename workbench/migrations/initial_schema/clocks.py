"""Revision 0001: handling-time clocks, their extensions and pauses."""

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import workbench.models.base


def create() -> None:
    op.create_table(
        "clock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("appeal_id", sa.Integer(), nullable=True),
        sa.Column("correction_order_id", sa.Integer(), nullable=True),
        sa.Column("stage", AutoString(length=20), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=True),
        sa.Column("policy_version", sa.Integer(), nullable=True),
        sa.Column("calendar_version", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", AutoString(length=16), nullable=False),
        sa.Column("started_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("due_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("paused_seconds", sa.Float(), nullable=False),
        sa.Column("paused_since", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("state", AutoString(length=16), nullable=False),
        sa.Column("met_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("breached_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("warning_level", sa.Integer(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "stage IN ('accept', 'screen', 'dispose', 'reply', 'appeal_decision', 'correction')",
            name=op.f("ck_clock_stage"),
        ),
        sa.CheckConstraint(
            "state IN ('running', 'paused', 'met', 'breached')", name=op.f("ck_clock_state")
        ),
        sa.CheckConstraint(
            "(CASE WHEN case_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN appeal_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN correction_order_id IS NULL THEN 0 ELSE 1 END) = 1",
            name=op.f("ck_clock_one_owner"),
        ),
        sa.CheckConstraint("paused_seconds >= 0", name=op.f("ck_clock_paused_nonnegative")),
        sa.CheckConstraint("warning_level >= 0", name=op.f("ck_clock_warning_level_nonnegative")),
        sa.ForeignKeyConstraint(
            ["appeal_id"], ["appeal.id"], name=op.f("fk_clock_appeal_id_appeal")
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["reviewer.id"], name=op.f("fk_clock_assignee_id_reviewer")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_clock_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["correction_order_id"],
            ["correction_order.id"],
            name=op.f("fk_clock_correction_order_id_correction_order"),
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["time_limit_policy.id"],
            name=op.f("fk_clock_policy_id_time_limit_policy"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clock")),
    )
    with op.batch_alter_table("clock", schema=None) as batch_op:
        batch_op.create_index("ix_clock_appeal", ["appeal_id"], unique=False)
        batch_op.create_index("ix_clock_case", ["case_id", "stage"], unique=False)
        batch_op.create_index("ix_clock_state_due", ["state", "due_at"], unique=False)

    op.create_table(
        "clock_extension",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clock_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", AutoString(length=16), nullable=False),
        sa.Column("reason", AutoString(), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=False),
        sa.Column("approved_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "unit IN ('hours', 'working_days')", name=op.f("ck_clock_extension_unit")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_clock_extension_amount_positive")),
        sa.CheckConstraint(
            "length(trim(reason)) > 0", name=op.f("ck_clock_extension_reason_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["reviewer.id"], name=op.f("fk_clock_extension_approved_by_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["clock_id"], ["clock.id"], name=op.f("fk_clock_extension_clock_id_clock")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clock_extension")),
    )
    with op.batch_alter_table("clock_extension", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clock_extension_clock_id"), ["clock_id"], unique=False)

    op.create_table(
        "clock_pause",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clock_id", sa.Integer(), nullable=False),
        sa.Column("reason", AutoString(length=32), nullable=False),
        sa.Column("started_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("started_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "reason IN ('waiting_reporter', 'waiting_account_holder')",
            name=op.f("ck_clock_pause_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["clock_id"], ["clock.id"], name=op.f("fk_clock_pause_clock_id_clock")
        ),
        sa.ForeignKeyConstraint(
            ["started_by"], ["reviewer.id"], name=op.f("fk_clock_pause_started_by_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clock_pause")),
    )
    with op.batch_alter_table("clock_pause", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clock_pause_clock_id"), ["clock_id"], unique=False)


def drop() -> None:
    with op.batch_alter_table("clock_pause", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clock_pause_clock_id"))

    op.drop_table("clock_pause")

    with op.batch_alter_table("clock_extension", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clock_extension_clock_id"))

    op.drop_table("clock_extension")

    with op.batch_alter_table("clock", schema=None) as batch_op:
        batch_op.drop_index("ix_clock_state_due")
        batch_op.drop_index("ix_clock_case")
        batch_op.drop_index("ix_clock_appeal")

    op.drop_table("clock")
