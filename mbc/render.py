"""Turn an answer and its sources into what people read: text, a sources line,
structured citations, and a plain read-aloud version for volunteers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
    labels = "; ".join(source_label(s) for s in cited_sources(answer, sources))
    checked = f" Checked by our team {fmt_date(answer.reviewed)}." if answer.reviewed else ""
    return f"Sources: {labels}.{checked}"


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


def plain_text(answer: Answer, sources: dict[str, Source]) -> str:
    """A version to read aloud or paste into a text message: no markup, short source names."""
    body = " ".join(p for p in (answer.short, answer.detail, answer.caveat) if p)
    names = ", ".join(
        f"{s.publisher_short}" + (f" ({s.site})" if s.site else "") for s in cited_sources(answer, sources)
    )
    return f"{body} Source: {names}."


def review_of(answer: Answer) -> Review:
    """The truthful review status: "reviewed" only with a named clinician's sign-off that
    still covers the text as it is now (mbc.review: a changed answer is a draft again)."""
    from mbc.review import is_signed

    signed = is_signed(answer)
    return Review(
        status="reviewed" if signed else "draft",
        reviewed_by=answer.reviewed_by or None if signed else None,
        reviewed_on=answer.reviewed_on.isoformat() if signed and answer.reviewed_on else None,
        checked_on=answer.reviewed.isoformat() if answer.reviewed else None,
    )


def answer_part(answer: Answer, sources: dict[str, Source], simple: bool = False) -> AnswerPart:
    """The structured form of an answer that every client renders from."""
    cites = tuple(
        CitationInfo(
            source_id=src.id,
            publisher=src.publisher,
            publisher_short=src.publisher_short,
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
    short = answer.simple if simple and answer.simple else answer.short
    return AnswerPart(
        id=answer.id,
        question=answer.question,
        short=short,
        detail="" if simple else answer.detail,
        caveat=answer.caveat,
        citations=cites,
        review=review_of(answer),
    )


def citation_label(c: CitationInfo) -> str:
    """The same label as ``source_label``, from a reply's structured citation."""
    day = dt.date.fromisoformat(c.reviewed) if c.reviewed else None
    when = f"reviewed {fmt_date(day)}" if day else "no review date given"
    label = f'{c.publisher_short}, "{c.title}", {when}'
    if c.site:
        label += f" ({c.site})"
    if c.trust == "low":
        label += " [unattributed, no references]"
    return label


def answer_text(part: AnswerPart) -> tuple[str, str]:
    """(body, sources line) of an answer part, for plain-text clients."""
    body = [part.short]
    if part.detail:
        body.append(part.detail)
    if part.caveat:
        body.append(f"Please note: {part.caveat}")
    labels = "; ".join(dict.fromkeys(citation_label(c) for c in part.citations))
    checked = part.review.checked_on
    stamp = f" Checked by our team {fmt_date(dt.date.fromisoformat(checked))}." if checked else ""
    return "\n\n".join(body), f"Sources: {labels}.{stamp}"
