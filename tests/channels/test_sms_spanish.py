"""SMS in Spanish against the fake Twilio (issue 12): ESPAÑOL / ENGLISH switch the
language, a Spanish answer arrives whole in GSM-7 pages with Spanish source lines, MÁS
pages on, and the segment counts are measured (GSM-7 at 153 characters a segment versus
UCS-2 at 67, had the accents been kept)."""

from __future__ import annotations

import re

from channels import texts
from channels.sms import is_gsm, segments, to_gsm
from tests.channels.conftest import ChannelBot
from tests.channels.fakes import FakePlatforms
from tests.channels.test_twilio import phone, sms, words
from tests.servers import texts as rest_texts


def sms_all_es(bot: ChannelBot, platforms: FakePlatforms, sender: str, body: str) -> list[str]:
    pages = sms(bot, platforms, sender, body)
    while pages[-1].endswith(texts.MORE_SUFFIX_ES):
        pages += sms(bot, platforms, sender, "MÁS")
        assert len(pages) < 20
    return pages


def test_espanol_switches_to_spanish_and_english_switches_back(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = phone(uid)
    hello = "\n".join(sms(channel_bot, platforms, sender, "ESPAÑOL", expect=None))
    assert "Hola" in hello and "informacion general" in hello.lower(), hello
    # a short, unclear message now follows the Spanish preference
    answer = "\n".join(sms_all_es(channel_bot, platforms, sender, "que es la terapia hormonal"))
    assert re.search(r"^Fuente: (LBBC|Healthline|Articulo sin autor), .+ \(en ingles\), ", answer, re.M), answer
    assert "Source:" not in answer and "Unattributed" not in answer
    assert "todavia no lo reviso un profesional de la salud" in answer
    back = "\n".join(sms(channel_bot, platforms, sender, "ENGLISH", expect=None))
    assert back.startswith("Hello") and "Hola" not in back, back


def test_a_spanish_answer_is_paged_in_gsm7_with_nothing_lost_and_the_segments_measured(
    channel_bot: ChannelBot, platforms: FakePlatforms, uid: str
) -> None:
    sender = phone(uid)
    question = "¿cuáles son los efectos secundarios de la quimioterapia? mi mamá empieza la semana que viene"
    pages = sms_all_es(channel_bot, platforms, sender, question)
    assert len(pages) >= 2, "a long answer is paged"
    for page in pages:
        assert is_gsm(page) and segments(page) <= 3, page  # ñ, é, ¿ and ¡ are GSM-7; á í ó ú lose the accent
    body = "\n".join(pages)
    assert "Fuente: " in body and "Source:" not in body and "(en ingles)" in body
    assert "no es un consejo médico" in pages[0] and "30 dias" in pages[0], "the first note, in Spanish"
    assert "not medical advice" not in body
    assert any(texts.MORE_SUFFIX_ES in p for p in pages)
    # Nothing lost or cut mid-word: the same turn over REST, word for word (accents folded).
    rest = rest_texts(channel_bot.say(f"rest-{uid}", question))
    rest = "\n".join(line for line in rest.splitlines() if not line.startswith("Fuentes:"))
    kept = set(words(to_gsm(body)))
    missing = [w for w in words(to_gsm(rest)) if w not in kept]
    assert not missing, missing[:10]
    # What the accents would have cost: the same text as UCS-2 (70 / 67 characters a segment).
    gsm = sum(segments(p) for p in pages)
    as_sent_with_accents = rest.replace("\n\n", "\n")
    ucs2 = segments(as_sent_with_accents) if not is_gsm(as_sent_with_accents) else gsm
    print(f"\nSpanish SMS answer: {len(pages)} messages, {gsm} GSM-7 segments; with accents (UCS-2): {ucs2} segments")
    assert ucs2 > gsm
    assert sms(channel_bot, platforms, sender, "MAS") == [to_gsm(texts.NO_MORE_ES)]


def test_ayuda_gets_the_spanish_help_text(channel_bot: ChannelBot, platforms: FakePlatforms, uid: str) -> None:
    sender = phone(uid)
    [help_text] = sms(channel_bot, platforms, sender, "AYUDA")
    assert help_text == texts.SMS_HELP_ES and "911" in help_text and "(888) 753-5222" in help_text


def test_segment_counts_of_accented_spanish() -> None:
    text = "La metástasis ósea puede causar dolor en la cadera, la columna o las costillas. " * 3
    assert not is_gsm(text) and segments(text) == 4  # UCS-2: 240 characters, 67 a segment
    assert is_gsm(to_gsm(text)) and segments(to_gsm(text)) == 2  # GSM-7: 153 a segment
    assert to_gsm("¿Qué año? ¡Sí, señora!") == "¿Qué año? ¡Si, señora!"  # é and ñ are GSM-7
