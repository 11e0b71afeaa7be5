"""The web service alone (no bot needed for the lookup API and the static files)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.webservice import WebService


@pytest.fixture(scope="session")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebService]:
    service = WebService(workdir=Path(tmp_path_factory.mktemp("web")), bot_url="http://127.0.0.1:5999")
    service.start()
    yield service
    service.stop()
