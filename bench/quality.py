"""Quality figures over the real servers (REST), as the README reports them:
``python -m bench.quality [SET ...]`` (``make eval``). Blind sets print aggregates only.

Each labelled conversation is sent to a fresh conversation over the REST channel; the
``reply`` payload of the last answer is scored with mbc.evaluate (same rules as the
pure-core unit tests)."""

from __future__ import annotations

import json
import sys
import tempfile
import uuid
from pathlib import Path

import yaml

from mbc.evaluate import Outcome, evaluate
from tests.servers import Bot, customs

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = [
    "tests/data/real_dev.yml",
    "tests/data/e2e_expected.yml",
    "tests/data/blind_set.yml",
    "tests/data/real_blind.yml",
    "tests/data/real_blind2.yml",
    "tests/data/real_blind3.yml",
    "tests/data/real_blind4.yml",
    "tests/data/real_blind5.yml",
    "tests/data/urgent_blind1.yml",
    "tests/data/real_blind6.yml",
    "tests/data/urgent_blind2.yml",
    "tests/data/es_dev.yml",
    "tests/data/es_blind.yml",
    "tests/data/es_blind2.yml",
    "tests/data/es_blind4.yml",
    "tests/data/es_blind5.yml",
    "tests/data/es_urgent_blind1.yml",
    "tests/data/es_blind6.yml",
    "tests/data/es_urgent_blind2.yml",
]


def rest_asker(bot: Bot):  # type: ignore[no-untyped-def]
    def ask(messages: list[str]) -> Outcome:
        sender = f"eval-{uuid.uuid4().hex[:12]}"
        reply: list[dict] = []
        for text in messages:
            reply = bot.say(sender, text[:2000])
        payloads = [c for c in customs(reply) if c.get("type") == "reply"]
        return Outcome.of_payload(payloads[-1]) if payloads else Outcome("empty", (), (), False)

    return ask


def main(argv: list[str]) -> int:
    sets = argv or DEFAULT_SETS
    with tempfile.TemporaryDirectory() as work:
        bot = Bot(workdir=Path(work))
        try:
            bot.start_actions()
            bot.start_rasa()
            ask = rest_asker(bot)
            for name in sets:
                cases = yaml.safe_load((ROOT / name).read_text())["cases"]
                lang = "es" if Path(name).name.startswith("es_") else "en"
                report = evaluate(cases, None, ask=ask, lang=lang)
                print("\n".join(report.lines(f"{name} (REST)")))
                if "blind" not in name:
                    for miss in report.misses:
                        print("   miss:", json.dumps(miss))
        finally:
            bot.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
