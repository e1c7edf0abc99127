"""What the ops commands share: the database they act on, and a bilingual failure."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, func, inspect, select, table
from sqlalchemy.engine import URL, make_url

from queue_server.adapters import tables
from queue_server.config import DatabaseUrlError, Settings, check_database_url

# Rows in these tables describe configuration, not hall activity: a freshly started server
# fills them, and a database holding only them is still "empty" for `restore`.
SETUP_TABLES = frozenset({"alembic_version", "windows"})
HALLQ_TABLES = frozenset(tables.metadata.tables) | SETUP_TABLES


class OpsError(Exception):
    """An ops command could not do its job; `message` and `message_zh` say why and what to do."""

    def __init__(self, message: str, message_zh: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh
        self.exit_code = exit_code


def database_url(db: str | None = None, data_dir: str | None = None) -> str:
    """`--db` (a URL or an SQLite file), else HALLQ_DATABASE_URL, else the data directory's file."""
    if db:
        if "://" not in db:
            return f"sqlite:///{Path(db).expanduser().resolve()}"
        try:
            return check_database_url(db)
        except DatabaseUrlError as exc:
            raise OpsError(exc.message, exc.message_zh, exit_code=2) from None
    overrides: dict[str, object] = {}
    if data_dir:
        overrides["data_dir"] = Path(data_dir)
    return Settings(**overrides).resolved_database_url()  # type: ignore[arg-type]


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path:
    """The file of an SQLite URL (`sqlite:///file:/x.db?mode=ro&uri=true` too)."""
    database = make_url(url).database or ""
    if not database or database == ":memory:":
        raise OpsError(
            f"{url!r} is not an SQLite file.", f"“{url}”不是 SQLite 数据库文件。", exit_code=2
        )
    return Path(database.removeprefix("file:")).expanduser().resolve()


def shown(url: str) -> str:
    """The URL as it may appear in output and logs: never with its password."""
    return make_url(url).render_as_string(hide_password=True)


def pg_url(url: str) -> URL:
    """A PostgreSQL URL for SQLAlchemy's psycopg driver."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def open_engine(url: str, *, read_only: bool = False) -> Engine:
    """A plain engine for ops work: no migrations, no pragmas that change the file."""
    if is_sqlite(url):
        path = sqlite_path(url)
        if not path.is_file():
            raise OpsError(
                f"There is no database file at {path}.", f"数据库文件不存在：{path}。", exit_code=2
            )
        mode = "ro" if read_only else "rw"
        return create_engine(f"sqlite:///file:{path}?mode={mode}&uri=true")
    return create_engine(pg_url(url), pool_pre_ping=True)


def rows_by_table(url: str) -> dict[str, int]:
    """Rows of every table of the database at `url` (its default schema)."""
    engine = open_engine(url, read_only=True)
    try:
        names = inspect(engine).get_table_names()
        with engine.connect() as conn:
            return {
                name: int(conn.execute(select(func.count()).select_from(table(name))).scalar_one())
                for name in names
            }
    finally:
        engine.dispose()


def activity(counts: dict[str, int]) -> dict[str, int]:
    """What makes a database worth keeping: hall activity, or tables that are not HallQ's."""
    return {
        name: n
        for name, n in counts.items()
        if name not in HALLQ_TABLES or (name not in SETUP_TABLES and n > 0)
    }
