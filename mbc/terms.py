"""The project's vocabulary: the words people use, mapped to canonical values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ENTITY_TYPES = ("site", "therapy", "drug", "test", "term", "subtype", "resource")


@dataclass(frozen=True)
class Vocabulary:
    """``canon[type][value] = [phrases]`` plus a reverse lookup phrase -> (type, value)."""

    canon: dict[str, dict[str, list[str]]]

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        canon: dict[str, dict[str, list[str]]] = {}
        for etype, values in raw.items():
            if etype not in ENTITY_TYPES:
                raise ValueError(f"{path}: unknown entity type {etype!r}")
            canon[etype] = {str(v): [str(p).lower() for p in phrases] for v, phrases in values.items()}
        return cls(canon)

    def values(self, etype: str) -> set[str]:
        return set(self.canon.get(etype, {}))

    def patterns(self) -> list[dict[str, str]]:
        """entity_ruler phrase patterns: label = entity type, id = canonical value."""
        return [
            {"label": etype, "pattern": phrase, "id": value}
            for etype, values in self.canon.items()
            for value, phrases in values.items()
            for phrase in phrases
        ]

    def canonical(self, etype: str, text: str) -> str | None:
        """Map a surface form (or an already canonical value) to its canonical value."""
        norm = _norm(text)
        values = self.canon.get(etype, {})
        if norm.replace(" ", "_") in values:
            return norm.replace(" ", "_")
        for value, phrases in values.items():
            if norm in phrases:
                return value
        return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def token_for(etype: str, value: str) -> str:
    """A single search token standing for a canonical entity (FTS-safe: letters only)."""
    return "x" + re.sub(r"[^a-z0-9]", "", f"{etype}{value}".lower())
