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
        yield client
