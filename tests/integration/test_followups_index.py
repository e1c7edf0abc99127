"""The index of a lead's list of follow-ups by department (migration 0006), on SQLite and
PostgreSQL: upgraded and downgraded, declared on the table, and read by the list's query."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import command

from queue_server.adapters import tables
from queue_server.adapters.db import make_engine
from queue_server.adapters.migrate import alembic_config, upgrade
from queue_server.hall import Hall

INDEX = "ix_followups_department_status_opened"


def _indexes(engine: sa.Engine) -> dict[str, list[Any]]:
    return {ix["name"]: ix["column_names"] for ix in sa.inspect(engine).get_indexes("followups")}


def test_the_department_index_upgrades_and_downgrades(db_url: str) -> None:
    engine = make_engine(db_url)
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
    assert INDEX not in _indexes(engine)

    upgrade(engine)  # what `hallq serve` does on start
    assert _indexes(engine)[INDEX] == ["department", "status", "opened_at"]
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0006"
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    indexes = _indexes(engine)
    assert INDEX not in indexes and "ix_followups_status_opened" in indexes
    upgrade(engine)
    assert INDEX in _indexes(engine)
    engine.dispose()


def test_the_table_declares_the_index_the_migration_makes() -> None:
    declared = {ix.name: [c.name for c in ix.columns] for ix in tables.followups.indexes}
    assert declared[INDEX] == ["department", "status", "opened_at"]


def test_a_leads_list_on_sqlite_reads_the_department_index(hall: Hall) -> None:
    if hall.engine is None or hall.engine.dialect.name != "sqlite":
        return  # PostgreSQL's planner picks by table size; the index exists (above)
    f = tables.followups.c
    for status in ("open", "closed"):
        query = sa.select(tables.followups).where(f.department == "scj")
        query = query.where(f.status == "closed" if status == "closed" else f.status != "closed")
        query = query.order_by(f.opened_at.desc(), f.id.desc()).limit(200)
        sql = str(query.compile(hall.engine, compile_kwargs={"literal_binds": True}))
        with hall.engine.connect() as conn:
            plan = " ".join(
                str(row[-1]) for row in conn.execute(sa.text("EXPLAIN QUERY PLAN " + sql))
            )
        assert INDEX in plan, plan
