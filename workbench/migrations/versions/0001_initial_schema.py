"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 10:51:29.774406
"""

from collections.abc import Sequence

from workbench.migrations.initial_schema import (
    accounts,
    cases,
    clocks,
    hits,
    measures,
    people,
    records,
    replies,
)

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# In an order in which every foreign key's table exists before the key.
PARTS = (people, records, accounts, cases, measures, hits, clocks, replies)


def upgrade() -> None:
    for part in PARTS:
        part.create()


def downgrade() -> None:
    for part in reversed(PARTS):
        part.drop()
