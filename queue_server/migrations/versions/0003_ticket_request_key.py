"""tickets: the Idempotency-Key of POST /tickets

Three nullable columns on `tickets` (who issued it, the key it sent, a keyed digest of the
request body) and a unique index on (day, issued_by, request_key), so a retried request
finds the ticket it already took instead of taking a second one. Existing rows keep NULL:
NULLs never collide in a unique index, on SQLite or PostgreSQL.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("issued_by", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("request_key", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("request_digest", sa.String(length=64), nullable=True))
    op.create_index(
        "uq_tickets_day_request", "tickets", ["day", "issued_by", "request_key"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_tickets_day_request", table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("request_digest")
        batch.drop_column("request_key")
        batch.drop_column("issued_by")
