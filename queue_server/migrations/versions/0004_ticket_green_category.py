"""tickets: whom a green-channel ticket is for

One nullable column on `tickets`, `green_category` (elderly, disabled, pregnant, military,
other), so the counter console can say whom a green ticket serves. Until now the category was
kept only on the ticket's `ticket.issued` event; existing green tickets get it from there, so a
ticket waiting or in hand during the upgrade shows it too. Normal tickets, and green ones
taken without a category, keep NULL.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The categories POST /tickets took when this revision was written (domain GREEN_CATEGORIES).
CATEGORIES = ("elderly", "disabled", "pregnant", "military", "other")
CHUNK = 500  # ids per UPDATE: well under SQLite's and PostgreSQL's bound-parameter limits


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("green_category", sa.String(length=16), nullable=True))
    _backfill(op.get_bind())


def _backfill(conn: sa.Connection) -> None:
    """Copy each green ticket's category from its `ticket.issued` event."""
    tickets = sa.table(
        "tickets",
        sa.column("id", sa.Integer),
        sa.column("token", sa.String),
        sa.column("priority", sa.String),
        sa.column("green_category", sa.String),
    )
    events = sa.table(
        "events",
        sa.column("type", sa.String),
        sa.column("token", sa.String),
        sa.column("data", sa.JSON),
    )
    rows = conn.execute(
        sa.select(tickets.c.id, events.c.data)
        .join_from(tickets, events, events.c.token == tickets.c.token)
        .where(tickets.c.priority == "green", events.c.type == "ticket.issued")
    )
    ids: dict[str, list[int]] = defaultdict(list)
    for ticket_id, data in rows:
        category = data.get("green_category") if isinstance(data, dict) else None
        if category in CATEGORIES:
            ids[category].append(ticket_id)
    for category, of_category in ids.items():
        for start in range(0, len(of_category), CHUNK):
            conn.execute(
                sa.update(tickets)
                .where(tickets.c.id.in_(of_category[start : start + CHUNK]))
                .values(green_category=category)
            )


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("green_category")
