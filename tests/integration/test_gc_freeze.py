"""`hallq serve` moves its start-up objects out of the cyclic collector's reach.

Without that, each full collection scanned the ~120,000 objects of the modules, the config
and the hall and stopped the server for 80–110 ms; with it, 2–37 ms (docs/PERFORMANCE.md,
"Collector pauses"). Apps built by tests must not freeze: they share one process.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from queue_server.bootstrap import create_app
from queue_server.config import Settings
from queue_server.hall import Hall


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_a_serving_app_freezes_what_was_alive_at_start(hall: Hall, settings: Settings) -> None:
    app = create_app(settings, hall=hall, freeze_gc=True)
    assert gc.get_freeze_count() == 0  # only once started
    with TestClient(app) as client:
        assert client.get("/api/v1/health").status_code == 200
        frozen = gc.get_freeze_count()
        # The imported modules alone hold tens of thousands of tracked objects.
        assert frozen > 10_000
        # A full collection now leaves them out: what it scans is what came after.
        assert len(gc.get_objects(generation=2)) < frozen


@pytest.mark.usefixtures("unfrozen")
def test_an_app_built_by_default_freezes_nothing(hall: Hall, settings: Settings) -> None:
    with TestClient(create_app(settings, hall=hall)) as client:
        assert client.get("/api/v1/health").status_code == 200
        assert gc.get_freeze_count() == 0
