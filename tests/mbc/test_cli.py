"""The store's command line: validate, build, lookup, review (report: tests/mbc/test_report.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mbc", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        timeout=timeout,
    )


def test_validate_passes_on_the_real_store() -> None:
    r = run("validate")
    assert r.returncode == 0, r.stderr
    assert "0 problems" in r.stdout
    assert "warning: " in r.stderr and "not yet reviewed by a clinician" in r.stderr  # warnings do not fail


def test_validate_fails_on_an_unknown_answer_id_in_a_menu(tmp_path: Path) -> None:
    acts = tmp_path / "acts.yml"
    acts.write_text(
        (ROOT / "data" / "dialogue" / "acts.yml")
        .read_text()
        .replace("answer: support-oncologist-questions", "answer: support-questions-oncologist")
    )
    r = run("validate", MBC_DIALOGUE_FILE=str(acts))
    assert r.returncode == 1
    assert "unknown answer id 'support-questions-oncologist'" in r.stderr


def test_validate_fails_with_reasons_on_a_broken_store(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "data" / "knowledge", tmp_path / "k")
    (tmp_path / "k" / "answers" / "extra.yml").write_text(
        "answers:\n  - id: x\n    topic: about\n    intents: [ask_definition]\n    entities: {term: [ned]}\n"
        "    question: q\n    short: s\n    reviewed: 2026-01-01\n    citations: [{source: nowhere, section: x}]\n"
    )
    r = run("validate", MBC_KNOWLEDGE_DIR=str(tmp_path / "k"))
    assert r.returncode == 1
    assert "cites unknown source 'nowhere'" in r.stderr


def test_build_writes_an_index(tmp_path: Path) -> None:
    out = tmp_path / "store.sqlite"
    # The whole store: both languages' banks are embedded (about a minute on two threads).
    r = run("build", MBC_INDEX=str(out), MBC_EMBED_THREADS="2", timeout=400)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 10_000


def test_lookup_prints_ranked_answers_with_sources() -> None:
    r = run("lookup", "bone scan")
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith("1. [") and "bone" in first.lower()
    assert "Sources:" in r.stdout


def test_review_then_validate(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "data" / "knowledge", tmp_path / "k")
    r = run("review", "spread-bone", "--by", "Jane Doe, MD", MBC_KNOWLEDGE_DIR=str(tmp_path / "k"))
    assert r.returncode == 0, r.stderr
    assert "spread-bone: reviewed by Jane Doe, MD" in r.stdout
    r = run("validate", MBC_KNOWLEDGE_DIR=str(tmp_path / "k"))
    assert r.returncode == 0, r.stderr
    import re

    drafts, total = map(int, re.search(r"(\d+) of (\d+) answers are not yet reviewed", r.stderr).groups())
    assert drafts == total - 1  # signed: no longer among the drafts


def test_the_editors_guide_names_only_commands_that_exist() -> None:
    import re

    guide = (ROOT / "docs" / "editing.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in set(re.findall(r"`make ([a-z-]+)", guide)):
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), f"make {target}"
    commands = set(re.findall(r"python -m mbc ([a-z-]+)", guide))
    assert {"review", "report"} <= commands
    for cmd in commands:
        r = run(cmd, "--help")
        assert r.returncode == 0, (cmd, r.stderr)
    for name in re.findall(r"`(utter_get_help_[a-z_]+)`", guide):
        assert f"  {name}:" in (ROOT / "domain.yml").read_text(), name
