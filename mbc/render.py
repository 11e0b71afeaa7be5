"""Turn an answer and its sources into what people read: text, a sources line,
structured citations, and a plain read-aloud version for volunteers."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from mbc.model import Answer, Source
from mbc.reply import AnswerPart, CitationInfo, Review


def fmt_date(day: dt.date | None) -> str:
    return f"{day:%b} {day.day}, {day.year}" if day else ""


def source_label(src: Source) -> str:
    """'LBBC, "Metastatic breast cancer", reviewed Jul 10, 2025 (lbbc.org)'."""
    when = f"reviewed {fmt_date(src.reviewed)}" if src.reviewed else "no review date given"
    label = f'{src.publisher_short}, "{src.title}", {when}'
    if src.site:
        label += f" ({src.site})"
    if src.trust == "low":
        label += " [unattributed, no references]"
    return label


def cited_sources(answer: Answer, sources: dict[str, Source]) -> list[Source]:
    seen: dict[str, Source] = {}
    for c in answer.citations:
        if c.source in sources and c.source not in seen:
            seen[c.source] = sources[c.source]
    return list(seen.values())


def sources_line(answer: Answer, sources: dict[str, Source]) -> str:
    """The plain-text sources line of an answer: the same text as ``answer_text``."""
    return answer_text(answer_part(answer, sources))[1]


def citations(answer: Answer, sources: dict[str, Source]) -> list[dict[str, Any]]:
    out = []
    for c in answer.citations:
        src = sources.get(c.source)
        if src is None:
            continue
        out.append({**src.to_dict(), "source_id": src.id, "section": c.section})
    return out


@dataclass(frozen=True)
class Rendered:
    answer_id: str
    text: str  # answer body (short + detail + caveat)
    sources_text: str
    citations: list[dict[str, Any]]

    @property
    def message(self) -> str:
        """What a plain-text channel shows: the answer, then its sources."""
        return f"{self.text}\n\n{self.sources_text}"

    def payload(self) -> dict[str, Any]:
        return {
            "type": "answer",
            "answer_id": self.answer_id,
            "sources_text": self.sources_text,
            "citations": self.citations,
        }


def render(answer: Answer, sources: dict[str, Source], with_detail: bool = True) -> Rendered:
    parts = [answer.short]
    if with_detail and answer.detail:
        parts.append(answer.detail)
    if answer.caveat:
        parts.append(f"Please note: {answer.caveat}")
    return Rendered(
        answer_id=answer.id,
        text="\n\n".join(parts),
        sources_text=sources_line(answer, sources),
        citations=citations(answer, sources),
    )


def plain_text(answer: Answer | AnswerPart, sources: dict[str, Source] | None = None) -> str:
    """One paragraph to read aloud or paste into a text message: no markup, no line
    breaks; each source, then the review status."""
    part = answer if isinstance(answer, AnswerPart) else answer_part(answer, sources or {})
    body = " ".join(p for p in (part.short, part.detail, part.caveat) if p)
    src = label("source", part.lang)
    cites = " ".join(f"{src}: {text}." for text in citation_labels(part.citations, part.lang))
    return " ".join(" ".join(x for x in (body, cites, f"{review_label(part.review, part.lang)}.") if x).split())


def review_of(answer: Answer, lang: str = "en") -> Review:
    """The truthful review status: "reviewed" only with a named clinician's sign-off that
    still covers the text as it is now (mbc.review: a changed answer is a draft again).
    A translation has its own sign-off: a Spanish text is a draft until a reviewer who
    reads Spanish signed it, whatever the English says."""
    from mbc.review import is_signed

    signed = is_signed(answer, lang)
    t = answer.text_in(lang) if lang != "en" else None
    by, on = (t.reviewed_by, t.reviewed_on) if t else (answer.reviewed_by, answer.reviewed_on)
    return Review(
        status="reviewed" if signed else "draft",
        reviewed_by=by or None if signed else None,
        reviewed_on=on.isoformat() if signed and on else None,
        checked_on=answer.reviewed.isoformat() if answer.reviewed else None,
    )


def answer_part(answer: Answer, sources: dict[str, Source], simple: bool = False, lang: str = "en") -> AnswerPart:
    """The structured form of an answer that every client renders from."""
    cites = tuple(
        CitationInfo(
            source_id=src.id,
            publisher=src.publisher,
            publisher_short=src.publisher_short_es if lang == "es" and src.publisher_short_es else src.publisher_short,
            title=src.title,
            site=src.site,
            url=src.url,
            section=c.section,
            reviewed=src.reviewed.isoformat() if src.reviewed else None,
            reviewers=src.reviewers,
            trust=src.trust,
        )
        for c in answer.citations
        if (src := sources.get(c.source)) is not None
    )
    t = answer.text_in(lang) if lang != "en" else None
    text = t or answer
    short = text.simple if simple and text.simple else text.short
    return AnswerPart(
        id=answer.id,
        question=text.question,
        short=short,
        detail="" if simple else text.detail,
        caveat=text.caveat,
        citations=cites,
        review=review_of(answer, t.lang if t else "en"),
        lang=t.lang if t else "en",
    )


# --- what every client shows, from the structured reply ----------------------------------
# One formatter per output kind: plain text here (REST text, chat channels, the terminal,
# the volunteers' copy), SMS in channels/sms.py, HTML in widget/widget.js (the lookup page
# uses the same one). The review wording lives only here; the payload carries it as
# ``review.label`` for the widget and the lookup page.

REVIEW_DRAFT = "Written from our sources by our team; not yet reviewed by a clinician"
# The same labels in Spanish (issue 12). Sources stay English and say so.
LABELS_ES = {
    "review_draft": "Texto en español escrito por nuestro equipo a partir de nuestras fuentes; "
    "todavía no lo revisó un profesional de la salud",
    "review_signed": "Revisado por {name} el {date}",
    "review_signed_undated": "Revisado por {name}",
    "checked": "Nuestro equipo lo comparó con sus fuentes el {date}",
    "reviewed": "revisada el {date}",
    "no_review_date": "sin fecha de revisión",
    "low_trust": "[sin autor ni referencias]",
    "in_english": "(en inglés)",
    "source": "Fuente",
    "sources": "Fuentes",
    "please_note": "Tenga en cuenta:",
    "publisher_site": "{site} (sitio de quien lo publica)",
}
LABELS_EN = {
    "review_signed": "Reviewed by {name} on {date}",
    "review_signed_undated": "Reviewed by {name}",
    "checked": "Checked by our team against its sources {date}",
    "reviewed": "reviewed {date}",
    "no_review_date": "no review date given",
    "low_trust": "[unattributed, no references]",
    "in_english": "",
    "source": "Source",
    "sources": "Sources",
    "please_note": "Please note:",
    "publisher_site": "{site} (publisher's site)",
    "review_draft": REVIEW_DRAFT,
}
_MONTHS_ES = ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre").split()


def label(name: str, lang: str = "en") -> str:
    """A fixed label of the answer block in ``lang`` ("es"), English otherwise."""
    return (LABELS_ES if lang == "es" else LABELS_EN)[name]


def fmt_date_in(day: dt.date | None, lang: str = "en") -> str:
    if not day:
        return ""
    if lang == "es":
        return f"{day.day} de {_MONTHS_ES[day.month - 1]} de {day.year}"
    return fmt_date(day)


REVIEW_SIGNED = "Reviewed by {name} on {date}"
REVIEW_SIGNED_UNDATED = "Reviewed by {name}"
CHECKED = "Checked by our team against its sources {date}"
PUBLISHER_SITE = "{site} (publisher's site)"  # links go to the publisher's home page, not the page cited
LOW_TRUST = "[unattributed, no references]"
NO_REVIEW_DATE = "no review date given"


def iso_date(value: object) -> dt.date | None:
    """'2025-07-10' -> a date; None for anything else (never raises)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def review_label(review: Review, lang: str = "en") -> str:
    """The truthful review status: draft until a named clinician signed."""
    if review.status == "reviewed" and review.reviewed_by:
        day = iso_date(review.reviewed_on)
        if day:
            return label("review_signed", lang).format(name=review.reviewed_by, date=fmt_date_in(day, lang))
        return label("review_signed_undated", lang).format(name=review.reviewed_by)
    return label("review_draft", lang)


def checked_label(review: Review, lang: str = "en") -> str:
    day = iso_date(review.checked_on)
    return label("checked", lang).format(date=fmt_date_in(day, lang)) if day else ""


def citation_label(c: CitationInfo, lang: str = "en") -> str:
    """The plain-text label of one cited source:
    'LBBC, "Metastatic breast cancer", reviewed Jul 10, 2025 (lbbc.org)'; for a Spanish
    reply, in Spanish and marked "(en inglés)"."""
    day = iso_date(c.reviewed)
    when = label("reviewed", lang).format(date=fmt_date_in(day, lang)) if day else label("no_review_date", lang)
    text = f"{c.publisher_short or c.publisher or 'Unnamed source'}"
    if c.title:
        text += f', "{c.title}"'
    if lang != "en" and c.language != lang and label("in_english", lang):
        text += f" {label('in_english', lang)}"
    text += f", {when}"
    if c.site:
        text += f" ({c.site})"
    if c.trust == "low":
        text += f" {label('low_trust', lang)}"
    return text


def citation_labels(citations: tuple[CitationInfo, ...], lang: str = "en") -> list[str]:
    """One label per source (an answer cites a source once per section)."""
    return list(dict.fromkeys(citation_label(c, lang) for c in citations))


def answer_body(part: AnswerPart) -> str:
    body = [part.short]
    if part.detail:
        body.append(part.detail)
    if part.caveat:
        body.append(f"{label('please_note', part.lang)} {part.caveat}")
    return "\n\n".join(b for b in body if b)


def answer_text(part: AnswerPart) -> tuple[str, str]:
    """(body, sources line) of an answer part, for plain-text clients. The sources line
    names each source, then the review status, then when our team last checked it."""
    labels = "; ".join(citation_labels(part.citations, part.lang))
    line = f"{label('sources', part.lang)}: {labels}. " if labels else ""
    line += f"{review_label(part.review, part.lang)}."
    if checked := checked_label(part.review, part.lang):
        line += f" {checked}."
    return answer_body(part), line


def answer_payload(part: AnswerPart) -> dict[str, Any]:
    """An answer part's JSON form (as in the ``reply`` payload), with the wording clients
    show, in the part's language: ``review.label``, ``review.checked``, each citation's
    ``label`` and ``labels.sources``."""
    data = asdict(part)
    data["review"]["label"] = review_label(part.review, part.lang)
    data["review"]["checked"] = checked_label(part.review, part.lang)
    for c, raw in zip(part.citations, data["citations"], strict=True):
        raw["label"] = citation_label(c, part.lang)
    data["labels"] = {"sources": label("sources", part.lang), "source": label("source", part.lang)}
    return data


def part_from_payload(data: dict[str, Any]) -> AnswerPart:
    """An answer part back from its JSON form (the ``reply`` payload), for clients that
    receive it over the wire. Missing or malformed fields become empty, never an error."""

    def s(value: object) -> str:
        return value if isinstance(value, str) else ""

    def opt(value: object) -> str | None:
        return value if isinstance(value, str) and value else None

    raw_review = data.get("review")
    review: dict[str, Any] = raw_review if isinstance(raw_review, dict) else {}
    cites = tuple(
        CitationInfo(
            source_id=s(c.get("source_id")),
            publisher=s(c.get("publisher")),
            publisher_short=s(c.get("publisher_short")),
            title=s(c.get("title")),
            site=opt(c.get("site")),
            url=opt(c.get("url")),
            section=s(c.get("section")),
            reviewed=opt(c.get("reviewed")),
            reviewers=tuple(r for r in c.get("reviewers") or () if isinstance(r, str)),
            trust=s(c.get("trust")),
            language=s(c.get("language")) or "en",
        )
        for c in data.get("citations") or ()
        if isinstance(c, dict)
    )
    return AnswerPart(
        id=s(data.get("id")),
        question=s(data.get("question")),
        short=s(data.get("short")),
        detail=s(data.get("detail")),
        caveat=s(data.get("caveat")),
        citations=cites,
        review=Review(
            status="reviewed" if review.get("status") == "reviewed" else "draft",
            reviewed_by=opt(review.get("reviewed_by")),
            reviewed_on=opt(review.get("reviewed_on")),
            checked_on=opt(review.get("checked_on")),
        ),
        lang="es" if data.get("lang") == "es" else "en",
    )
