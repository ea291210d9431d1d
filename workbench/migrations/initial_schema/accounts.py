"""Revision 0001: subjects and accounts, with what is known of them: transfers, closed names, followers, qualifications."""

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import workbench.models.base


def create() -> None:
    op.create_table(
        "subject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", AutoString(length=64), nullable=True),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("verified_name", AutoString(length=200), nullable=False),
        sa.Column("id_number", AutoString(length=18), nullable=True),
        sa.Column("credit_code", AutoString(length=18), nullable=True),
        sa.Column("phone", AutoString(length=32), nullable=True),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('individual', 'organisation')", name=op.f("ck_subject_kind")),
        sa.CheckConstraint(
            "length(trim(verified_name)) > 0", name=op.f("ck_subject_verified_name_not_blank")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject")),
        sa.UniqueConstraint("external_id", name=op.f("uq_subject_external_id")),
    )
    with op.batch_alter_table("subject", schema=None) as batch_op:
        batch_op.create_index("ix_subject_credit_code", ["credit_code"], unique=False)
        batch_op.create_index("ix_subject_id_number", ["id_number"], unique=False)

    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform_id", AutoString(length=64), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("name", AutoString(length=200), nullable=False),
        sa.Column("avatar_path", AutoString(length=500), nullable=True),
        sa.Column("cover_path", AutoString(length=500), nullable=True),
        sa.Column("bio", AutoString(), nullable=False),
        sa.Column("signature", AutoString(), nullable=False),
        sa.Column("certification", AutoString(), nullable=False),
        sa.Column("verification_method", AutoString(length=16), nullable=False),
        sa.Column("verification_status", AutoString(length=16), nullable=False),
        sa.Column("phone", AutoString(length=32), nullable=True),
        sa.Column("publishes", sa.Boolean(), nullable=False),
        sa.Column("claimed_profession", AutoString(length=100), nullable=True),
        sa.Column("verified_profession", AutoString(length=100), nullable=True),
        sa.Column("verified_org_name", AutoString(length=200), nullable=True),
        sa.Column("org_nature", AutoString(length=100), nullable=True),
        sa.Column("org_business_scope", AutoString(), nullable=True),
        sa.Column("org_industry", AutoString(length=100), nullable=True),
        sa.Column("ip_location", AutoString(length=64), nullable=True),
        sa.Column("operator_name", AutoString(length=200), nullable=True),
        sa.Column("registered_address", AutoString(length=300), nullable=True),
        sa.Column("operating_address", AutoString(length=300), nullable=True),
        sa.Column("content_category", AutoString(length=64), nullable=True),
        sa.Column("contact", AutoString(length=200), nullable=True),
        sa.Column("category", AutoString(length=64), nullable=True),
        sa.Column("grade", AutoString(length=16), nullable=False),
        sa.Column("credit_score", sa.Integer(), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("restrictions", sa.JSON(), nullable=False),
        sa.Column("follower_count", sa.Integer(), nullable=False),
        sa.Column(
            "registered_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "last_active_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "last_published_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("updated_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "grade IN ('general', 'important', 'key')", name=op.f("ck_account_grade")
        ),
        sa.CheckConstraint(
            "kind IN ('individual', 'organisation', 'public')", name=op.f("ck_account_kind")
        ),
        sa.CheckConstraint(
            "status IN ('active', 'warned', 'correcting', 'restricted', 'suspended', 'closed', 'blacklisted')",
            name=op.f("ck_account_status"),
        ),
        sa.CheckConstraint(
            "verification_method IN ('none', 'mobile', 'id_number', 'credit_code')",
            name=op.f("ck_account_verification_method"),
        ),
        sa.CheckConstraint(
            "verification_status IN ('unverified', 'pending', 'verified', 'failed')",
            name=op.f("ck_account_verification_status"),
        ),
        sa.CheckConstraint(
            "credit_score BETWEEN 0 AND 100", name=op.f("ck_account_credit_score_range")
        ),
        sa.CheckConstraint(
            "follower_count >= 0", name=op.f("ck_account_follower_count_nonnegative")
        ),
        sa.CheckConstraint(
            "length(trim(platform_id)) > 0", name=op.f("ck_account_platform_id_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["subject.id"], name=op.f("fk_account_subject_id_subject")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("platform_id", name=op.f("uq_account_platform_id")),
    )
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index("ix_account_name", ["name"], unique=False)
        batch_op.create_index("ix_account_status", ["status"], unique=False)
        batch_op.create_index("ix_account_subject", ["subject_id"], unique=False)

    op.create_table(
        "account_transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("from_operator", AutoString(length=200), nullable=True),
        sa.Column("to_operator", AutoString(length=200), nullable=True),
        sa.Column("from_subject_id", sa.Integer(), nullable=True),
        sa.Column("to_subject_id", sa.Integer(), nullable=True),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("approval_reference", AutoString(length=100), nullable=True),
        sa.Column("changed_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_transfer_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["from_subject_id"],
            ["subject.id"],
            name=op.f("fk_account_transfer_from_subject_id_subject"),
        ),
        sa.ForeignKeyConstraint(
            ["to_subject_id"],
            ["subject.id"],
            name=op.f("fk_account_transfer_to_subject_id_subject"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_transfer")),
    )
    with op.batch_alter_table("account_transfer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_transfer_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "closed_name",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", AutoString(length=200), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("source", AutoString(length=16), nullable=False),
        sa.Column("added_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "source IN ('closure', 'blacklist', 'import')", name=op.f("ck_closed_name_source")
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_closed_name_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_closed_name_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closed_name")),
        sa.UniqueConstraint("name", "account_id", name="uq_closed_name_name_account"),
    )
    with op.batch_alter_table("closed_name", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_closed_name_name"), ["name"], unique=False)

    op.create_table(
        "follower_snapshot",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("follower_count", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "follower_count >= 0", name=op.f("ck_follower_snapshot_count_nonnegative")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_follower_snapshot_account_id_account")
        ),
        sa.PrimaryKeyConstraint("account_id", "day", name=op.f("pk_follower_snapshot")),
    )

    op.create_table(
        "qualification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("field", AutoString(length=16), nullable=False),
        sa.Column("document", AutoString(length=300), nullable=False),
        sa.Column("licence_no", AutoString(length=100), nullable=True),
        sa.Column("special_mark", AutoString(length=100), nullable=True),
        sa.Column("verified_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "field IN ('news', 'publishing', 'economy', 'education', 'health', 'justice')",
            name=op.f("ck_qualification_field"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_qualification_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qualification")),
        sa.UniqueConstraint("account_id", "field", name="uq_qualification_account_field"),
    )
    with op.batch_alter_table("qualification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_qualification_account_id"), ["account_id"], unique=False
        )


def drop() -> None:
    with op.batch_alter_table("qualification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_qualification_account_id"))

    op.drop_table("qualification")

    op.drop_table("follower_snapshot")

    with op.batch_alter_table("closed_name", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closed_name_name"))

    op.drop_table("closed_name")

    with op.batch_alter_table("account_transfer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_transfer_account_id"))

    op.drop_table("account_transfer")

    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_subject")
        batch_op.drop_index("ix_account_status")
        batch_op.drop_index("ix_account_name")

    op.drop_table("account")

    with op.batch_alter_table("subject", schema=None) as batch_op:
        batch_op.drop_index("ix_subject_id_number")
        batch_op.drop_index("ix_subject_credit_code")

    op.drop_table("subject")
