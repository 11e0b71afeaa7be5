"""Command line: ``python -m mbc validate | build | build-nlp | lookup "bone scan" |
review ANSWER_ID --by "Name, MD" | report --days 30``."""

from __future__ import annotations

import argparse
import json
import sys

from mbc import paths
from mbc.lean import block_tensorflow
from mbc.loader import load_corpus
from mbc.terms import Vocabulary
from mbc.validate import validate, validate_relations, warnings


def _validate(_: argparse.Namespace) -> int:
    """Errors fail (exit 1); warnings (reviews growing old) are printed but pass."""
    kdir = paths.knowledge_dir()
    corpus = load_corpus(kdir)
    vocab = Vocabulary.load(kdir / "terms.yml")
    from mbc.kb import load_drug_classes

    relations = kdir / "relations.yml"
    errors = validate(corpus, vocab) + validate_relations(
        load_drug_classes(relations), vocab, load_drug_classes(relations, "therapy_class")
    )
    warned = warnings(corpus)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    for w in warned:
        print(f"warning: {w}", file=sys.stderr)
    print(
        f"{len(corpus.answers)} answers, {len(corpus.sources)} sources, {len(errors)} problems, "
        f"{len(warned)} warnings"
    )
    return 1 if errors else 0


def _build_nlp(_: argparse.Namespace) -> int:
    from mbc.nlp import build

    out = build(Vocabulary.load(paths.knowledge_dir() / "terms.yml"), paths.spacy_dir())
    print(f"spaCy pipeline written to {out}")
    return 0


def _build(_: argparse.Namespace) -> int:
    from mbc.kb import StoreInvalid, build

    try:
        out = build()
    except StoreInvalid as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    print(f"index written to {out}")
    return 0


def _lookup(args: argparse.Namespace) -> int:
    from mbc.kb import get_kb
    from mbc.render import plain_text

    kb = get_kb()
    results = kb.search(" ".join(args.query), limit=args.limit)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": a.id,
                        "score": round(s, 3),
                        "question": a.question,
                        "rendered": kb.render(a).payload(),
                        "text": kb.render(a).text,
                    }
                    for a, s in results
                ],
                indent=2,
            )
        )
        return 0
    if not results:
        print("No curated answer matches. Offer the LBBC helpline: (888) 753-5222.")
        return 1
    for rank, (a, score) in enumerate(results, 1):
        print(f"{rank}. [{a.id}] {a.question}  (score {score:.2f})")
        print(f"   {plain_text(a, kb.sources)}")
        print(f"   {kb.render(a).sources_text}\n")
    return 0


def _review(args: argparse.Namespace) -> int:
    import datetime as dt

    from mbc.review import ReviewError, sign

    try:
        on = dt.date.fromisoformat(args.on) if args.on else None
        path, answer = sign(args.answer_id, args.by, paths.knowledge_dir(), on=on, lang=args.lang)
    except (ReviewError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    t = answer.text_in(args.lang) if args.lang != "en" else None
    by, on_, hash_ = (
        (t.reviewed_by, t.reviewed_on, t.signed_hash)
        if t
        else (
            answer.reviewed_by,
            answer.reviewed_on,
            answer.signed_hash,
        )
    )
    what = f"{answer.id} ({args.lang})" if t else answer.id
    print(
        f"{what}: reviewed by {by} on {on_} (signed text {hash_}), recorded in {path.name}. "
        "Run `make build-store` and restart the bot to show it."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    block_tensorflow()
    parser = argparse.ArgumentParser(prog="python -m mbc", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("validate", help="check the YAML store").set_defaults(func=_validate)
    sub.add_parser("build-nlp", help="build the spaCy pipeline").set_defaults(func=_build_nlp)
    sub.add_parser("build", help="validate and compile the store index").set_defaults(func=_build)
    p = sub.add_parser("lookup", help="ranked answers with their sources")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=3)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_lookup)
    r = sub.add_parser("review", help="record a clinician's sign-off of one answer in its YAML file")
    r.add_argument("answer_id")
    r.add_argument("--by", required=True, help='the clinician\'s name and credential, e.g. "Jane Doe, MD"')
    r.add_argument("--on", help="date of the sign-off, YYYY-MM-DD (default: today)")
    r.add_argument(
        "--lang", default="en", help="language of the text signed: en (default) or es (the answer's Spanish text)"
    )
    r.set_defaults(func=_review)
    from mbc import report

    rp = sub.add_parser("report", help="the editors' report from the tracker store (Markdown or JSON)")
    report.add_arguments(rp)
    rp.set_defaults(func=report.run)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
