"""public figures, rumour records, regulator orders and referrals, the report log

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 22:10:00

* ``public_figure`` and ``figure_authorisation`` (2021/8): names used only with an
  authorisation, and the authorisations on file; the rule category
  ``public_figure_name`` joins the category checks of cases, reports, findings and
  rule hits.
* ``rumour_record`` (2021/13) and the measure ``downgrade_credit`` (降低信用等级).
* ``regulator_order`` (2022/21): the order behind a measure; the queue ``referrals``
  (监管转办) for reports on the regulator's channel.
* ``regulator_report_log`` (2022/17, 2021/19): every regulator's report made.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import workbench.models.base

revision: str = "0016"
down_revision: str | None = "0015"
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
    "batch_registration",
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
NEW = "public_figure_name"
TABLES = {
    "cases": (RULE_CATEGORIES + VIOLATIONS, RULE_CATEGORIES + [NEW] + VIOLATIONS),
    "report": (RULE_CATEGORIES + VIOLATIONS, RULE_CATEGORIES + [NEW] + VIOLATIONS),
    "finding": (RULE_CATEGORIES + VIOLATIONS, RULE_CATEGORIES + [NEW] + VIOLATIONS),
    "rule_hit": (RULE_CATEGORIES, RULE_CATEGORIES + [NEW]),
}
QUEUES = ["reports", "complaints", "change_requests", "automated", "escalations"]
MEASURES = [
    "warn",
    "correct_by_deadline",
    "restrict_functions",
    "suspend",
    "suspend_updates",
    "stop_ads",
    "close",
    "blacklist",
    "ban_reregistration",
]
# The referral queue's time limits (2022/21): an existing database gets them here, a new
# one from the shipped defaults; a row an administrator set already is left alone.
REFERRAL_LIMITS = [
    ("accept", 4, "hours"),
    ("screen", 1, "working_days"),
    ("dispose", 1, "working_days"),
    ("reply", 1, "working_days"),
]


def _in(column: str, codes: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(c) for c in codes)})"


def _recheck(table: str, column: str, codes: list[str]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
        batch_op.create_check_constraint(op.f(f"ck_{table}_{column}"), _in(column, codes))


def _who(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["reviewer.id"], name=op.f(f"fk_{table}_{column}_reviewer")
    )


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, workbench.models.base.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "public_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        _when("added_at"),
        sa.Column("removed_by", sa.Integer(), nullable=True),
        _when("removed_at", nullable=True),
        sa.CheckConstraint(
            "category IN ('party_state_organ', 'enterprise_institution', 'organisation', "
            "'public_figure')",
            name=op.f("ck_public_figure_category"),
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_public_figure_name_not_blank")),
        _who("public_figure", "added_by"),
        _who("public_figure", "removed_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_figure")),
    )
    with op.batch_alter_table("public_figure", schema=None) as batch_op:
        batch_op.create_index("ix_public_figure_removed", ["removed_at"], unique=False)

    op.create_table(
        "figure_authorisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("figure_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("document_ref", sa.String(length=120), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        _when("recorded_at"),
        sa.Column("withdrawn_by", sa.Integer(), nullable=True),
        _when("withdrawn_at", nullable=True),
        sa.CheckConstraint(
            "(account_id IS NULL) <> (subject_id IS NULL)",
            name=op.f("ck_figure_authorisation_one_holder"),
        ),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from",
            name=op.f("ck_figure_authorisation_validity_ordered"),
        ),
        sa.CheckConstraint(
            "length(trim(document_ref)) > 0",
            name=op.f("ck_figure_authorisation_document_ref_not_blank"),
        ),
        sa.ForeignKeyConstraint(
            ["figure_id"],
            ["public_figure.id"],
            name=op.f("fk_figure_authorisation_figure_id_public_figure"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_figure_authorisation_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["subject.id"], name=op.f("fk_figure_authorisation_subject_id_subject")
        ),
        _who("figure_authorisation", "recorded_by"),
        _who("figure_authorisation", "withdrawn_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figure_authorisation")),
    )
    with op.batch_alter_table("figure_authorisation", schema=None) as batch_op:
        batch_op.create_index("ix_figure_authorisation_figure", ["figure_id"], unique=False)

    op.create_table(
        "rumour_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=True),
        sa.Column("response", sa.String(length=24), nullable=False),
        sa.Column("debunk", sa.String(length=1000), nullable=False),
        sa.Column("trace", sa.String(length=1000), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        _when("recorded_at"),
        sa.CheckConstraint(
            "response IN ('downgrade_credit', 'blacklist')", name=op.f("ck_rumour_record_response")
        ),
        sa.CheckConstraint(
            "length(trim(debunk)) > 0", name=op.f("ck_rumour_record_debunk_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_rumour_record_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["finding.id"], name=op.f("fk_rumour_record_finding_id_finding")
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_rumour_record_measure_id_measure")
        ),
        _who("rumour_record", "recorded_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rumour_record")),
    )
    with op.batch_alter_table("rumour_record", schema=None) as batch_op:
        batch_op.create_index("ix_rumour_record_case", ["case_id"], unique=False)
        batch_op.create_index("ix_rumour_record_recorded", ["recorded_at"], unique=False)

    op.create_table(
        "regulator_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.Column("issuing_body", sa.String(length=120), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        _when("recorded_at"),
        sa.CheckConstraint(
            "length(trim(reference)) > 0", name=op.f("ck_regulator_order_reference_not_blank")
        ),
        sa.CheckConstraint(
            "length(trim(issuing_body)) > 0",
            name=op.f("ck_regulator_order_issuing_body_not_blank"),
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_regulator_order_measure_id_measure")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_regulator_order_case_id_cases")
        ),
        _who("regulator_order", "recorded_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regulator_order")),
        sa.UniqueConstraint("measure_id", name=op.f("uq_regulator_order_measure_id")),
    )
    with op.batch_alter_table("regulator_order", schema=None) as batch_op:
        batch_op.create_index("ix_regulator_order_case", ["case_id"], unique=False)

    op.create_table(
        "regulator_report_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("made_by", sa.Integer(), nullable=True),
        sa.Column("made_by_label", sa.String(length=120), nullable=False),
        _when("made_at"),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("measures", sa.Integer(), nullable=False),
        sa.Column("unmasked", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "format IN ('csv', 'xlsx', 'pdf')", name=op.f("ck_regulator_report_log_format")
        ),
        sa.CheckConstraint(
            "period_end >= period_start", name=op.f("ck_regulator_report_log_period_ordered")
        ),
        sa.CheckConstraint(
            "size_bytes >= 0 AND measures >= 0",
            name=op.f("ck_regulator_report_log_counts_nonnegative"),
        ),
        _who("regulator_report_log", "made_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regulator_report_log")),
    )
    with op.batch_alter_table("regulator_report_log", schema=None) as batch_op:
        batch_op.create_index("ix_regulator_report_log_made", ["made_at"], unique=False)

    for table, (_, codes) in TABLES.items():
        _recheck(table, "category", codes)
    _recheck("cases", "queue", QUEUES + ["referrals"])
    _recheck("measure", "code", MEASURES + ["downgrade_credit"])
    policy = sa.table(
        "time_limit_policy",
        sa.column("queue", sa.String),
        sa.column("category", sa.String),
        sa.column("grade", sa.String),
        sa.column("stage", sa.String),
        sa.column("amount", sa.Float),
        sa.column("unit", sa.String),
        sa.column("version", sa.Integer),
        sa.column("updated_at", workbench.models.base.UTCDateTime(timezone=True)),
    )
    bind = op.get_bind()
    seeded = bind.execute(sa.text("SELECT count(*) FROM time_limit_policy")).scalar()
    if seeded:  # a new database is seeded from the shipped defaults after migrating
        from workbench.models import utcnow

        for stage, amount, unit in REFERRAL_LIMITS:
            exists = bind.execute(
                sa.text(
                    "SELECT 1 FROM time_limit_policy WHERE queue = 'referrals' "
                    "AND category = '*' AND grade = '*' AND stage = :stage"
                ),
                {"stage": stage},
            ).first()
            if exists is None:
                op.bulk_insert(
                    policy,
                    [
                        {
                            "queue": "referrals", "category": "*", "grade": "*", "stage": stage,
                            "amount": amount, "unit": unit, "version": 1, "updated_at": utcnow(),
                        }
                    ],
                )  # fmt: skip


def downgrade() -> None:
    op.execute("DELETE FROM time_limit_policy WHERE queue = 'referrals'")
    op.execute("UPDATE cases SET queue = 'complaints' WHERE queue = 'referrals'")
    op.execute(f"DELETE FROM rule_hit WHERE category = '{NEW}'")
    for table in ("cases", "report", "finding"):
        op.execute(f"UPDATE {table} SET category = 'other' WHERE category = '{NEW}'")
    for table, (codes, _) in TABLES.items():
        _recheck(table, "category", codes)
    _recheck("cases", "queue", QUEUES)
    op.drop_table("regulator_report_log")
    op.drop_table("regulator_order")
    op.drop_table("rumour_record")
    op.execute("DELETE FROM measure WHERE code = 'downgrade_credit'")
    _recheck("measure", "code", MEASURES)
    op.drop_table("figure_authorisation")
    op.drop_table("public_figure")
