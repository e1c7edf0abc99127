"""Which file an SQLite URL writes to (the data directory is created for it, nothing else)."""

from __future__ import annotations

from pathlib import Path

import pytest

from queue_server.adapters.db import sqlite_file


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:////var/lib/hallq/hallq.sqlite3", Path("/var/lib/hallq/hallq.sqlite3")),
        ("sqlite:///data/h.db", Path("data/h.db")),
        ("sqlite:///file:/x/h.db?mode=rwc&uri=true", Path("/x/h.db")),
        ("sqlite:///file:///x/h.db?uri=true", Path("/x/h.db")),
        ("sqlite:///file:/x/h.db?mode=ro&uri=true", None),  # read-only: nothing to create
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
    ],
)
def test_the_file_an_sqlite_url_writes_to(url: str, path: Path | None) -> None:
    assert sqlite_file(url) == path
