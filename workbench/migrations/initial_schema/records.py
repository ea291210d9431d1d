"""Revision 0001: the audit chain, the working-day calendar, settings and time-limit policies."""

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import workbench.models.base


def create() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_event_id", sa.Integer(), nullable=True),
        sa.Column("last_hash", AutoString(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )

    op.create_table(
        "calendar_year",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("source", AutoString(length=20), nullable=False),
        sa.Column("recorded_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name=op.f("ck_calendar_year_year_range")),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_year")),
    )

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", AutoString(length=64), nullable=False),
        sa.Column("entity", AutoString(length=32), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("reason", AutoString(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("prev_hash", AutoString(length=64), nullable=False),
        sa.Column("hash", AutoString(length=64), nullable=False),
        sa.CheckConstraint("length(hash) = 64", name=op.f("ck_audit_event_hash_length")),
        sa.CheckConstraint(
            "length(trim(action)) > 0", name=op.f("ck_audit_event_action_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["reviewer.id"], name=op.f("fk_audit_event_actor_id_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_account", ["account_id"], unique=False)
        batch_op.create_index("ix_audit_event_case", ["case_id"], unique=False)
        batch_op.create_index("ix_audit_event_occurred", ["occurred_at"], unique=False)

    op.create_table(
        "calendar_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("source", AutoString(length=20), nullable=False),
        sa.Column("note", AutoString(length=200), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('holiday', 'workday')", name=op.f("ck_calendar_day_kind")),
        sa.CheckConstraint(
            "source IN ('chinese_calendar', 'csv', 'manual')", name=op.f("ck_calendar_day_source")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["reviewer.id"], name=op.f("fk_calendar_day_updated_by_reviewer")
        ),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_day")),
    )

    op.create_table(
        "setting",
        sa.Column("key", AutoString(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(trim(key)) > 0", name=op.f("ck_setting_key_not_blank")),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["reviewer.id"], name=op.f("fk_setting_updated_by_reviewer")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )

    op.create_table(
        "time_limit_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("queue", AutoString(length=24), nullable=False),
        sa.Column("category", AutoString(length=40), nullable=False),
        sa.Column("grade", AutoString(length=16), nullable=False),
        sa.Column("stage", AutoString(length=20), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", AutoString(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "stage IN ('accept', 'screen', 'dispose', 'reply', 'appeal_decision', 'correction')",
            name=op.f("ck_time_limit_policy_stage"),
        ),
        sa.CheckConstraint(
            "unit IN ('hours', 'working_days')", name=op.f("ck_time_limit_policy_unit")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_time_limit_policy_amount_positive")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_time_limit_policy_version_positive")),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["reviewer.id"], name=op.f("fk_time_limit_policy_updated_by_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_limit_policy")),
        sa.UniqueConstraint("queue", "category", "grade", "stage", name="uq_time_limit_policy_key"),
    )


def drop() -> None:
    op.drop_table("time_limit_policy")

    op.drop_table("setting")

    op.drop_table("calendar_day")

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_occurred")
        batch_op.drop_index("ix_audit_event_case")
        batch_op.drop_index("ix_audit_event_account")

    op.drop_table("audit_event")

    op.drop_table("calendar_year")

    op.drop_table("audit_head")
