"""The validator catches what would make an answer untrustworthy: missing citations, a
sign-off without a named clinician, an answer id the bot sends that does not exist."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from mbc import paths
from mbc.loader import load_corpus
from mbc.terms import Vocabulary
from mbc.validate import validate, warnings


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    """A copy of the real store that a test can break."""
    shutil.copytree(paths.knowledge_dir(), tmp_path / "k")
    return tmp_path / "k"


def problems(store: Path) -> list[str]:
    return validate(load_corpus(store), Vocabulary.load(store / "terms.yml"))


def edit_first_answer(store: Path, change) -> str:
    path = sorted((store / "answers").glob("*.yml"))[0]
    data = yaml.safe_load(path.read_text())
    change(data["answers"])
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return data["answers"][0]["id"]


def test_the_real_store_is_valid() -> None:
    assert problems(paths.knowledge_dir()) == []


def test_answer_without_citation_fails(store: Path) -> None:
    aid = edit_first_answer(store, lambda a: a[0].update(citations=[]))
    assert any(aid in p and "no citation" in p for p in problems(store))


def test_citation_to_unknown_source_fails(store: Path) -> None:
    aid = edit_first_answer(store, lambda a: a[0]["citations"].append({"source": "wikipedia", "section": "x"}))
    assert any(aid in p and "unknown source 'wikipedia'" in p for p in problems(store))


def test_duplicate_id_fails(store: Path) -> None:
    def dup(answers: list) -> None:
        answers.append(dict(answers[0], entities={"site": ["bone"]}))

    aid = edit_first_answer(store, dup)
    assert any(f"duplicate answer id '{aid}'" in p for p in problems(store))


def test_two_overview_answers_in_one_topic_fail(store: Path) -> None:
    def two(answers: list) -> None:
        for a in answers[:2]:
            a["overview"] = True
            a["topic"] = answers[0]["topic"]

    edit_first_answer(store, two)
    assert any("overview answers (at most one)" in p for p in problems(store))


def test_intent_without_answer_fails(store: Path) -> None:
    for path in (store / "answers").glob("*.yml"):
        data = yaml.safe_load(path.read_text())
        for a in data["answers"]:
            a["intents"] = [i for i in a["intents"] if i != "ask_risk_reduction"] or ["ask_definition"]
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    assert "intent 'ask_risk_reduction' has no answer" in problems(store)


def test_topic_without_answer_fails(store: Path) -> None:
    (store / "answers" / "risk.yml").unlink()
    assert "topic 'risk' has no answer" in problems(store)


def test_unknown_entity_value_fails(store: Path) -> None:
    aid = edit_first_answer(store, lambda a: a[0].update(entities={"site": ["elbow"]}))
    assert any(aid in p and "site='elbow'" in p for p in problems(store))


def test_broken_yaml_is_reported_not_raised(store: Path) -> None:
    (store / "answers" / "broken.yml").write_text("answers: [unclosed\n")
    assert any("broken.yml: not valid YAML" in p for p in problems(store))


def test_relations_naming_unknown_drug_or_therapy_fail() -> None:
    from mbc.validate import validate_relations

    vocab = Vocabulary.load(paths.knowledge_dir() / "terms.yml")
    errors = validate_relations({"aspirin": ("hormone_therapy",), "tamoxifen": ("magic",)}, vocab)
    assert "relations.yml: unknown drug 'aspirin'" in errors
    assert "relations.yml: tamoxifen: unknown therapy 'magic'" in errors
    errors = validate_relations({}, vocab, {"magic": ("hormone_therapy",), "cdk46_inhibitor": ("potion",)})
    assert errors == [
        "relations.yml: therapy_class: unknown therapy 'magic'",
        "relations.yml: cdk46_inhibitor: unknown therapy 'potion'",
    ]
    from mbc.kb import load_drug_classes

    relations = paths.knowledge_dir() / "relations.yml"
    assert validate_relations(load_drug_classes(relations), vocab, load_drug_classes(relations, "therapy_class")) == []


# --- clinician sign-off -------------------------------------------------------------------

TODAY = dt.date.today()


def set_answer(store: Path, answer_id: str, **fields) -> None:  # type: ignore[no-untyped-def]
    for path in (store / "answers").glob("*.yml"):
        data = yaml.safe_load(path.read_text())
        for a in data["answers"]:
            if a["id"] == answer_id:
                a.update(fields)
                path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
                return
    raise AssertionError(answer_id)


def signed(store: Path, answer_id: str, by: str = "Jane Doe, MD", on: dt.date | None = None) -> None:
    from mbc.review import sign

    sign(answer_id, by, store, on=on)


def test_reviewed_with_no_reviewer_fails(store: Path) -> None:
    set_answer(store, "symptoms-bone", status="reviewed", reviewed_on=TODAY.isoformat(), signed_hash="x")
    assert any("symptoms-bone" in p and "status is reviewed but no reviewer named" in p for p in problems(store))


@pytest.mark.parametrize("by", ["MD", "M.D.", "Dr", "RN, PhD"])
def test_reviewed_by_a_credential_alone_fails(store: Path, by: str) -> None:
    signed(store, "symptoms-bone")
    set_answer(store, "symptoms-bone", reviewed_by=by)
    assert any("symptoms-bone" in p and "has no name" in p for p in problems(store))


def test_reviewed_by_hand_without_mbc_review_fails(store: Path) -> None:
    set_answer(store, "symptoms-bone", status="reviewed", reviewed_by="Jane Doe, MD", reviewed_on=TODAY.isoformat())
    assert any("symptoms-bone" in p and "not signed with `python -m mbc review`" in p for p in problems(store))


def test_reviewed_without_a_date_and_unknown_status_fail(store: Path) -> None:
    signed(store, "symptoms-bone")
    set_answer(store, "symptoms-bone", reviewed_on=None)
    set_answer(store, "symptoms-lung", status="approved")
    found = problems(store)
    assert any("symptoms-bone" in p and "reviewed_on (the sign-off date) is missing" in p for p in found)
    assert any("symptoms-lung" in p and "status 'approved' is not one of draft, reviewed" in p for p in found)


def test_a_proper_sign_off_is_valid_and_not_warned(store: Path) -> None:
    signed(store, "symptoms-bone")
    assert problems(store) == []
    assert not [w for w in warnings(load_corpus(store)) if "symptoms-bone" in w]


def test_sign_off_older_than_12_months_warns(store: Path) -> None:
    signed(store, "symptoms-bone", on=TODAY - dt.timedelta(days=400))
    assert problems(store) == []  # a warning, not an error
    assert any(
        "symptoms-bone" in w and "not reviewed by a clinician for over 12 months" in w
        for w in warnings(load_corpus(store))
    )


def test_text_changed_after_sign_off_warns(store: Path) -> None:
    signed(store, "symptoms-bone")
    set_answer(store, "symptoms-bone", short="Changed text.")
    assert any(
        "symptoms-bone" in w and "shown as a draft until a clinician signs it again" in w
        for w in warnings(load_corpus(store))
    )


def test_drafts_are_counted_in_a_warning() -> None:
    corpus = load_corpus(paths.knowledge_dir())
    drafts = sum(1 for a in corpus.answers if a.status != "reviewed")
    assert any(
        f"{drafts} of {len(corpus.answers)} answers are not yet reviewed by a clinician" in w for w in warnings(corpus)
    )


def test_source_reviewed_over_2_years_ago_warns(store: Path) -> None:
    path = store / "sources.yml"
    old = (TODAY - dt.timedelta(days=2 * 365 + 30)).isoformat()
    path.write_text(path.read_text().replace("reviewed: 2025-07-10", f"reviewed: {old}"))
    assert any("sources.yml: lbbc" in w and "over 2 years old" in w for w in warnings(load_corpus(store)))
    assert not any("sources.yml" in w for w in warnings(load_corpus(paths.knowledge_dir()), today=dt.date(2026, 12, 1)))


def test_lbbc_reviewers_are_two_named_people() -> None:
    src = load_corpus(paths.knowledge_dir()).sources["lbbc"]
    assert src.reviewers == ("Zanetta Lamar, MD", "Nancy U. Lin, MD")


def test_unquoted_reviewers_parse_as_four_and_fail(store: Path) -> None:
    path = store / "sources.yml"
    path.write_text(
        path.read_text().replace('["Zanetta Lamar, MD", "Nancy U. Lin, MD"]', "[Zanetta Lamar, MD, Nancy U. Lin, MD]")
    )
    assert len(load_corpus(store).sources["lbbc"].reviewers) == 4
    assert sum("sources.yml: lbbc: reviewer 'MD' has no name" in p for p in problems(store)) == 2


def test_a_reviewer_written_as_a_string_fails(store: Path) -> None:
    path = store / "sources.yml"
    path.write_text(path.read_text().replace('["Zanetta Lamar, MD", "Nancy U. Lin, MD"]', "Zanetta Lamar MD"))
    assert any("lbbc: reviewers must be a list of quoted names" in p for p in problems(store))


# --- answer ids named outside the store ----------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of what the reference check reads: domain, rules, acts and code."""
    root = tmp_path / "p"
    (root / "data").mkdir(parents=True)
    shutil.copy(ROOT / "domain.yml", root / "domain.yml")
    for d in ("data/dialogue", "data/rules"):
        shutil.copytree(ROOT / d, root / d)
    for d in ("mbc", "actions", "channels", "addons", "web"):
        shutil.copytree(ROOT / d, root / d, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "static", "pages"))
    return root


def refs_problems(root: Path) -> list[str]:
    store = paths.knowledge_dir()
    return validate(load_corpus(store), Vocabulary.load(store / "terms.yml"), root=root)


def test_the_project_copy_is_valid(project: Path) -> None:
    assert refs_problems(project) == []


def test_unknown_answer_id_in_a_domain_button_fails(project: Path) -> None:
    domain = yaml.safe_load((project / "domain.yml").read_text())
    domain["responses"]["utter_advice_offer"] = [
        {
            "text": "Would a list help?",
            "buttons": [{"title": "Yes", "payload": '/show_answer{"answer_id": "support-questions-oncologist"}'}],
        }
    ]
    (project / "domain.yml").write_text(yaml.safe_dump(domain, sort_keys=False, allow_unicode=True))
    assert any(
        p.startswith("domain.yml: responses.utter_advice_offer")
        and "unknown answer id 'support-questions-oncologist'" in p
        for p in refs_problems(project)
    )


def test_unknown_answer_id_in_a_menu_fails(project: Path) -> None:
    acts = project / "data" / "dialogue" / "acts.yml"
    acts.write_text(
        acts.read_text().replace("answer: support-oncologist-questions", "answer: support-questions-oncologist")
    )
    assert any(
        "data/dialogue/acts.yml: menus.advice_offer[0].answer: unknown answer id 'support-questions-oncologist'" in p
        for p in refs_problems(project)
    )


def test_unknown_answer_id_in_code_fails(project: Path) -> None:
    respond = project / "mbc" / "respond.py"
    respond.write_text(
        respond.read_text().replace('DEFERRAL_ANSWER = "advice-care-team"', 'DEFERRAL_ANSWER = "advice-careteam"')
    )
    (project / "channels" / "extra.py").write_text('WELCOME = "symptoms-bones"\nCSS = "side-effects"\n')
    found = refs_problems(project)
    assert any(p.startswith("mbc/respond.py:") and "unknown answer id 'advice-careteam'" in p for p in found)
    assert any(p.startswith("channels/extra.py:1") and "unknown answer id 'symptoms-bones'" in p for p in found)
    assert not any("'side-effects'" in p for p in found)


def test_a_named_constant_that_disappears_fails(project: Path) -> None:
    respond = project / "mbc" / "respond.py"
    respond.write_text(
        respond.read_text().replace("FEELINGS_ANSWER =", "FEELINGS =").replace("FEELINGS_ANSWER", "FEELINGS")
    )
    assert (
        "mbc/respond.py: no longer defines FEELINGS_ANSWER as an answer id (update mbc/validate.py)"
        in refs_problems(project)
    )


def test_get_help_must_be_a_domain_response(store: Path) -> None:
    set_answer(store, "symptoms-bone", get_help=["utter_get_help_spinal_cord", "utter_get_help_spine"])
    found = problems(store)
    assert any("symptoms-bone: get_help names 'utter_get_help_spine'" in p for p in found)
    assert not any("'utter_get_help_spinal_cord'" in p for p in found)
