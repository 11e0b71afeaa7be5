"""SMS specifics, plain Python: the SMS citation formatter, GSM-7 text, segment
counting, carrier keywords, number replies and "Reply MORE" paging."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from channels import texts
from channels.render import split_text
from mbc.render import iso_date, review_label
from mbc.reply import AnswerPart, CitationInfo

# GSM 03.38 basic character set and its extension table (extension characters cost 2)
GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = set("^{}\\[~]|€\f")
GSM_SINGLE, GSM_MULTI = 160, 153  # characters per segment, alone / in a long message
UCS2_SINGLE, UCS2_MULTI = 70, 67
MAX_SEGMENTS = 3  # per SMS we send; the rest waits for "MORE"

# Characters our texts may contain that would switch a whole SMS to UCS-2 (70 chars a segment)
_TO_GSM = {
    "\u2014": "-",
    "\u2013": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2026": "...",
    "\u2022": "-",
    "\u00b7": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u200b": "",
    "\ufeff": "",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u00d7": "x",
    "\u00b1": "+/-",
    "\u00b0": " degrees",
    "\u00ae": "(R)",
    "\u2122": "(TM)",
    "\u00a9": "(c)",
    "\u00e1": "a",
    "\u00e2": "a",
    "\u00e3": "a",
    "\u00ea": "e",
    "\u00eb": "e",
    "\u00ed": "i",
    "\u00ee": "i",
    "\u00ef": "i",
    "\u00f3": "o",
    "\u00f4": "o",
    "\u00f5": "o",
    "\u00fa": "u",
    "\u00fb": "u",
    "\u00e7": "c",
    "\u00c1": "A",
    "\u00c0": "A",
    "\u00c8": "E",
    "\u00cd": "I",
    "\u00d3": "O",
    "\u00da": "U",
}


def to_gsm(text: str) -> str:
    """Replace typographic characters with GSM-7 ones (keeps an SMS at 153 chars a segment).
    Characters with no GSM equivalent are kept; the SMS is then sent as UCS-2."""
    return "".join(_TO_GSM.get(ch, ch) for ch in text)


def is_gsm(text: str) -> bool:
    return all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in text)


def segments(text: str) -> int:
    """How many SMS segments a text costs."""
    if not text:
        return 1
    if is_gsm(text):
        units = sum(2 if ch in GSM_EXTENDED else 1 for ch in text)
        return 1 if units <= GSM_SINGLE else math.ceil(units / GSM_MULTI)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= UCS2_SINGLE else math.ceil(units / UCS2_MULTI)


def fits_segments(n: int = MAX_SEGMENTS, reserve: str = "") -> Callable[[str], bool]:
    return lambda s: segments(s + reserve) <= n


# --- sources ----------------------------------------------------------------------------


def month_year(iso: str | None) -> str | None:
    """'2025-07-10' -> 'Jul 2025'; None for a missing or malformed date."""
    day = iso_date(iso)
    return f"{day:%b} {day.year}" if day else None


_SMS_LABELS = {
    "en": {"source": "Source", "reviewed": "reviewed", "no_date": "no review date", "low": "(no references)", "in": ""},
    "es": {
        "source": "Fuente",
        "reviewed": "revisada",
        "no_date": "sin fecha",
        "low": "(sin referencias)",
        "in": "(en ingles)",
    },
}
_MONTHS_ES = "ene feb mar abr may jun jul ago sep oct nov dic".split()


def sms_citation(c: CitationInfo, lang: str = "en") -> str:
    """'Source: LBBC, Metastatic breast cancer, reviewed Jul 2025 - lbbc.org': short, GSM-7.
    In Spanish: 'Fuente: LBBC, Metastatic breast cancer (en ingles), revisada jul 2025 - lbbc.org'."""
    words = _SMS_LABELS.get(lang, _SMS_LABELS["en"])
    parts = [c.publisher_short or c.publisher or "Unknown source"]
    if c.title:
        parts.append(f"{c.title} {words['in']}".strip() if c.language != lang else c.title)
    day = iso_date(c.reviewed)
    when = (f"{_MONTHS_ES[day.month - 1]} {day.year}" if lang == "es" else month_year(c.reviewed)) if day else None
    parts.append(f"{words['reviewed']} {when}" if when else words["no_date"])
    line = f"{words['source']}: " + ", ".join(parts)
    if c.site:
        line += f" - {c.site}"
    if c.trust == "low":
        line += f" {words['low']}"
    return line


def sms_sources(part: AnswerPart) -> list[str]:
    """One short line per source (an answer cites a source once per section), then the
    review status, in the answer's language."""
    cites = dict.fromkeys(sms_citation(c, part.lang) for c in part.citations)
    return list(cites) + [f"{review_label(part.review, part.lang)}."]


def sms_feedback_prompt(prompt: str, lang: str = "en") -> str:
    """The domain's feedback prompt when it is plain GSM-7 text; otherwise (emoji would
    make the whole SMS UCS-2, 67 characters a segment instead of 153) the SMS wording."""
    converted = to_gsm(prompt.strip())
    return converted if converted and is_gsm(converted) else texts.FEEDBACK.get(lang, texts.SMS_FEEDBACK_PROMPT)


# --- keywords and number replies -------------------------------------------------------

STOP_WORDS = {"STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "OPT OUT"}
START_WORDS = {"START", "UNSTOP", "SUBSCRIBE"}
HELP_WORDS = {"HELP", "INFO"}
MORE_WORDS = {"MORE", "MORE PLEASE", "NEXT"}
HELP_WORDS_ES = {"AYUDA"}
MORE_WORDS_ES = {"MAS", "MÁS", "MAS POR FAVOR", "MÁS POR FAVOR", "SIGUIENTE"}


def keyword(text: str | None) -> str | None:
    """'stop', 'start', 'yes', 'help', 'more' for a message that is just that keyword
    (any case, surrounding spaces and punctuation ignored), else None. 'yes' only means
    START for someone who opted out; otherwise it is an ordinary answer."""
    if not text:
        return None
    word = re.sub(r"[\s.!?,'\"]+", " ", text).strip().upper()
    if word in STOP_WORDS:
        return "stop"
    if word in START_WORDS:
        return "start"
    if word == "YES":
        return "yes"
    if word in HELP_WORDS:
        return "help"
    if word in MORE_WORDS:
        return "more"
    if word in HELP_WORDS_ES:
        return "ayuda"
    if word in MORE_WORDS_ES:
        return "mas"
    return None


_NUMBER = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)]?\s*$")


def number_reply(text: str | None) -> int | None:
    """'2', ' 2. ', '#2' -> 2; anything else -> None."""
    m = _NUMBER.match(text or "")
    return int(m.group(1)) if m else None


# --- paging ------------------------------------------------------------------------------


def page_texts(texts: list[str], more_suffix: str, max_segments: int = MAX_SEGMENTS) -> tuple[list[str], list[str]]:
    """Plan the SMS for one turn: (send now, keep for MORE).

    Each bot message is its own SMS, so urgent guidance or a disclaimer is never held
    back. A message longer than ``max_segments`` is split at a sentence boundary: its
    first part goes now with ``more_suffix``; the rest of it, and any later message of
    the turn, wait for "MORE" in pages of ``max_segments`` (each but the last with the
    suffix)."""
    fits = fits_segments(max_segments)
    fits_with_more = fits_segments(max_segments, "\n" + more_suffix)
    now: list[str] = []
    waiting: list[str] = []
    for text in (to_gsm(t).strip() for t in texts):
        if not text:
            continue
        if waiting:
            waiting.append(text)
        elif fits(text):
            now.append(text)
        else:
            first = split_text(text, fits_with_more)[0]
            now.append(with_more(first, more_suffix))
            waiting.append(text[len(first) :].strip())
    later = split_text("\n\n".join(t for t in waiting if t), fits_with_more, fits) if waiting else []
    return now, later


def with_more(page: str, more_suffix: str) -> str:
    return f"{page}\n{more_suffix}"


def next_page(pending: list[str], more_suffix: str) -> tuple[str | None, list[str]]:
    """The page to send for "MORE" (with the suffix if others remain) and what remains."""
    if not pending:
        return None, []
    page, rest = pending[0], pending[1:]
    return (with_more(page, more_suffix) if rest else page), rest
