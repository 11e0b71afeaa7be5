"""Turn an answer and its sources into what people read: text, a sources line,
structured citations, and a plain read-aloud version for volunteers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mbc.model import Answer, Source


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
        f"{s.publisher_short}" + (f" ({s.site})" if s.site else "")
        for s in cited_sources(answer, sources)
    )
    return f"{body} Source: {names}."
