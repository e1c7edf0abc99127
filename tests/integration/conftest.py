"""API fixtures: the test hall served by FastAPI's TestClient on each database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings
from queue_server.hall import Hall


@pytest.fixture
def hall(settings: Settings, mini_config: HallConfig, clock: Any) -> Hall:
    return build_hall(settings, mini_config, clock=clock)


@pytest.fixture
def api(hall: Hall, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, hall=hall)) as client:
        # PostgreSQL: the listener clears the session cache when it first connects; a test
        # that reads the cache must not race that first connect.
        listener = client.app.state.listener  # type: ignore[attr-defined]
        if listener is not None:
            assert listener.listening.wait(10), "LISTEN connection not up within 10 s"
        yield client
