"""The embedded default keeps conversations across a restart; stored events are
redacted; "forget me" deletes the conversation."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from mbc.privacy import conversation_key
from tests.e2e.classify import answer_ids
from tests.servers import Bot, texts


@pytest.fixture(scope="module")
def own_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    """A bot of its own, because this module restarts its Rasa server."""
    b = Bot(workdir=Path(tmp_path_factory.mktemp("persist")))
    b.start_actions()
    b.start_rasa()
    yield b
    b.stop()


def stored(bot: Bot, sender: str) -> list[dict]:
    """The stored events of a REST sender's conversation (kept under its key)."""
    con = sqlite3.connect(bot.workdir / "tracker.db")
    key = conversation_key("rest", sender)
    rows = [json.loads(r[0]) for r in con.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (key,))]
    con.close()
    return rows


def restart_rasa(bot: Bot) -> None:
    rasa = bot.procs.pop()  # the Rasa server is started last
    os.killpg(rasa.pid, signal.SIGTERM)
    rasa.wait(timeout=30)
    bot.start_rasa(port=bot.rasa_port)


def test_restart_keeps_the_conversation(own_bot: Bot) -> None:
    sender = f"keep-{uuid.uuid4().hex[:8]}"
    assert "liver" in answer_ids(own_bot.say(sender, "what are the symptoms of liver mets?"))[0]
    before = [e for e in stored(own_bot, sender) if e["event"] == "user"]
    restart_rasa(own_bot)
    after = [e for e in stored(own_bot, sender) if e["event"] == "user"]
    assert after == before and len(before) == 1
    # the remembered question carries over the restart: "and the lungs?" means lung symptoms
    messages = own_bot.say(sender, "and the lungs?")
    assert "not medical advice" not in texts(messages)  # same session, no new disclaimer
    assert answer_ids(messages)[0].startswith("symptoms") and "lung" in answer_ids(messages)[0]
    assert [e["text"] for e in stored(own_bot, sender) if e["event"] == "user"] == [
        "what are the symptoms of liver mets?",
        "and the lungs?",
    ]


def test_contact_details_are_redacted_before_storage(own_bot: Bot) -> None:
    sender = f"redact-{uuid.uuid4().hex[:8]}"
    own_bot.say(sender, "my email is jane.doe@example.org and my cell is 555-201-3344, what is a bone scan?")
    raw = json.dumps(stored(own_bot, sender))
    assert "jane.doe@example.org" not in raw and "555-201-3344" not in raw
    assert "[email removed]" in raw and "[phone removed]" in raw


def test_forget_me_deletes_the_conversation(own_bot: Bot) -> None:
    sender = f"forget-{uuid.uuid4().hex[:8]}"
    own_bot.say(sender, "what is stable disease?")
    assert stored(own_bot, sender)
    reply = texts(own_bot.say(sender, "forget me"))
    if "YES" in reply:  # asked to confirm
        reply = texts(own_bot.say(sender, "yes"))
    assert "deleted" in reply
    assert stored(own_bot, sender) == []
    # writing again starts a fresh conversation with the first-reply note
    assert "not medical advice" in texts(own_bot.say(sender, "hello"))
