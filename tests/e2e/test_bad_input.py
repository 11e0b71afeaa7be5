"""Bad input over the REST channel: a clear reply or a 4xx with a reason, never a crash,
and the server keeps answering everyone else."""

from __future__ import annotations

import contextlib
import json
import socket
import sqlite3
import uuid

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels.limits import MAX_MESSAGE_CHARS
from mbc.privacy import conversation_key
from tests.servers import Bot, texts


def post_raw(bot: Bot, body: bytes, content_type: str = "application/json") -> requests.Response:
    return requests.post(
        f"{bot.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": content_type}, timeout=30
    )


def post(bot: Bot, payload: object) -> requests.Response:
    return post_raw(bot, json.dumps(payload).encode())


def still_answers(bot: Bot) -> None:
    msgs = bot.say(f"ok-{uuid.uuid4().hex[:8]}", "what is a bone scan?")
    assert "Sources:" in texts(msgs)


def test_empty_and_whitespace_messages_get_a_clear_reply(bot: Bot) -> None:
    for message in ["", "   ", "\n\t "]:
        r = post(bot, {"sender": "empty-user", "message": message})
        assert r.status_code == 200
        assert "didn't catch a question" in r.json()[0]["text"]


def test_long_messages_are_politely_refused(bot: Bot) -> None:
    r = post(bot, {"sender": "long-user", "message": "a" * 10_000})
    assert r.status_code == 200 and "Please shorten it" in r.json()[0]["text"]
    r = post(bot, {"sender": "long-user", "message": "a" * (MAX_MESSAGE_CHARS - 10) + " bone scan"})
    assert r.status_code == 200 and r.json()
    r = post(bot, {"sender": "long-user", "message": "x" * 1_000_000})
    assert r.status_code == 413 and "larger than" in r.json()["error"]
    still_answers(bot)


def test_malformed_requests_get_4xx_with_a_reason(bot: Bot) -> None:
    cases = [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\xfa", "not valid UTF-8"),
        (b"[1, 2]", "JSON object"),
        (json.dumps({"message": "hi"}).encode(), "'sender' is required"),
        (json.dumps({"sender": 42, "message": "hi"}).encode(), "'sender' is required"),
        (json.dumps({"sender": "../../etc", "message": "hi"}).encode(), "'sender' is required"),
        (json.dumps({"sender": "u1"}).encode(), "'message' is required"),
        (json.dumps({"sender": "u1", "message": ["hi"]}).encode(), "'message' is required"),
        (json.dumps({"sender": "u1", "message": None}).encode(), "'message' is required"),
    ]
    for body, reason in cases:
        r = post_raw(bot, body)
        assert 400 <= r.status_code < 500, body
        assert reason in r.json()["error"], (body, r.text)
    still_answers(bot)


def test_control_characters_emoji_and_html_are_handled(bot: Bot) -> None:
    for message in [
        "what is\x00 a bone\x07 scan",
        "🎗️💗 what does NED mean? 🙏",
        "<script>alert(1)</script> what is mbc",
        "<img src=x onerror=alert(1)>",
        "\u202eevil rtl\u202c what is her2",
    ]:
        r = post(bot, {"sender": "odd-user", "message": message})
        assert r.status_code == 200 and r.json(), message
        assert all(isinstance(m, dict) for m in r.json())
    still_answers(bot)


valid_shaped = st.fixed_dictionaries(
    {
        "sender": st.from_regex(r"[A-Za-z0-9_]{1,16}", fullmatch=True),
        "message": st.text(min_size=1, max_size=200),
    }
).map(lambda d: json.dumps(d).encode())

bodies = st.one_of(
    valid_shaped,
    valid_shaped,
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
        max_leaves=8,
    ).map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries(
        {
            "sender": st.one_of(
                st.text(max_size=20), st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True), st.integers(), st.none()
            ),
            "message": st.one_of(
                st.text(max_size=120), st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=2)
            ),
        }
    ).map(lambda d: json.dumps(d).encode()),
)


def test_fuzzed_requests_never_cause_a_server_error(bot: Bot) -> None:
    """10,000 generated request bodies: every one gets a 2xx or 4xx, the server stays up."""
    session = requests.Session()
    statuses: dict[int, int] = {}

    @settings(
        max_examples=10_000, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(body=bodies)
    def check(body: bytes) -> None:
        r = session.post(
            f"{bot.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}, timeout=30
        )
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
        assert r.status_code < 500, (body[:200], r.status_code, r.text[:200])
        assert isinstance(r.json(), list | dict)

    check()
    print(f"\nfuzz: {sum(statuses.values())} requests, status counts {statuses}")
    assert sum(statuses.values()) >= 10_000
    still_answers(bot)


def raw_http(bot: Bot, head: bytes, body: bytes = b"") -> int:
    """Send bytes as they are (requests would fix a bad header); return the status code."""
    port = int(bot.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head + b"\r\n\r\n" + body)
        s.settimeout(10)
        data = b""
        with contextlib.suppress(TimeoutError, ConnectionResetError):
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
    assert data.startswith(b"HTTP/1.1 "), data[:200]
    return int(data.split(b" ", 2)[1])


def test_a_lone_surrogate_gets_a_4xx_not_a_500(bot: Bot) -> None:
    for body in [
        b'{"sender": "sur-1", "message": "what is a bone scan \\ud800"}',
        b'{"sender": "sur-1", "message": "\\udc00"}',
        b'{"sender": "sur-1", "message": "hi", "metadata": {"x": "\\ud83d"}}',
    ]:
        r = post_raw(bot, body)
        assert 400 <= r.status_code < 500, (body, r.status_code, r.text)
        assert "Unicode" in r.json()["error"]
    ok = post_raw(bot, b'{"sender": "sur-2", "message": "what does NED mean? \\ud83d\\udc97"}')  # a proper pair: fine
    assert ok.status_code == 200
    still_answers(bot)


def test_zero_width_and_bidi_characters_are_stripped_before_the_bot_reads_them(bot: Bot, sender: str) -> None:
    r = post(bot, {"sender": sender, "message": "what is a bone\u200b scan\u2060?\u202e\u2066\u200f"})
    assert r.status_code == 200
    con = sqlite3.connect(bot.workdir / "tracker.db")
    stored = [
        json.loads(row[0])
        for row in con.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (conversation_key("rest", sender),)
        )
    ]
    con.close()
    assert [e["text"] for e in stored] == ["what is a bone scan?"]


def test_a_malformed_content_length_gets_a_4xx(bot: Bot) -> None:
    body = json.dumps({"sender": "cl-user", "message": "hi"}).encode()
    for value in [b"abc", b"-5", b"12, 13", b"1e3", b"0x10"]:
        head = (
            b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + value
        )
        status = raw_http(bot, head, body)
        assert 400 <= status < 500, (value, status)
    still_answers(bot)


def test_rest_requires_a_json_content_type(bot: Bot) -> None:
    body = json.dumps({"sender": "ct-user", "message": "what is a bone scan?"}).encode()
    for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]:
        r = requests.post(
            f"{bot.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": content_type}, timeout=30
        )
        assert r.status_code == 415, (content_type, r.status_code)
        assert "application/json" in r.json()["error"]
    assert post_raw(bot, body, "application/json; charset=utf-8").status_code == 200
