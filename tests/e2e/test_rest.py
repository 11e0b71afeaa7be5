"""End to end over the REST channel: real action server, real Rasa server."""

from __future__ import annotations

import sqlite3

import requests

from mbc.privacy import conversation_key
from tests.servers import Bot, customs, texts

DISCLAIMER = "not medical advice"


def answer_ids(messages: list[dict]) -> list[str]:
    return [c["answer_id"] for c in customs(messages) if c.get("type") == "answer"]


def test_first_reply_has_the_disclaimer_then_a_cited_answer(bot: Bot, sender: str) -> None:
    messages = bot.say(sender, "where does breast cancer spread?")
    assert DISCLAIMER in messages[0]["text"]
    assert answer_ids(messages)
    body = texts(messages)
    assert "Sources: " in body and "reviewed" in body
    [payload] = [c for c in customs(messages) if c.get("type") == "answer"]
    assert payload["citations"] and all(c["reviewed"] or c["trust"] != "high" for c in payload["citations"])
    # the note comes once per conversation, not on every message
    assert DISCLAIMER not in texts(bot.say(sender, "what is a bone scan?"))


def test_site_symptoms_answer_is_about_that_site(bot: Bot, sender: str) -> None:
    messages = bot.say(sender, "what are the symptoms of liver mets?")
    [aid] = answer_ids(messages)
    assert "liver" in aid
    assert "Sources:" in texts(messages)


def test_context_carries_to_a_bare_follow_up(bot: Bot, sender: str) -> None:
    bot.say(sender, "symptoms of liver mets?")
    [aid] = answer_ids(bot.say(sender, "and the lungs?"))
    assert "lung" in aid and aid.startswith("symptoms")


def test_brand_name_question(bot: Bot, sender: str) -> None:
    ids = answer_ids(bot.say(sender, "what is Herceptin?"))
    assert ids and "trastuzumab" in ids[0]


def test_out_of_scope_is_declined_without_citations(bot: Bot, sender: str) -> None:
    messages = bot.say(sender, "what's a good recipe for lasagna?")
    assert "outside what I can help with" in texts(messages)
    assert "753-5222" in texts(messages)
    assert not answer_ids(messages) and "Sources:" not in texts(messages)


def test_emergency_gets_urgent_guidance_only(bot: Bot, sender: str) -> None:
    messages = bot.say(sender, "my wife is having a seizure right now")
    body = texts(messages)
    assert "911" in body
    assert not answer_ids(messages) and "Sources:" not in body


def test_suicidal_message_gets_988(bot: Bot, sender: str) -> None:
    body = texts(bot.say(sender, "i dont want to be alive anymore"))
    assert "988" in body and "Sources:" not in body


def test_bot_challenge_is_honest_and_offers_a_person(bot: Bot, sender: str) -> None:
    body = texts(bot.say(sender, "am I talking to a real person?"))
    assert "not a person" in body and "753-5222" in body


def test_nonsense_gets_a_clear_reply_without_citations(bot: Bot, sender: str) -> None:
    messages = bot.say(sender, "zxqv blorp")
    assert texts(messages).strip()
    assert not answer_ids(messages)


def test_personal_advice_is_deferred_to_the_care_team(bot: Bot, sender: str) -> None:
    messages = bot.say(sender, "should I stop taking my tamoxifen?")
    ids = answer_ids(messages)
    assert ids and ids[0] == "advice-care-team"
    assert "care team" in texts(messages).lower()


def test_rest_senders_that_look_like_another_channel_are_refused(bot: Bot) -> None:
    for sender in [
        "+15551234567",
        "15551234567",
        "555-123-4567",
        "whatsapp:+15551234567",
        "twilio:" + "0" * 32,
        "Telegram:123",
        "facebook:1",
        "slack:U1",
        "rest:abc",
        "callback:x",
    ]:
        r = requests.post(f"{bot.url}/webhooks/rest/webhook", json={"sender": sender, "message": "hi"}, timeout=30)
        assert r.status_code == 400, sender
        assert "another channel" in r.json()["error"]


def test_rest_conversations_are_stored_under_their_own_key(bot: Bot, sender: str) -> None:
    messages = bot.say(sender, "what is a bone scan?")
    assert all(m["recipient_id"] == sender for m in messages)
    con = sqlite3.connect(bot.workdir / "tracker.db")
    ids = {r[0] for r in con.execute("SELECT DISTINCT sender_id FROM events")}
    con.close()
    assert conversation_key("rest", sender) in ids and sender not in ids


def test_the_root_route_does_not_announce_the_version(bot: Bot) -> None:
    r = requests.get(f"{bot.url}/", timeout=10)
    assert r.status_code == 200 and r.text == "ok"
    assert "rasa" not in r.text.lower() and "3.6" not in r.text
    assert not any(h.lower() in ("server", "x-powered-by") for h in r.headers)


def test_the_web_service_does_not_announce_its_software(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import socket

    from tests.webservice import WebService

    web = WebService(workdir=tmp_path)
    web.start()
    try:
        for path in ["/healthz", "/", "/no-such-page", "/api/lookup?q=bone+scan"]:
            r = requests.get(f"{web.url}{path}", timeout=10)
            server = r.headers.get("Server", "")
            assert "aiohttp" not in server.lower() and "python" not in server.lower(), (path, server)
        with socket.create_connection(("127.0.0.1", web.port), timeout=10) as s:  # a request aiohttp cannot parse
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")
            head = s.recv(4096).decode(errors="replace")
        assert head.split(" ")[1].startswith("4"), head[:100]
        assert "aiohttp" not in head.lower() and "Python/" not in head
    finally:
        web.stop()
