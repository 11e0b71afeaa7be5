"""Rasa's own checks: training data validation and the test stories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.servers import ROOT, VENV_BIN, base_env

STORIES = ROOT / "tests" / "stories"


def rasa(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(VENV_BIN / "rasa"), *args], cwd=ROOT, env=base_env(), capture_output=True, text=True, timeout=timeout
    )


def test_rasa_data_validate() -> None:
    r = rasa("data", "validate", "--data", "data/nlu", "data/rules", "--domain", "domain.yml")
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]


def test_at_least_40_test_stories() -> None:
    count = sum(len(yaml.safe_load(p.read_text())["stories"]) for p in STORIES.glob("test_*.yml"))
    assert count >= 40


def test_stories_pass_end_to_end(tmp_path: Path) -> None:
    """User text -> NLU -> dialogue prediction, for every test story."""
    out = tmp_path / "results"
    r = rasa("test", "core", "--model", "models/mbc.tar.gz", "--stories", str(STORIES), "--e2e",
             "--out", str(out), "--no-plot")
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    failed = out / "failed_test_stories.yml"
    text = failed.read_text() if failed.exists() else ""
    assert "stories:" not in text or "- story" not in text, text[:4000]
