"""One real bot (action server + Rasa server) with every messaging channel enabled and
pointed at local fakes of the platforms' APIs, shared by all channel tests."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.channels import fakes
from tests.channels.fakes import FakePlatforms
from tests.servers import ROOT, Bot

TWILIO_PUBLIC_URL = "https://bot.example.org/webhooks/twilio/webhook"
TELEGRAM_PUBLIC_URL = "https://bot.example.org/webhooks/telegram/webhook"


class ChannelBot(Bot):
    def post(self, path: str, body: bytes, headers: dict[str, str], content_type: str) -> requests.Response:
        return requests.post(
            f"{self.url}{path}", data=body, headers={**headers, "Content-Type": content_type}, timeout=60
        )


def channel_env(p: FakePlatforms) -> dict[str, str]:
    """What an operator sets to switch every channel on, with the documented MBC_*_API_BASE
    variables pointing the outbound calls at the local fakes."""
    return {
        "TWILIO_ACCOUNT_SID": fakes.TWILIO_SID,
        "TWILIO_AUTH_TOKEN": fakes.TWILIO_TOKEN,
        "TWILIO_SMS_NUMBER": fakes.TWILIO_SMS_NUMBER,
        "TWILIO_SMS_WEBHOOK_URL": TWILIO_PUBLIC_URL,
        "TWILIO_WHATSAPP_NUMBER": fakes.TWILIO_WHATSAPP_NUMBER,
        "TELEGRAM_BOT_TOKEN": fakes.TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": fakes.TELEGRAM_SECRET,
        "TELEGRAM_WEBHOOK_URL": TELEGRAM_PUBLIC_URL,
        "FACEBOOK_VERIFY_TOKEN": fakes.FB_VERIFY,
        "FACEBOOK_APP_SECRET": fakes.FB_SECRET,
        "FACEBOOK_PAGE_ACCESS_TOKEN": fakes.FB_PAGE_TOKEN,
        "SLACK_BOT_TOKEN": fakes.SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": fakes.SLACK_SECRET,
        "MBC_TWILIO_API_BASE": p.url("twilio"),
        "MBC_TELEGRAM_API_BASE": p.url("telegram"),
        "MBC_FACEBOOK_API_BASE": p.url("facebook"),
        "MBC_SLACK_API_BASE": f"{p.url('slack')}/api/",
    }


def write_credentials(path: Path, p: FakePlatforms) -> Path:
    """The repository's credentials.yml as it is, plus Rasa's callback channel (tested too)."""
    path.write_text(
        (ROOT / "credentials.yml").read_text()
        + f"""
callback:
  url: "{p.url('callback')}/bot-replies"
"""
    )
    return path


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Set variables for the servers started inside (they copy the environment at start),
    then put the test process's environment back."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="session")
def platforms() -> Iterator[FakePlatforms]:
    p = FakePlatforms()
    p.start()
    yield p
    p.stop()


@pytest.fixture(scope="session")
def channel_bot(tmp_path_factory: pytest.TempPathFactory, platforms: FakePlatforms) -> Iterator[ChannelBot]:
    workdir = Path(tmp_path_factory.mktemp("channel-bot"))
    bot = ChannelBot(workdir=workdir)
    try:
        with environment(channel_env(platforms)):  # every secret from the environment
            bot.start_actions()
            bot.start_rasa(credentials=write_credentials(workdir / "credentials.yml", platforms))
        yield bot
    finally:
        bot.stop()


@pytest.fixture()
def uid() -> str:
    return uuid.uuid4().hex[:10]
