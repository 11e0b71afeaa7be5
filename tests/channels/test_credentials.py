"""Channel credentials from environment variables; unset -> channel not enabled."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from channels.credentials import effective, main, resolve
from tests.servers import ROOT

ENV = {"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "s3cr3t-value", "TWILIO_SMS_NUMBER": "+15550001111"}


def repo_credentials() -> dict:
    return yaml.safe_load((ROOT / "credentials.yml").read_text())


def test_every_secret_comes_from_the_environment() -> None:
    creds = repo_credentials()
    assert "channels.rest.SafeRestInput" in creds
    channels = {
        k: v
        for k, v in creds.items()
        if k.startswith(("channels.twilio", "channels.telegram", "channels.facebook", "channels.slack"))
    }
    assert len(channels) == 5
    for entry in channels.values():
        assert all(isinstance(v, str) and v.startswith("${") and v.endswith("}") for v in entry.values()), entry


def test_only_channels_with_their_variables_set_are_enabled() -> None:
    enabled, skipped = effective(repo_credentials(), ENV)
    assert set(enabled) == {"channels.rest.SafeRestInput", "channels.twilio.VerifiedTwilioInput"}
    assert skipped["channels.twilio.VerifiedWhatsAppInput"] == ["TWILIO_WHATSAPP_NUMBER"]
    assert "TELEGRAM_BOT_TOKEN" in skipped["channels.telegram.VerifiedTelegramInput"]
    enabled, _ = effective(repo_credentials(), {})
    assert list(enabled) == ["channels.rest.SafeRestInput"]


def test_resolve_expands_required_and_optional_values() -> None:
    entry = {
        "auth_token": "${TWILIO_AUTH_TOKEN}",
        "webhook_url": "${TWILIO_SMS_WEBHOOK_URL:-}",
        "x": "${NOPE:-dflt}",
        "n": 3,
    }
    settings, missing = resolve(entry, ENV)
    assert missing == [] and settings == {"auth_token": "s3cr3t-value", "webhook_url": None, "x": "dflt", "n": 3}
    assert resolve(entry, {}) == (None, ["TWILIO_AUTH_TOKEN"])


def test_generated_file_keeps_placeholders_quoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    out = tmp_path / "credentials.yml"
    assert main([str(ROOT / "credentials.yml"), str(out)]) == 0
    text = out.read_text()
    assert 'auth_token: "${TWILIO_AUTH_TOKEN}"' in text and "s3cr3t-value" not in text  # no secret on disk
    assert set(yaml.safe_load(text)) == {"channels.rest.SafeRestInput", "channels.twilio.VerifiedTwilioInput"}
    assert "not enabled: channels.slack.VerifiedSlackInput" in capsys.readouterr().out


def test_outbound_api_bases_come_from_documented_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    from channels.facebook import GRAPH, VerifiedFacebookInput
    from channels.slack import VerifiedSlackInput
    from channels.telegram import VerifiedTelegramInput
    from channels.twilio import VerifiedTwilioInput, VerifiedWhatsAppInput

    required = {
        "TWILIO_ACCOUNT_SID": "AC1",
        "TWILIO_AUTH_TOKEN": "t",
        "TWILIO_SMS_NUMBER": "+15550001111",
        "TWILIO_WHATSAPP_NUMBER": "+15550002222",
        "TELEGRAM_BOT_TOKEN": "1:x",
        "TELEGRAM_SECRET_TOKEN": "s",
        "FACEBOOK_VERIFY_TOKEN": "v",
        "FACEBOOK_APP_SECRET": "a",
        "FACEBOOK_PAGE_ACCESS_TOKEN": "p",
        "SLACK_BOT_TOKEN": "xoxb-1",
        "SLACK_SIGNING_SECRET": "s",
    }
    bases = {
        "MBC_TWILIO_API_BASE": "http://127.0.0.1:9001",
        "MBC_TELEGRAM_API_BASE": "http://127.0.0.1:9002",
        "MBC_FACEBOOK_API_BASE": "http://127.0.0.1:9003",
        "MBC_SLACK_API_BASE": "http://127.0.0.1:9004/api/",
    }
    for k, v in required.items():
        monkeypatch.setenv(k, v)
    for k in bases:
        monkeypatch.delenv(k, raising=False)
    creds = repo_credentials()

    def channels() -> list:
        return [
            VerifiedTwilioInput.from_credentials(creds["channels.twilio.VerifiedTwilioInput"]),
            VerifiedWhatsAppInput.from_credentials(creds["channels.twilio.VerifiedWhatsAppInput"]),
            VerifiedTelegramInput.from_credentials(creds["channels.telegram.VerifiedTelegramInput"]),
            VerifiedFacebookInput.from_credentials(creds["channels.facebook.VerifiedFacebookInput"]),
            VerifiedSlackInput.from_credentials(creds["channels.slack.VerifiedSlackInput"]),
        ]

    sms, wa, tg, fb, slack = channels()  # unset: the real platforms
    assert all(c.enabled for c in (sms, wa, tg, fb, slack))
    assert sms.api_base is None and wa.api_base is None and tg.api_base is None and slack.api_base is None
    assert fb.graph_url == GRAPH
    for k, v in bases.items():
        monkeypatch.setenv(k, v)
    sms, wa, tg, fb, slack = channels()
    assert sms.api_base == wa.api_base == bases["MBC_TWILIO_API_BASE"]
    assert tg.api_base == bases["MBC_TELEGRAM_API_BASE"] and fb.graph_url == bases["MBC_FACEBOOK_API_BASE"]
    assert slack.api_base == bases["MBC_SLACK_API_BASE"]
