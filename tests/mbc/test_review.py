"""Clinician sign-off: `mbc review` records it in the YAML without touching anything else,
and a signed answer whose text changes is shown as a draft again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mbc import paths
from mbc.loader import load_corpus
from mbc.model import Answer
from mbc.render import answer_part, review_of
from mbc.review import REVIEW_KEYS, ReviewError, is_signed, reviewer_problem, set_review_keys, sign, signed_hash

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    shutil.copytree(paths.knowledge_dir(), tmp_path / "k")
    return tmp_path / "k"


def cli(*args: str, store: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mbc", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "MBC_KNOWLEDGE_DIR": str(store)},
    )


def answer(store: Path, answer_id: str) -> Answer:
    return next(a for a in load_corpus(store).answers if a.id == answer_id)


def records(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in yaml.safe_load(path.read_text())["answers"]}


def test_review_records_the_sign_off_and_changes_nothing_else(store: Path) -> None:
    path = store / "answers" / "symptoms.yml"
    before_text, before = path.read_text(), records(path)
    first = dt.date.today()
    r = cli("review", "symptoms-bone", "--by", "Jane Q. Doe, MD", store=store)
    last = dt.date.today()
    assert r.returncode == 0, r.stderr
    assert "symptoms-bone: reviewed by Jane Q. Doe, MD" in r.stdout
    after = records(path)
    for aid, rec in before.items():  # every other answer, and every other key, as it was
        if aid != "symptoms-bone":
            assert after[aid] == rec
    signed = after["symptoms-bone"]
    assert {k: v for k, v in signed.items() if k not in ("status", "reviewed_by", "reviewed_on", "signed_hash")} == {
        k: v
        for k, v in before["symptoms-bone"].items()
        if k not in ("status", "reviewed_by", "reviewed_on", "signed_hash")
    }
    assert signed["status"] == "reviewed" and signed["reviewed_by"] == "Jane Q. Doe, MD"
    assert first <= signed["reviewed_on"] <= last and isinstance(signed["signed_hash"], str)
    # the layout is kept: only the review lines of that answer differ
    old_lines, new_lines = before_text.splitlines(), path.read_text().splitlines()
    removed = [line for line in old_lines if line not in new_lines]
    added = [line for line in new_lines if line not in old_lines]
    assert all(
        line.split(":")[0].strip() in ("status", "reviewed_by", "reviewed_on", "signed_hash")
        for line in removed + added
    )
    assert len(added) == 4
    a = answer(store, "symptoms-bone")
    assert is_signed(a) and a.signed_hash == signed_hash(a)


def test_the_reply_says_who_signed_and_when(store: Path) -> None:
    first = dt.date.today()
    sign("symptoms-bone", "Jane Doe, MD", store)
    last = dt.date.today()
    corpus = load_corpus(store)
    a = next(x for x in corpus.answers if x.id == "symptoms-bone")
    review = answer_part(a, corpus.sources).review
    assert (review.status, review.reviewed_by) == ("reviewed", "Jane Doe, MD")
    assert review.reviewed_on in {first.isoformat(), last.isoformat()}
    # the compiled index keeps it (answers travel through to_dict/from_dict)
    assert review_of(Answer.from_dict(a.to_dict())).status == "reviewed"
    # every other answer is still an honest draft
    other = next(x for x in corpus.answers if x.id == "symptoms-lung")
    assert answer_part(other, corpus.sources).review.status == "draft"
    assert answer_part(other, corpus.sources).review.reviewed_by is None


@pytest.mark.parametrize("field", ["short", "detail", "simple", "caveat", "citations"])
def test_a_signed_answer_whose_text_changes_is_a_draft_again(store: Path, field: str) -> None:
    path, _ = sign("symptoms-bone", "Jane Doe, MD", store)
    data = yaml.safe_load(path.read_text())
    rec = next(r for r in data["answers"] if r["id"] == "symptoms-bone")
    if field == "citations":
        rec["citations"] = rec["citations"][:1] + [{"source": "lbbc", "section": "Another section"}]
    else:
        rec[field] = (rec.get(field) or "") + " One more sentence."
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    a = answer(store, "symptoms-bone")
    assert a.status == "reviewed" and not is_signed(a)
    review = review_of(a)
    assert review.status == "draft" and review.reviewed_by is None and review.reviewed_on is None


def test_whitespace_and_folding_do_not_count_as_a_change(store: Path) -> None:
    path, _ = sign("symptoms-bone", "Jane Doe, MD", store)
    data = yaml.safe_load(path.read_text())
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=40))  # rewrapped
    assert is_signed(answer(store, "symptoms-bone"))


def test_signing_again_replaces_the_sign_off(store: Path) -> None:
    sign("symptoms-bone", "Jane Doe, MD", store, on=dt.date(2026, 1, 5))
    first = dt.date.today()
    path, a = sign("symptoms-bone", "Nancy U. Lin, MD", store)
    last = dt.date.today()
    text = path.read_text()
    assert text.count("signed_hash:") == 1 and "Jane Doe" not in text
    assert a.reviewed_by == "Nancy U. Lin, MD" and a.reviewed_on is not None and first <= a.reviewed_on <= last


@pytest.mark.parametrize(
    ("by", "why"),
    [
        ("MD", "has no name"),
        ("M.D.", "has no name"),
        ("Dr", "has no name"),
        ("MD, PhD", "has no name"),
        ("", "no reviewer"),
        ("Jane Doe", "no credential"),
    ],
)
def test_a_reviewer_needs_a_name_and_a_credential(store: Path, by: str, why: str) -> None:
    path = store / "answers" / "symptoms.yml"
    before = path.read_text()
    r = cli("review", "symptoms-bone", "--by", by, store=store)
    assert r.returncode == 1 and why in r.stderr
    assert path.read_text() == before


@pytest.mark.parametrize(
    "by", ["Jane Doe, MD", "Nancy U. Lin, MD", "Dr. Ana García-López, MD, PhD", "Sam O'Neil, RN, OCN", "Lee Wu MD"]
)
def test_real_names_are_accepted(by: str) -> None:
    assert reviewer_problem(by) is None


def test_unknown_answer_id_is_refused_with_a_suggestion(store: Path) -> None:
    r = cli("review", "symptom-bone", "--by", "Jane Doe, MD", store=store)
    assert r.returncode == 1 and "no answer with id 'symptom-bone'" in r.stderr and "symptoms-bone" in r.stderr


def test_a_spanish_text_is_signed_on_its_own_and_the_english_stays_a_draft(store: Path) -> None:
    path = store / "answers" / "symptoms.yml"
    before = records(path)
    assert before["symptoms-bone"]["es"]["status"] == "draft"
    r = cli("review", "symptoms-bone", "--by", "Ana María Pérez, MD", "--lang", "es", store=store)
    assert r.returncode == 0, r.stderr
    assert "symptoms-bone (es): reviewed by Ana María Pérez, MD" in r.stdout
    after = records(path)
    for aid, rec in before.items():
        if aid != "symptoms-bone":
            assert after[aid] == rec
    es = after["symptoms-bone"]["es"]
    assert es["status"] == "reviewed" and es["reviewed_by"] == "Ana María Pérez, MD"
    assert {k: v for k, v in es.items() if k not in REVIEW_KEYS} == {
        k: v for k, v in before["symptoms-bone"]["es"].items() if k not in REVIEW_KEYS
    }
    assert after["symptoms-bone"].get("status", "draft") == before["symptoms-bone"].get("status", "draft")
    a = answer(store, "symptoms-bone")
    assert is_signed(a, "es") and not is_signed(a)
    assert review_of(a, "es").status == "reviewed" and review_of(a).status == "draft"
    # The Spanish text changes: it is a draft again, and says so in Spanish.
    opening = " ".join(es["short"].split()[:4])  # the Spanish short's first words (its first YAML line)
    assert path.read_text().count(opening) == 1
    path.write_text(path.read_text().replace(opening, "XX " + opening, 1))
    changed = answer(store, "symptoms-bone")
    part = answer_part(changed, {}, lang="es")
    assert not is_signed(changed, "es") and part.review.status == "draft" and part.lang == "es"


def test_a_language_the_store_does_not_have_is_refused(store: Path) -> None:
    r = cli("review", "symptoms-bone", "--by", "Jane Doe, MD", "--lang", "fr", store=store)
    assert r.returncode == 1 and "no answers in language 'fr'" in r.stderr


def test_a_future_date_is_refused(store: Path) -> None:
    with pytest.raises(ReviewError, match="future"):
        sign("symptoms-bone", "Jane Doe, MD", store, on=dt.date.today() + dt.timedelta(days=2))


LAYOUT = """\
# A comment that must stay.
answers:
  - id: "first"   # quoted id with a comment
    topic: about
    short: >-
      A folded
      text.
    status: draft
    citations:
      - {source: lbbc, section: "A: B"}

    # a comment between answers
  - id: last
    topic: about
    reviewed: 2026-11-22
    short: Plain.
"""


def test_layout_is_kept_for_other_shapes() -> None:
    values = {"status": "reviewed", "reviewed_by": '"A B, MD"', "reviewed_on": "2026-01-02", "signed_hash": '"0e12"'}
    out = set_review_keys(LAYOUT, "first", values)
    assert out.startswith("# A comment that must stay.\n") and "    # a comment between answers\n" in out
    assert "    status: draft" not in out
    assert (
        '    status: reviewed\n    reviewed_by: "A B, MD"\n    reviewed_on: 2026-01-02\n    signed_hash: "0e12"\n'
        in out
    )
    recs = {r["id"]: r for r in yaml.safe_load(out)["answers"]}
    assert recs["first"]["signed_hash"] == "0e12"  # quoted: a hex digest is never read as a number
    assert recs["first"]["short"] == "A folded text." and recs["last"] == yaml.safe_load(LAYOUT)["answers"][1]
    out2 = set_review_keys(LAYOUT, "last", values)  # after `reviewed:`, at the end of the file
    assert "    reviewed: 2026-11-22\n    status: reviewed\n" in out2
    assert yaml.safe_load(out2)["answers"][1]["short"] == "Plain."
