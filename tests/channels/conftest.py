"""One real bot (action server + Rasa server) with every messaging channel enabled and
pointed at local fakes of the platforms' APIs, shared by all channel tests."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.channels import fakes
from tests.channels.fakes import FakePlatforms
from tests.servers import Bot

TWILIO_PUBLIC_URL = "https://bot.example.org/webhooks/twilio/webhook"
TELEGRAM_PUBLIC_URL = "https://bot.example.org/webhooks/telegram/webhook"
TOKEN_VAR = "MBC_TEST_TWILIO_AUTH_TOKEN"


class ChannelBot(Bot):
    def post(self, path: str, body: bytes, headers: dict[str, str], content_type: str) -> requests.Response:
        return requests.post(f"{self.url}{path}", data=body, headers={**headers, "Content-Type": content_type}, timeout=60)


def write_credentials(path: Path, p: FakePlatforms) -> Path:
    path.write_text(f"""\
channels.rest.SafeRestInput:
callback:
  url: "{p.url('callback')}/bot-replies"
channels.twilio.VerifiedTwilioInput:
  account_sid: "{fakes.TWILIO_SID}"
  auth_token: "${{{TOKEN_VAR}}}"
  twilio_number: "{fakes.TWILIO_SMS_NUMBER}"
  webhook_url: "{TWILIO_PUBLIC_URL}"
  api_base: "{p.url('twilio')}"
channels.twilio.VerifiedWhatsAppInput:
  account_sid: "{fakes.TWILIO_SID}"
  auth_token: "${{{TOKEN_VAR}}}"
  twilio_number: "{fakes.TWILIO_WHATSAPP_NUMBER}"
  api_base: "{p.url('twilio')}"
channels.telegram.VerifiedTelegramInput:
  access_token: "{fakes.TELEGRAM_TOKEN}"
  secret_token: "{fakes.TELEGRAM_SECRET}"
  webhook_url: "{TELEGRAM_PUBLIC_URL}"
  api_base: "{p.url('telegram')}"
channels.facebook.VerifiedFacebookInput:
  verify: "{fakes.FB_VERIFY}"
  secret: "{fakes.FB_SECRET}"
  page-access-token: "{fakes.FB_PAGE_TOKEN}"
  graph_url: "{p.url('facebook')}"
channels.slack.VerifiedSlackInput:
  slack_token: "{fakes.SLACK_TOKEN}"
  slack_signing_secret: "{fakes.SLACK_SECRET}"
  api_base: "{p.url('slack')}/api/"
""")
    return path


@pytest.fixture(scope="session")
def platforms() -> Iterator[FakePlatforms]:
    p = FakePlatforms()
    p.start()
    yield p
    p.stop()


@pytest.fixture(scope="session")
def channel_bot(tmp_path_factory: pytest.TempPathFactory, platforms: FakePlatforms) -> Iterator[ChannelBot]:
    workdir = Path(tmp_path_factory.mktemp("channel-bot"))
    os.environ[TOKEN_VAR] = fakes.TWILIO_TOKEN  # the Twilio secret comes from the environment
    bot = ChannelBot(workdir=workdir)
    try:
        bot.start_actions()
        bot.start_rasa(credentials=write_credentials(workdir / "credentials.yml", platforms))
        yield bot
    finally:
        bot.stop()
        os.environ.pop(TOKEN_VAR, None)


@pytest.fixture()
def uid() -> str:
    return uuid.uuid4().hex[:10]
