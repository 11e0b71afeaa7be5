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
    channels = {k: v for k, v in creds.items() if k.startswith(("channels.twilio", "channels.telegram", "channels.facebook", "channels.slack"))}
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
    entry = {"auth_token": "${TWILIO_AUTH_TOKEN}", "webhook_url": "${TWILIO_SMS_WEBHOOK_URL:-}", "x": "${NOPE:-dflt}", "n": 3}
    settings, missing = resolve(entry, ENV)
    assert missing == [] and settings == {"auth_token": "s3cr3t-value", "webhook_url": None, "x": "dflt", "n": 3}
    assert resolve(entry, {}) == (None, ["TWILIO_AUTH_TOKEN"])


def test_generated_file_keeps_placeholders_quoted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    out = tmp_path / "credentials.yml"
    assert main([str(ROOT / "credentials.yml"), str(out)]) == 0
    text = out.read_text()
    assert 'auth_token: "${TWILIO_AUTH_TOKEN}"' in text and "s3cr3t-value" not in text  # no secret on disk
    assert set(yaml.safe_load(text)) == {"channels.rest.SafeRestInput", "channels.twilio.VerifiedTwilioInput"}
    assert "not enabled: channels.slack.VerifiedSlackInput" in capsys.readouterr().out
