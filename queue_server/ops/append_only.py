"""PostgreSQL: make the event log append-only in the database itself (see docs/RELIABILITY.md).

The API has no route that edits or deletes events; these statements make the database refuse
it too, whoever connects. Run them once as the tables' owner (`psql -f` or `hallq`-less SQL);
they are idempotent. Pair them with a server role that does not own the tables (REVOKE in the
docs), so that even a compromised server process cannot rewrite history.
"""

from __future__ import annotations

APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION hallq_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the HallQ event log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER IF EXISTS events_append_only ON events;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION hallq_events_append_only();
"""


def app_role_sql(role: str) -> list[str]:
    """Grants for a server login `role` that is not the tables' owner: all it needs, except
    changing or deleting events. Run as the owner after the schema exists (`hallq serve` run
    once as the owner creates and upgrades it; as `role` the upgrade is then a no-op)."""
    if not role.isidentifier():
        raise ValueError(f"not a plain role name: {role!r}")
    return [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON events FROM {role}",
    ]
