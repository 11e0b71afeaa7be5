"""Checks that keep the store honest: every answer cited, every citation known, every
sign-off by a named clinician, and every answer id the bot can send (domain.yml,
data/dialogue/acts.yml, the code) one that exists.

``validate`` returns errors (the store must not be built with any); ``warnings`` returns
what editors should look at soon (old reviews) but does not block a build.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mbc import paths
from mbc.loader import Corpus
from mbc.review import RE_REVIEW_DAYS, STATUSES, is_signed, reviewer_problem, text_changed_since_signed
from mbc.terms import Vocabulary

TOPICS = (
    "about",
    "spread",
    "symptoms",
    "diagnosis",
    "treatment",
    "side_effects",
    "terms",
    "figures",
    "support",
    "risk",
)
# Intents the custom action answers from the store. Each needs exactly one
# general answer (entities: {}) so that a question without a subject still works.
FAQ_INTENTS = (
    "ask_what_is_mbc",
    "ask_spread",
    "ask_symptoms",
    "ask_diagnosis",
    "ask_treatment",
    "ask_side_effects",
    "ask_definition",
    "ask_statistics",
    "ask_support",
    "ask_risk_reduction",
    "personal_advice",
    "express_emotion",
)
MAX_SHORT_CHARS = 400
SOURCE_REVIEW_YEARS = 2  # warn when a source's own review date is older than this

# Where the bot's code may name an answer id. Every string literal there that looks like
# one (``symptoms-bone``) must be an answer in the store; so must these named constants.
CODE_PLACES = ("mbc", "actions", "channels", "addons", "web")
NAMED_CONSTANTS = {"mbc/respond.py": ("DEFERRAL_ANSWER", "FEELINGS_ANSWER")}
ID_PREFIXES = tuple(t.replace("_", "-") for t in TOPICS) + ("advice",)
ANSWER_ID_LIKE = re.compile(r"^(?:{})(?:-[a-z0-9]+)+$".format("|".join(ID_PREFIXES)))
PAYLOAD = re.compile(r"^/(?P<intent>\w+)(?P<json>\{.*\})?$", re.S)


def validate(corpus: Corpus, vocab: Vocabulary, root: Path | None = None, today: dt.date | None = None) -> list[str]:
    """Return every problem found (empty list = valid). ``root``: the project folder whose
    domain.yml, data/dialogue/acts.yml and code are checked for answer ids (default: this
    project)."""
    errors = list(corpus.errors)
    ids = Counter(a.id for a in corpus.answers)
    errors += [f"duplicate answer id {i!r} ({n} times)" for i, n in ids.items() if n > 1]
    overviews = Counter(a.topic for a in corpus.answers if a.overview)
    errors += [f"topic {t!r} has {n} overview answers (at most one)" for t, n in overviews.items() if n > 1]
    for a in corpus.answers:
        where = f"{a.file}: {a.id}"
        if not a.citations:
            errors.append(f"{where}: has no citation")
        for c in a.citations:
            if c.source not in corpus.sources:
                errors.append(f"{where}: cites unknown source {c.source!r}")
            if not c.section:
                errors.append(f"{where}: citation to {c.source!r} names no section")
        if a.topic not in TOPICS:
            errors.append(f"{where}: unknown topic {a.topic!r}")
        for intent in a.intents:
            if intent not in FAQ_INTENTS:
                errors.append(f"{where}: unknown intent {intent!r}")
        if not a.intents:
            errors.append(f"{where}: lists no intent")
        for etype, values in a.entities.items():
            known = vocab.values(etype)
            for v in values:
                if v not in known:
                    errors.append(f"{where}: entity {etype}={v!r} is not in terms.yml")
        if not a.short:
            errors.append(f"{where}: empty short answer")
        elif len(a.short) > MAX_SHORT_CHARS:
            errors.append(f"{where}: short answer longer than {MAX_SHORT_CHARS} characters")
        if not a.question:
            errors.append(f"{where}: no question")
        if a.reviewed is None:
            errors.append(f"{where}: no reviewed date")
        errors += _review_errors(a, where, today or dt.date.today())
        errors += _translation_errors(a, where, today or dt.date.today())
    topics = {a.topic for a in corpus.answers}
    errors += [f"topic {t!r} has no answer" for t in TOPICS if t not in topics]
    for intent in FAQ_INTENTS:
        general = [a.id for a in corpus.answers if intent in a.intents and a.is_general]
        if not any(intent in a.intents for a in corpus.answers):
            errors.append(f"intent {intent!r} has no answer")
        elif len(general) != 1:
            errors.append(f"intent {intent!r} needs exactly one general answer, has {general}")
    errors += _source_errors(corpus)
    errors += validate_references(corpus, root)
    return errors


REQUIRED_TRANSLATIONS: tuple[str, ...] = ("es",)  # every answer has its Spanish text (issue 12)
MIN_TRANSLATED_QUESTIONS = 8  # the Spanish question bank: ways Spanish speakers ask it


def _translation_errors(a: Any, where: str, today: dt.date) -> list[str]:
    out = []
    for lang in REQUIRED_TRANSLATIONS:
        t = a.text_in(lang)
        if t is None:
            out.append(f"{where}: has no {lang}: text")
            continue
        w = f"{where} ({lang})"
        if not t.question or not t.short:
            out.append(f"{w}: needs a question and a short text")
        elif len(t.short) > MAX_SHORT_CHARS * 1.25:  # Spanish runs ~20 % longer than English
            out.append(f"{w}: short text longer than {int(MAX_SHORT_CHARS * 1.25)} characters")
        if bool(a.detail) != bool(t.detail) or bool(a.simple) != bool(t.simple) or bool(a.caveat) != bool(t.caveat):
            out.append(f"{w}: must have the same parts (detail, simple, caveat) as the English")
        if len(set(t.questions)) < MIN_TRANSLATED_QUESTIONS:
            out.append(
                f"{w}: needs at least {MIN_TRANSLATED_QUESTIONS} different questions, has {len(set(t.questions))}"
            )
        out += _review_errors(t, w, today)
    return out


def _review_errors(a: Any, where: str, today: dt.date) -> list[str]:
    """A sign-off must be real: a named clinician, a date, and the hash `mbc review` writes."""
    if a.status not in STATUSES:
        return [f"{where}: status {a.status!r} is not one of {', '.join(STATUSES)}"]
    if a.status != "reviewed":
        return []
    out = []
    problem = reviewer_problem(a.reviewed_by)
    if problem:
        out.append(f"{where}: status is reviewed but {problem}")
    if a.reviewed_on is None:
        out.append(f"{where}: status is reviewed but reviewed_on (the sign-off date) is missing")
    elif a.reviewed_on > today:
        out.append(f"{where}: reviewed_on {a.reviewed_on.isoformat()} is in the future")
    if not a.signed_hash:
        out.append(f"{where}: status is reviewed but it was not signed with `python -m mbc review` (no signed_hash)")
    return out


def _source_errors(corpus: Corpus) -> list[str]:
    out = []
    for src in corpus.sources.values():
        if src.reviewers and all(len(str(r).strip()) <= 1 for r in src.reviewers):
            out.append(f'sources.yml: {src.id}: reviewers must be a list of quoted names: ["Name, MD", …]')
            continue
        for r in src.reviewers:
            problem = reviewer_problem(str(r), need_credential=False)
            if problem:
                out.append(
                    f"sources.yml: {src.id}: {problem}; quote each full name: "
                    '["Zanetta Lamar, MD", "Nancy U. Lin, MD"]'
                )
    return out


def warnings(corpus: Corpus, today: dt.date | None = None) -> list[str]:
    """What editors should look at soon; never blocks a build."""
    today = today or dt.date.today()
    out = []
    never = []
    for a in corpus.answers:
        where = f"{a.file}: {a.id}"
        if text_changed_since_signed(a):
            out.append(
                f"{where}: its text changed after {a.reviewed_by} signed it on {a.reviewed_on}; "
                "it is shown as a draft until a clinician signs it again"
            )
        elif is_signed(a):
            assert a.reviewed_on is not None
            if (today - a.reviewed_on).days > RE_REVIEW_DAYS:
                out.append(f"{where}: not reviewed by a clinician for over 12 months (last {a.reviewed_on})")
        elif a.status != "reviewed":
            never.append(a.id)
        if a.reviewed and (today - a.reviewed).days > RE_REVIEW_DAYS:
            out.append(f"{where}: not checked against its sources for over 12 months (last {a.reviewed})")
    if never:
        shown = ", ".join(never[:5]) + (", …" if len(never) > 5 else "")
        out.append(
            f"{len(never)} of {len(corpus.answers)} answers are not yet reviewed by a clinician and are shown "
            f"as drafts ({shown}); `python -m mbc report` lists them"
        )
    for src in corpus.sources.values():
        if src.reviewed and src.reviewed < _years_before(today, SOURCE_REVIEW_YEARS):
            out.append(
                f"sources.yml: {src.id}: the source's own review date {src.reviewed} is over "
                f"{SOURCE_REVIEW_YEARS} years old; check whether the publisher has updated it"
            )
    return out


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# ---------------------------------------------------------------------------------------
# Answer ids named outside the store


@dataclass
class References:
    """Every answer id and response name the bot can send, with where it is named."""

    answer_ids: list[tuple[str, str]] = field(default_factory=list)  # (id, where)
    responses: set[str] = field(default_factory=set)  # domain.yml response names
    errors: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path | None = None) -> References:
        base = root or paths.ROOT
        refs = cls()
        domain = refs._yaml(base / "domain.yml", "domain.yml")
        refs.responses = set((domain.get("responses") or {}) if isinstance(domain, dict) else ())
        refs.answer_ids += [(i, f"domain.yml: {w}") for i, w in _ids_in(domain, "")]
        for path in sorted((base / "data" / "rules").glob("*.yml")):
            refs.answer_ids += [
                (i, f"data/rules/{path.name}: {w}") for i, w in _ids_in(refs._yaml(path, path.name), "")
            ]
        acts_path = paths.dialogue_file() if root is None else base / "data" / "dialogue" / "acts.yml"
        acts = refs._yaml(acts_path, "acts.yml")
        refs.answer_ids += [
            (i, f"data/dialogue/acts.yml: {w}") for i, w in _ids_in(acts, "", keys=("answer", "answer_id"))
        ]
        for place in CODE_PLACES:
            for path in sorted((base / place).rglob("*.py")):
                rel = path.relative_to(base).as_posix()
                refs.answer_ids += refs._code_ids(path, rel)
        return refs

    def _yaml(self, path: Path, name: str) -> Any:
        if not path.exists():
            return {}
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            self.errors.append(f"{name}: not valid YAML: {exc}")
            return {}

    def _code_ids(self, path: Path, rel: str) -> list[tuple[str, str]]:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        except SyntaxError as exc:
            self.errors.append(f"{rel}: cannot be parsed: {exc.msg} (line {exc.lineno})")
            return []
        found = [
            (n.value, f"{rel}:{n.lineno}")
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and ANSWER_ID_LIKE.match(n.value)
        ]
        for name in NAMED_CONSTANTS.get(rel, ()):
            values = [
                n.value.value
                for n in ast.walk(tree)
                if isinstance(n, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)
                and isinstance(n.value, ast.Constant)
                and isinstance(n.value.value, str)
            ]
            if not values:
                self.errors.append(f"{rel}: no longer defines {name} as an answer id (update mbc/validate.py)")
            found += [(v, f"{rel}: {name}") for v in values if not ANSWER_ID_LIKE.match(v)]
        return found


def _ids_in(node: Any, where: str, keys: tuple[str, ...] = ("answer_id",)) -> Iterator[tuple[str, str]]:
    """Answer ids in a parsed YAML tree: values of ``keys`` and button payloads
    (``/show_answer{"answer_id": "…"}``)."""
    if isinstance(node, dict):
        for k, v in node.items():
            here = f"{where}.{k}" if where else str(k)
            if k in keys and isinstance(v, str):
                yield v, here
            else:
                yield from _ids_in(v, here, keys)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _ids_in(v, f"{where}[{i}]", keys)
    elif isinstance(node, str):
        m = PAYLOAD.match(node.strip())
        if m and m.group("json"):
            try:
                data = json.loads(m.group("json"))
            except ValueError:
                return
            if isinstance(data, dict) and isinstance(data.get("answer_id"), str):
                yield data["answer_id"], f"{where} (payload {node.strip()})"


def validate_references(corpus: Corpus, root: Path | None = None) -> list[str]:
    """Every answer id named in domain.yml, the rules, acts.yml and the code exists, and
    every ``get_help`` name is a domain response."""
    refs = References.load(root)
    known = {a.id for a in corpus.answers}
    errors = list(refs.errors)
    errors += [f"{where}: unknown answer id {aid!r}" for aid, where in refs.answer_ids if aid not in known]
    if refs.responses:
        for a in corpus.answers:
            errors += [
                f"{a.file}: {a.id}: get_help names {name!r}, which is not a response in domain.yml"
                for name in a.get_help
                if name not in refs.responses
            ]
    else:
        errors.append("domain.yml: no responses found (cannot check get_help names)")
    return errors


def validate_relations(
    drug_class: dict[str, tuple[str, ...]],
    vocab: Vocabulary,
    therapy_class: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """relations.yml may only name drugs and therapies that terms.yml knows."""
    therapies = vocab.values("therapy")
    errors = [f"relations.yml: unknown drug {d!r}" for d in drug_class if d not in vocab.values("drug")]
    for drug, classes in drug_class.items():
        errors += [f"relations.yml: {drug}: unknown therapy {c!r}" for c in classes if c not in therapies]
    for therapy, parents in (therapy_class or {}).items():
        if therapy not in therapies:
            errors.append(f"relations.yml: therapy_class: unknown therapy {therapy!r}")
        errors += [f"relations.yml: {therapy}: unknown therapy {c!r}" for c in parents if c not in therapies]
    return errors
