"""Where the store's inputs and compiled artefacts live (overridable for tests)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def knowledge_dir() -> Path:
    """Folder with sources.yml, terms.yml and answers/*.yml."""
    return Path(os.environ.get("MBC_KNOWLEDGE_DIR", ROOT / "data" / "knowledge"))


def build_dir() -> Path:
    """Folder for built artefacts (spaCy pipeline, SQLite index); git-ignored."""
    return Path(os.environ.get("MBC_BUILD_DIR", ROOT / "build"))


def spacy_dir() -> Path:
    return build_dir() / "spacy_mbc"


def index_path() -> Path:
    return Path(os.environ.get("MBC_INDEX", build_dir() / "store.sqlite"))


def dialogue_file() -> Path:
    """Dialogue acts, commands and menus (data/dialogue/acts.yml)."""
    return Path(os.environ.get("MBC_DIALOGUE_FILE", ROOT / "data" / "dialogue" / "acts.yml"))


def bank_path() -> Path:
    """The embedded question banks, built next to the index."""
    return index_path().with_name("bank.npz")
