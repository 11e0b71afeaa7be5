"""One real bot (action server + Rasa server with REST) for the end-to-end tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import Bot


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    b = Bot(workdir=Path(tmp_path_factory.mktemp("bot")))
    b.start_actions()
    b.start_rasa()
    yield b
    b.stop()


@pytest.fixture()
def sender() -> str:
    """A fresh conversation per test."""
    return f"test-{uuid.uuid4().hex[:12]}"
