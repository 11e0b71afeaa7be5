"""Answers are shown with their sources, review dates and trust caveats."""

from __future__ import annotations


def test_every_answer_renders_with_sources_and_dates(kb) -> None:
    for answer in kb.answers.values():
        r = kb.render(answer)
        assert r.text.startswith(answer.short)
        assert r.sources_text.startswith("Sources: ")
        assert "Checked by our team" in r.sources_text
        assert r.citations and all(c["title"] and c["publisher"] for c in r.citations)
        assert r.payload()["answer_id"] == answer.id


def test_lbbc_source_line_names_its_review_date(kb) -> None:
    answer = next(a for a in kb.answers.values() if {c.source for c in a.citations} == {"lbbc"})
    line = kb.render(answer).sources_text
    assert 'LBBC, "Metastatic breast cancer", reviewed Jul 10, 2025 (lbbc.org)' in line


def test_undated_and_unattributed_sources_say_so(kb) -> None:
    healthline = next(a for a in kb.answers.values() if any(c.source == "healthline" for c in a.citations))
    assert "Healthline" in kb.render(healthline).sources_text
    assert "no review date given" in kb.render(healthline).sources_text
    unattributed = next(a for a in kb.answers.values() if any(c.source == "unattributed" for c in a.citations))
    assert "[unattributed, no references]" in kb.render(unattributed).sources_text


def test_plain_text_has_no_markup(kb) -> None:
    from mbc.render import plain_text

    for answer in kb.answers.values():
        text = plain_text(answer, kb.sources)
        assert "<" not in text and "**" not in text and "\n" not in text
        assert "Source:" in text
