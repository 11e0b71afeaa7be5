"""Rasa's HTTP API is off by default: only the channels answer."""

from __future__ import annotations

import requests

from tests.servers import Bot


def test_http_api_is_not_exposed(bot: Bot) -> None:
    for method, path in [
        ("GET", "/conversations/someone/tracker"),
        ("POST", "/model/parse"),
        ("GET", "/status"),
        ("PUT", "/model"),
    ]:
        r = requests.request(method, f"{bot.url}{path}", json={"text": "hi"}, timeout=10)
        assert r.status_code in (404, 405), (path, r.status_code)


def test_servers_listen_on_loopback_only(bot: Bot) -> None:
    import subprocess

    out = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True).stdout
    for port in (bot.rasa_port, bot.action_port):
        lines = [line for line in out.splitlines() if f":{port} " in line]
        assert lines and all("127.0.0.1:" in line for line in lines), lines
