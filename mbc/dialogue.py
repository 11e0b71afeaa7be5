"""Dialogue acts, commands and menus, read from data/dialogue/acts.yml (one place)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from mbc import paths
from mbc.reply import Choice, Choices

_STRIP = re.compile(r"[^\w\s']+|\b(?:please|pls|plz|now|thanks|thank you)\b")


@dataclass(frozen=True)
class MenuItem:
    title: str
    answer: str | None
    payload: str | None
    title_es: str = ""

    def choice(self, lang: str = "en") -> Choice:
        title = self.title_es if lang == "es" and self.title_es else self.title
        if self.answer:
            return Choice(title, show_answer_payload(self.answer))
        return Choice(title, self.payload or "")


def show_answer_payload(answer_id: str) -> str:
    return f'/show_answer{{"answer_id": "{answer_id}"}}'


@dataclass(frozen=True)
class Dialogue:
    social: dict[str, str]
    min_confidence: dict[str, float]
    forget_request: tuple[re.Pattern[str], ...]
    forget_confirm: frozenset[str]
    simpler: tuple[re.Pattern[str], ...]
    menus: dict[str, tuple[MenuItem, ...]]
    feedback: dict[str, frozenset[str]]
    none_of_these: dict[str, str]

    @classmethod
    def load(cls, path: Path | None = None) -> Dialogue:
        raw = yaml.safe_load((path or paths.dialogue_file()).read_text(encoding="utf-8")) or {}
        return cls(
            social={str(k): str(v) for k, v in (raw.get("social") or {}).items()},
            min_confidence={str(k): float(v) for k, v in (raw.get("min_confidence") or {}).items()},
            forget_request=tuple(re.compile(rf"^(?:{p})$") for p in raw.get("forget_request") or ()),
            forget_confirm=frozenset(str(w).lower() for w in raw.get("forget_confirm") or ()),
            simpler=tuple(re.compile(rf"^(?:{p})$") for p in raw.get("simpler") or ()),
            feedback={
                str(k): frozenset(str(w).lower() for w in v or ()) for k, v in (raw.get("feedback") or {}).items()
            },
            menus={
                str(name): tuple(
                    MenuItem(str(i["title"]), i.get("answer"), i.get("payload"), str(i.get("es") or ""))
                    for i in items or ()
                )
                for name, items in (raw.get("menus") or {}).items()
            },
            none_of_these={str(k): str(v) for k, v in (raw.get("none_of_these") or {"en": "None of these"}).items()},
        )

    def menu(self, name: str, lang: str = "en") -> Choices:
        return Choices(tuple(item.choice(lang) for item in self.menus.get(name, ())))

    def none_title(self, lang: str = "en") -> str:
        return self.none_of_these.get(lang) or self.none_of_these.get("en", "None of these")

    def answer_ids(self) -> set[str]:
        return {i.answer for items in self.menus.values() for i in items if i.answer}

    def confidence(self, act: str) -> float:
        return self.min_confidence.get(act, self.min_confidence.get("social", 0.55))


def command_text(lower: str) -> str:
    """A message reduced to its words, for matching whole-message commands."""
    return " ".join(_STRIP.sub(" ", lower).split())


def is_forget_request(lower: str, dialogue: Dialogue) -> bool:
    words = command_text(lower)
    return any(p.match(words) for p in dialogue.forget_request)


def is_confirmation(lower: str, dialogue: Dialogue) -> bool:
    return command_text(lower) in dialogue.forget_confirm


def feedback_value(lower: str, dialogue: Dialogue) -> str | None:
    """ "up" or "down" when the whole message is a thumbs up/down (or yes/no)."""
    text = lower.strip().rstrip("!.")
    words = command_text(lower)
    for value, phrases in dialogue.feedback.items():
        if text in phrases or words in phrases:
            return value
    return None


def asks_simpler(lower: str, dialogue: Dialogue) -> bool:
    words = command_text(lower)
    return any(p.match(words) for p in dialogue.simpler)
