"""Shared test fixtures: the built knowledge base and, for end-to-end tests, the real
action server and Rasa server started on free loopback ports."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from mbc.lean import block_tensorflow  # noqa: E402

block_tensorflow()  # tests import spaCy in-process; Rasa itself runs in subprocesses


@pytest.fixture(scope="session")
def kb():
    from mbc.kb import get_kb

    return get_kb()
