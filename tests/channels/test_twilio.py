"""SMS and WhatsApp through Twilio: signed webhooks into the real bot, outbound calls
checked on a local fake of the Twilio REST API."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from channels import texts
from channels.limits import EMPTY_REPLY
from channels.sms import is_gsm, segments
from channels.state import ChannelState
from mbc.privacy import conversation_key
from tests.channels import fakes
from tests.channels.conftest import TWILIO_PUBLIC_URL, ChannelBot
from tests.channels.fakes import FakePlatforms, twilio_form, twilio_signature
from tests.servers import texts as rest_texts

SMS_PATH = "/webhooks/twilio/webhook"
WA_PATH = "/webhooks/whatsapp/webhook"


def phone(uid: str) -> str:
    return "+1555" + str(int(uid, 16))[-7:].rjust(7, "0")


def sms(bot: ChannelBot, platforms: FakePlatforms, sender: str, body: str, expect: int | None = 1) -> list[str]:
    """Send a signed SMS webhook; return the bodies of the SMS the bot sent back."""
    before = len(platforms.find("twilio", lambda c: c.data["To"] == sender))
    form = twilio_form(sender, body)
    r = bot.post(
        SMS_PATH,
        fakes.form_body(form),
        {"X-Twilio-Signature": twilio_signature(TWILIO_PUBLIC_URL, form)},
        "application/x-www-form-urlencoded",
    )
    assert r.status_code == 200, r.text
    assert "<Response>" in r.text
    if expect == 0:
        return [c.data["Body"] for c in platforms.find("twilio", lambda c: c.data["To"] == sender)[before:]]
    calls = platforms.wait_for("twilio", lambda c: c.data["To"] == sender, count=before + (expect or 1))
    return [c.data["Body"] for c in calls[before:]]


def sms_all(bot: ChannelBot, platforms: FakePlatforms, sender: str, body: str) -> list[str]:
    """Send a message, then MORE until the whole turn has arrived."""
    pages = sms(bot, platforms, sender, body)
    while pages[-1].endswith(texts.MORE_SUFFIX):
        pages += sms(bot, platforms, sender, "more")
        assert len(pages) < 20
    return pages


def whatsapp(bot: ChannelBot, platforms: FakePlatforms, sender: str, body: str) -> list[str]:
    before = len(platforms.find("twilio", lambda c: c.data["To"] == sender))
    form = twilio_form(sender, body, to=f"whatsapp:{fakes.TWILIO_WHATSAPP_NUMBER}")
    url = f"{bot.url}{WA_PATH}"  # no public URL configured: the request URL is signed
    r = bot.post(
        WA_PATH,
        fakes.form_body(form),
        {"X-Twilio-Signature": twilio_signature(url, form)},
        "application/x-www-form-urlencoded",
    )
    assert r.status_code == 200, r.text
    calls = platforms.wait_for("twilio", lambda c: c.data["To"] == sender, count=before + 1)
    return [c.data["Body"] for c in calls[before:]]


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9']+", text)


def test_long_answer_is_paged_with_short_source_lines_and_more(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = phone(uid)
    question = "should I stop taking my tamoxifen?"
    pages = sms_all(channel_bot, platforms, sender, question)
    assert pages[0].endswith(texts.MORE_SUFFIX) or pages[1].endswith(texts.MORE_SUFFIX)
    for page in pages:
        assert segments(page) <= 3 and is_gsm(page), page
        assert "Sources:" not in page and "<" not in page and "**" not in page
    body = "\n".join(pages)
    assert "Source: LBBC, Metastatic breast cancer, reviewed Jul 2025 - lbbc.org" in body
    assert "Source: Healthline, Understanding Metastatic Breast Cancer, no review date - healthline.com" in body
    assert body.count("Source: LBBC") == body.count(
        "Source: LBBC, Metastatic breast cancer, reviewed Jul 2025 - lbbc.org"
    )
    # nothing lost, nothing cut mid-word: the same turn over REST, word for word
    rest = rest_texts(channel_bot.say(f"rest-{uid}", question))
    rest = "\n".join(line for line in rest.splitlines() if not line.startswith("Sources:"))
    kept = [w for w in words(body.replace(texts.MORE_SUFFIX, "")) if w not in {"Source"}]
    for w in words(rest):
        assert w in kept, w
    assert " ".join(words(rest))[:400] in " ".join(words(body))
    # and once everything is sent, MORE says so
    assert sms(channel_bot, platforms, sender, "MORE") == [texts.NO_MORE]


def test_buttons_become_numbered_choices_and_a_number_picks_one(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = phone(uid)
    sms(channel_bot, platforms, sender, "hello")
    [menu] = sms(channel_bot, platforms, sender, "what can you do?")
    assert "1. Where does it spread?" in menu and "5. Where can I find support?" in menu
    assert menu.endswith("Reply 1, 2, 3, 4 or 5.")
    answer = "\n".join(sms_all(channel_bot, platforms, sender, "1"))
    assert "bone" in answer.lower() and "Source: " in answer
    # a number with no choices on offer is just text for the bot: an uncited reply, not a crash
    replies = sms(channel_bot, platforms, sender, "7")
    assert replies and all(r.strip() and "Source:" not in r for r in replies), replies


def test_wrong_or_missing_signature_is_403_and_nothing_is_sent(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = phone(uid)
    form = twilio_form(sender, "where does breast cancer spread?")
    body = fakes.form_body(form)
    wrong = twilio_signature(TWILIO_PUBLIC_URL, form, token="not-the-token")
    for headers in (
        {"X-Twilio-Signature": wrong},
        {},
        {"X-Twilio-Signature": twilio_signature(TWILIO_PUBLIC_URL, {**form, "Body": "x"})},
    ):
        r = channel_bot.post(SMS_PATH, body, headers, "application/x-www-form-urlencoded")
        assert r.status_code == 403
    r = channel_bot.post(WA_PATH, body, {"X-Twilio-Signature": wrong}, "application/x-www-form-urlencoded")
    assert r.status_code == 403
    assert platforms.find("twilio", lambda c: c.data["To"] == sender) == []


def test_limits_apply(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    sender = phone(uid)
    [reply] = sms(channel_bot, platforms, sender, "why " * 600)
    assert reply.startswith("Sorry, that message is too long")
    assert sms(channel_bot, platforms, sender, "   ") == [EMPTY_REPLY]
    form = twilio_form(sender, "hi")
    del form["From"]
    r = channel_bot.post(
        SMS_PATH,
        fakes.form_body(form),
        {"X-Twilio-Signature": twilio_signature(TWILIO_PUBLIC_URL, form)},
        "application/x-www-form-urlencoded",
    )
    assert r.status_code == 400 and "From" in r.json()["error"]


def test_stop_help_start(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    sender = phone(uid)
    [stopped] = sms(channel_bot, platforms, sender, "STOP")
    assert "unsubscribed" in stopped and "START" in stopped
    assert sms(channel_bot, platforms, sender, "where does breast cancer spread?", expect=0) == []
    assert sms(channel_bot, platforms, sender, "HELP", expect=0) == []
    # the opt-out is in the database (the tracker store's): a fresh process sees it
    db = Path(channel_bot.workdir) / "tracker.db"
    key = conversation_key("twilio", sender)  # kept under the number's HMAC, never the number
    assert ChannelState.from_url(f"sqlite:///{db}").is_opted_out("twilio", key)
    assert not ChannelState.from_url(f"sqlite:///{db}").is_opted_out("twilio", sender)
    [started] = sms(channel_bot, platforms, sender, "Start")
    assert "subscribed" in started
    assert not ChannelState.from_url(f"sqlite:///{db}").is_opted_out("twilio", key)
    [helped] = sms(channel_bot, platforms, sender, "help")
    assert "(888) 753-5222" in helped and "Reply STOP to opt out" in helped and segments(helped) <= 2
    assert "Source: " in "\n".join(sms_all(channel_bot, platforms, sender, "what is a bone scan?"))


@pytest.mark.parametrize("word", ["stop", "Unsubscribe"])
def test_stop_words_opt_out_on_whatsapp_too(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str, word: str
) -> None:
    sender = f"whatsapp:{phone(uid)}"
    [stopped] = whatsapp(channel_bot, platforms, sender, word)
    assert "unsubscribed" in stopped


def test_whatsapp_numbered_choices_and_long_answers(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = f"whatsapp:{phone(uid)}"
    whatsapp(channel_bot, platforms, sender, "hi")
    sent = platforms.find("twilio", lambda c: c.data["To"] == sender)
    assert all(c.data["From"] == f"whatsapp:{fakes.TWILIO_WHATSAPP_NUMBER}" for c in sent)
    menu = whatsapp(channel_bot, platforms, sender, "what can you do?")[-1]
    assert menu.endswith("Reply 1, 2, 3, 4 or 5.")
    answer = "\n".join(whatsapp(channel_bot, platforms, sender, "2"))
    assert "Source: " in answer and "Sources:" not in answer
    assert '", ' in answer  # WhatsApp: the plain-text formatter (titles in quotes), not the SMS one
    long = whatsapp(channel_bot, platforms, sender, "should I stop taking my tamoxifen?")
    assert all(len(m) <= 4096 for m in long)
    assert not any(texts.MORE_SUFFIX in m for m in long)


# --- webhooks shaped like Twilio's documented requests, blank fields included ------------


def post_signed(bot: ChannelBot, path: str, form: dict[str, str], url: str, token: str = fakes.TWILIO_TOKEN):  # type: ignore[no-untyped-def]
    """POST the form exactly as Twilio does: signed over every parameter, blank ones too."""
    return bot.post(
        path,
        fakes.form_body(form),
        {"X-Twilio-Signature": twilio_signature(url, form, token)},
        "application/x-www-form-urlencoded",
    )


def test_signed_sms_with_blank_fields_gets_an_answer(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = phone(uid)
    form = fakes.twilio_webhook(sender, "what is a bone scan?")
    assert [k for k, v in form.items() if v == ""]  # FromCity=, FromZip=, MessagingServiceSid= ...
    assert "FromCity=&" in fakes.form_body(form).decode()
    r = post_signed(channel_bot, SMS_PATH, form, TWILIO_PUBLIC_URL)
    assert r.status_code == 200, r.text
    calls = platforms.wait_for("twilio", lambda c: c.data["To"] == sender)
    assert "bone scan" in "\n".join(c.data["Body"] for c in calls).lower()


def test_signed_whatsapp_with_blank_fields_gets_an_answer(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = f"whatsapp:{phone(uid)}"
    form = fakes.twilio_webhook(sender, "what is a bone scan?", to=f"whatsapp:{fakes.TWILIO_WHATSAPP_NUMBER}")
    assert form["ProfileName"] == "" and form["ToCity"] == ""
    r = post_signed(channel_bot, WA_PATH, form, f"{channel_bot.url}{WA_PATH}")
    assert r.status_code == 200, r.text
    calls = platforms.wait_for("twilio", lambda c: c.data["To"] == sender)
    assert "bone scan" in "\n".join(c.data["Body"] for c in calls).lower()


def test_signed_photo_only_mms_gets_the_empty_message_reply(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = phone(uid)
    form = fakes.twilio_webhook(sender, "", media=1)
    assert form["Body"] == "" and form["NumMedia"] == "1" and "MediaUrl0" in form
    r = post_signed(channel_bot, SMS_PATH, form, TWILIO_PUBLIC_URL)
    assert r.status_code == 200, r.text
    [call] = platforms.wait_for("twilio", lambda c: c.data["To"] == sender)
    assert call.data["Body"] == EMPTY_REPLY


def test_wrongly_signed_webhook_with_blank_fields_is_still_403(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = phone(uid)
    form = fakes.twilio_webhook(sender, "what is a bone scan?")
    assert post_signed(channel_bot, SMS_PATH, form, TWILIO_PUBLIC_URL, token="not-the-token").status_code == 403
    # signed without the blank fields (what checking over request.form amounted to): refused too
    unsigned_blanks = {k: v for k, v in form.items() if v}
    sig = twilio_signature(TWILIO_PUBLIC_URL, unsigned_blanks)
    r = channel_bot.post(
        SMS_PATH, fakes.form_body(form), {"X-Twilio-Signature": sig}, "application/x-www-form-urlencoded"
    )
    assert r.status_code == 403
    wa = fakes.twilio_webhook(f"whatsapp:{sender}", "hi", to=f"whatsapp:{fakes.TWILIO_WHATSAPP_NUMBER}")
    assert post_signed(channel_bot, WA_PATH, wa, f"{channel_bot.url}{WA_PATH}", token="nope").status_code == 403
    assert platforms.find("twilio", lambda c: c.data["To"] in (sender, f"whatsapp:{sender}")) == []
